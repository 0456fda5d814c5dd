import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Agent } from '../../../shared/domain.ts'
import { t } from '../i18n.ts'
import { useAuthStore } from './auth.ts'
import { useNotificationStore } from './notifications.ts'

/** Time as the idle lock sees it; tests pass their own (or fake the globals, which the default reads at call time). */
export interface IdleClock {
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export const systemClock: IdleClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export const IDLE_MINUTES_KEY = 'support-console.idle-minutes'
export const IDLE_MINUTES = { min: 1, max: 240, default: 15 } as const
/** The warning comes this long before the lock (half the idle time when that is shorter). */
export const WARNING_MS = 60_000
/** Activity is recorded at most once a second (pointermove fires far more often). */
export const ACTIVITY_THROTTLE_MS = 1_000

export type IdlePhase = 'active' | 'warning' | 'locked'

/** A whole number of minutes in range, or null. */
export function parseIdleMinutes(value: unknown): number | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : NaN
  return Number.isInteger(number) && number >= IDLE_MINUTES.min && number <= IDLE_MINUTES.max ? number : null
}

function storedMinutes(): number {
  try {
    return parseIdleMinutes(localStorage.getItem(IDLE_MINUTES_KEY)) ?? IDLE_MINUTES.default
  } catch {
    return IDLE_MINUTES.default
  }
}

/**
 * The idle lock (issue 6 §7): after `idleMinutes` without activity a warning counts down, then the
 * console locks: the agent is signed out in main, and a sign-in unlocks. Nothing else is reset: the
 * views stay mounted under the lock screen, so text typed in them is still there afterwards.
 */
export const useIdleLockStore = defineStore('idleLock', () => {
  const idleMinutes = ref(storedMinutes())
  const phase = ref<IdlePhase>('active')
  /** Whole seconds left before the lock, while warning. */
  const remainingSeconds = ref(0)
  const unlocking = ref(false)

  const idleMs = computed(() => idleMinutes.value * 60_000)
  const warningMs = computed(() => Math.min(WARNING_MS, idleMs.value / 2))

  let clock: IdleClock = systemClock
  let lastActivity = 0
  let timer: unknown = null
  let running = false
  let lockedAgent: Agent | null = null

  function clearTimer(): void {
    if (timer !== null) clock.clearTimeout(timer)
    timer = null
  }

  function schedule(delay: number): void {
    clearTimer()
    timer = clock.setTimeout(tick, Math.max(0, delay))
  }

  /** Works out the phase from the time since the last activity (also right after a sleep). */
  function tick(): void {
    timer = null
    if (!running || phase.value === 'locked') return
    const left = idleMs.value - (clock.now() - lastActivity)
    if (left <= 0) {
      void lock()
    } else if (left <= warningMs.value) {
      phase.value = 'warning'
      remainingSeconds.value = Math.ceil(left / 1000)
      // Next when the shown number drops.
      schedule(left - (remainingSeconds.value - 1) * 1000)
    } else {
      phase.value = 'active'
      schedule(left - warningMs.value)
    }
  }

  function start(custom: IdleClock = systemClock): void {
    stop()
    clock = custom
    running = true
    lastActivity = clock.now()
    if (phase.value !== 'locked') tick()
  }

  function stop(): void {
    running = false
    clearTimer()
  }

  /** Pointer, key, wheel, touch or focus. Ignored while locked: only a sign-in unlocks. */
  function activity(): void {
    if (!running || phase.value === 'locked') return
    const now = clock.now()
    if (phase.value !== 'warning' && now - lastActivity < ACTIVITY_THROTTLE_MS) return
    lastActivity = now
    // The pending timer re-reads lastActivity when it fires; only a shown warning must go at once.
    if (phase.value === 'warning') tick()
  }

  async function lock(): Promise<void> {
    if (phase.value === 'locked') return
    clearTimer()
    phase.value = 'locked'
    remainingSeconds.value = 0
    const auth = useAuthStore()
    lockedAgent = auth.agent
    if (auth.pending) await auth.cancelSignIn()
    // Unknown state (not loaded, unreadable) counts as signed in: sign out to be sure.
    if (auth.status?.signedIn !== false) await auth.signOut()
  }

  /** Sign in again from the lock screen; resolves true once unlocked. */
  async function unlock(): Promise<boolean> {
    if (phase.value !== 'locked' || unlocking.value) return false
    const auth = useAuthStore()
    unlocking.value = true
    const signedIn = await auth.signIn()
    unlocking.value = false
    const agent = auth.agent
    if (!signedIn || agent === null) return false
    if (lockedAgent !== null && lockedAgent.userId !== agent.userId) {
      useNotificationStore().notify('info', t('idle.otherAgent', { name: agent.name, previous: lockedAgent.name }))
    }
    lockedAgent = null
    phase.value = 'active'
    lastActivity = clock.now()
    if (running) tick()
    return true
  }

  /** Saves a valid value (remembered on this computer); returns false for anything out of range. */
  function setIdleMinutes(value: unknown): boolean {
    const minutes = parseIdleMinutes(value)
    if (minutes === null) return false
    idleMinutes.value = minutes
    try {
      localStorage.setItem(IDLE_MINUTES_KEY, String(minutes))
    } catch {
      // Not remembered, but in force for this session.
    }
    if (running && phase.value !== 'locked') {
      lastActivity = clock.now()
      tick()
    }
    return true
  }

  return { idleMinutes, phase, remainingSeconds, unlocking, warningMs, start, stop, activity, stay: activity, lock, unlock, setIdleMinutes }
})
