/**
 * Connect's documented limit: 100 requests per second and 2000 per minute, per client.
 * The minute is a fixed window that renews 60 s after it opened (X-RateLimit-Reset counts down to that);
 * the second is a sliding window, so any 101 requests within one second meet a 429.
 */
import type { SandboxState } from '../state.ts'

export interface RateWindow {
  minuteStartedAt: number
  minuteCount: number
  /** Times of the accepted requests of the last second. */
  lastSecond: number[]
}

export interface RateStatus {
  allowed: boolean
  /** Requests left before a 429. */
  remaining: number
  /** Whole seconds until the minute window renews. */
  resetSeconds: number
}

/** Connect's rate-limit headers, as every Connect answer carries them (and an injected fault imitates them). */
export function rateLimitHeaders(remaining: number, resetSeconds: number): Record<string, string> {
  return { 'X-RateLimit-Remaining': String(remaining), 'X-RateLimit-Reset': String(resetSeconds) }
}

const MINUTE_MS = 60_000
const SECOND_MS = 1_000

function currentWindow(state: SandboxState, clientId: string, now: number): RateWindow {
  let window = state.rateLimit.windows.get(clientId)
  if (!window || now - window.minuteStartedAt >= MINUTE_MS) {
    window = { minuteStartedAt: now, minuteCount: 0, lastSecond: [] }
    state.rateLimit.windows.set(clientId, window)
  }
  window.lastSecond = window.lastSecond.filter((time) => now - time < SECOND_MS)
  return window
}

function statusOf(state: SandboxState, window: RateWindow, now: number, allowed: boolean): RateStatus {
  const { perSecond, perMinute } = state.rateLimit
  const remaining = Math.max(0, Math.min(perMinute - window.minuteCount, perSecond - window.lastSecond.length))
  const resetSeconds = Math.max(1, Math.ceil((window.minuteStartedAt + MINUTE_MS - now) / 1000))
  return { allowed, remaining, resetSeconds }
}

/** Counts one request for the client, unless it is over a limit (refused requests are not counted). */
export function takeRequest(state: SandboxState, clientId: string, now: number = Date.now()): RateStatus {
  const window = currentWindow(state, clientId, now)
  const allowed = window.minuteCount < state.rateLimit.perMinute && window.lastSecond.length < state.rateLimit.perSecond
  if (allowed) {
    window.minuteCount++
    window.lastSecond.push(now)
  }
  return statusOf(state, window, now, allowed)
}

/** The client's current status without counting a request (for replies that never reached the limiter). */
export function peekRequests(state: SandboxState, clientId: string | undefined, now: number = Date.now()): RateStatus {
  const window = clientId ? state.rateLimit.windows.get(clientId) : undefined
  if (!window || now - window.minuteStartedAt >= MINUTE_MS) {
    return { allowed: true, remaining: Math.min(state.rateLimit.perMinute, state.rateLimit.perSecond), resetSeconds: 60 }
  }
  window.lastSecond = window.lastSecond.filter((time) => now - time < SECOND_MS)
  return statusOf(state, window, now, true)
}
