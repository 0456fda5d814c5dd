import { defineStore } from 'pinia'
import { ref } from 'vue'

export type NoticeKind = 'success' | 'info' | 'warning' | 'error'

export interface Notice {
  id: number
  kind: NoticeKind
  text: string
}

const DISMISS_AFTER_MS = 8_000

/** Short confirmations ("Token archived") shown in a polite live region; they fade on their own. */
export const useNotificationStore = defineStore('notifications', () => {
  const notices = ref<Notice[]>([])
  let nextId = 1
  const timers = new Map<number, ReturnType<typeof setTimeout>>()

  function dismiss(id: number): void {
    notices.value = notices.value.filter((notice) => notice.id !== id)
    const timer = timers.get(id)
    if (timer !== undefined) clearTimeout(timer)
    timers.delete(id)
  }

  function notify(kind: NoticeKind, text: string): number {
    const id = nextId++
    // Keep the region short: an agent reads the newest three at most.
    notices.value = [...notices.value.slice(-2), { id, kind, text }]
    timers.set(
      id,
      setTimeout(() => dismiss(id), DISMISS_AFTER_MS),
    )
    return id
  }

  return { notices, notify, dismiss }
})
