import { onBeforeUnmount, onMounted } from 'vue'
import { useIdleLockStore } from '../stores/idleLock.ts'
import type { IdleClock } from '../stores/idleLock.ts'

/** Marks the idle lock's own elements: focus moving into them is not agent activity. */
export const IDLE_UI_ATTRIBUTE = 'data-idle-ui'

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'focusin'] as const
const GUARDED_EVENTS = ['keydown', 'keyup', 'keypress'] as const

function insideIdleUi(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(`[${IDLE_UI_ATTRIBUTE}]`) !== null
}

/**
 * Feeds the idle lock with the window's activity (pointer, keyboard, wheel, touch, focus; the store
 * throttles) while the calling component is mounted. While locked, key events outside the lock screen
 * are stopped before any other listener (shortcuts) sees them: inert covers clicks and focus, not
 * window-level key handlers.
 */
export function useIdleLock(clock?: IdleClock): ReturnType<typeof useIdleLockStore> {
  const store = useIdleLockStore()

  function onActivity(event: Event): void {
    if ((event.type === 'focusin' || event.type === 'focus') && insideIdleUi(event.target)) return
    store.activity()
  }

  function guard(event: Event): void {
    if (store.phase === 'locked' && !insideIdleUi(event.target)) event.stopImmediatePropagation()
  }

  onMounted(() => {
    for (const type of GUARDED_EVENTS) window.addEventListener(type, guard, { capture: true })
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, { capture: true, passive: true })
    window.addEventListener('focus', onActivity)
    store.start(clock)
  })

  onBeforeUnmount(() => {
    store.stop()
    for (const type of GUARDED_EVENTS) window.removeEventListener(type, guard, { capture: true })
    for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, { capture: true })
    window.removeEventListener('focus', onActivity)
  })

  return store
}
