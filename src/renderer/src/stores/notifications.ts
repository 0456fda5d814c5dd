import { defineStore } from 'pinia'
import { ref } from 'vue'

export type NoticeKind = 'success' | 'info' | 'warning' | 'error'

/** The next step a notice offers as a button, e.g. "Retry Klarna". Running it dismisses the notice. */
export interface NoticeAction {
  label: string
  run: () => unknown
}

export interface Notice {
  id: number
  kind: NoticeKind
  text: string
  /** What to do about it, shown under the text ("Try again at 14:32."). */
  nextStep?: string
  action?: NoticeAction
}

export interface NoticeOptions {
  nextStep?: string | null
  action?: NoticeAction
}

/** Why a notice is not fading right now: the pointer is on it, or focus is in it. */
export type NoticeHold = 'hover' | 'focus'

const DISMISS_AFTER_MS = 8_000

/**
 * Short messages ("Token archived") shown in a polite live region. They fade after a while, but not
 * while the pointer is on one or focus is in it; an error, and a warning with an action, stay until the
 * agent dismisses it or takes the action.
 */
export const useNotificationStore = defineStore('notifications', () => {
  const notices = ref<Notice[]>([])
  let nextId = 1
  const timers = new Map<number, ReturnType<typeof setTimeout>>()
  const holds = new Map<number, Set<NoticeHold>>()

  function stopTimer(id: number): void {
    const timer = timers.get(id)
    if (timer !== undefined) clearTimeout(timer)
    timers.delete(id)
  }

  function startTimer(notice: Notice): void {
    stopTimer(notice.id)
    if (notice.kind === 'error' || (notice.kind === 'warning' && notice.action !== undefined)) return
    timers.set(
      notice.id,
      setTimeout(() => dismiss(notice.id), DISMISS_AFTER_MS),
    )
  }

  function dismiss(id: number): void {
    notices.value = notices.value.filter((notice) => notice.id !== id)
    stopTimer(id)
    holds.delete(id)
  }

  function notify(kind: NoticeKind, text: string, options: NoticeOptions = {}): number {
    const id = nextId++
    const notice: Notice = { id, kind, text }
    if (options.nextStep) notice.nextStep = options.nextStep
    if (options.action) notice.action = options.action
    // Keep the region short: an agent reads the newest three at most.
    const dropped = notices.value.slice(0, -2)
    notices.value = [...notices.value.slice(-2), notice]
    for (const old of dropped) dismiss(old.id)
    startTimer(notice)
    return id
  }

  /** The notice's action: the notice goes, then the action runs. */
  function act(id: number): void {
    const notice = notices.value.find((candidate) => candidate.id === id)
    if (notice?.action === undefined) return
    dismiss(id)
    void notice.action.run()
  }

  /** Keeps a notice from fading while the agent is on it. */
  function hold(id: number, why: NoticeHold): void {
    if (!notices.value.some((notice) => notice.id === id)) return
    const reasons = holds.get(id) ?? new Set<NoticeHold>()
    reasons.add(why)
    holds.set(id, reasons)
    stopTimer(id)
  }

  /** The agent left the notice: it fades after the full time again (unless it stays until dismissed). */
  function release(id: number, why: NoticeHold): void {
    const reasons = holds.get(id)
    if (reasons === undefined) return
    reasons.delete(why)
    if (reasons.size > 0) return
    holds.delete(id)
    const notice = notices.value.find((candidate) => candidate.id === id)
    if (notice !== undefined) startTimer(notice)
  }

  return { notices, notify, dismiss, act, hold, release }
})
