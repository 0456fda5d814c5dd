/**
 * The client-side limiter that keeps a Connect client under its documented limit (100 requests a second,
 * 2000 a minute per client id, whichever token it sends), so bursts queue here instead of drawing 429s.
 * Sliding windows over the requests' slots. A slot is held from the moment the request is let go until its
 * answer (or failure) is in, and counts for a window after that: the server counts a request when it
 * arrives, which lies in between, so no window the server can see ever holds more than the limit.
 * Requests queue in order; one whose wait would exceed the ceiling fails at once with RATE_LIMITED and
 * retryAfterMs; an aborted signal takes a queued request out (CANCELLED).
 */
import { AppError } from '../../shared/errors.ts'
import type { RateLimitSettings } from '../config.ts'
import { apiLabel } from './apis.ts'
import type { ApiName } from './apis.ts'
import { cancelledError } from './cancellation.ts'

export interface RateLimiter {
  /** Waits for a slot; call the returned function once the answer (or failure) is in. */
  acquire(signal?: AbortSignal): Promise<() => void>
}

export interface LimiterOptions extends RateLimitSettings {
  provider: ApiName
  /** A wait longer than this is refused at once. */
  ceilingMs: number
}

interface Slot {
  /** When its answer came in; null while in flight (it counts in every window then). */
  end: number | null
}

interface Waiter {
  since: number
  grant: (done: () => void) => void
  refuse: (error: AppError) => void
}

const SECOND_MS = 1_000
const MINUTE_MS = 60_000

export function createRateLimiter(options: LimiterOptions): RateLimiter {
  const windows = [
    { ms: SECOND_MS, limit: Math.max(1, options.perSecond) },
    { ms: MINUTE_MS, limit: Math.max(1, options.perMinute) },
  ]
  let slots: Slot[] = []
  const queue: Waiter[] = []
  let timer: ReturnType<typeof setTimeout> | null = null

  /** Slot end times (in flight: now) counting in each window, oldest first. */
  const occupancy = (now: number): number[][] => {
    slots = slots.filter((slot) => slot.end === null || now - slot.end < MINUTE_MS)
    return windows.map(({ ms }) =>
      slots
        .filter((slot) => slot.end === null || now - slot.end < ms)
        .map((slot) => slot.end ?? now)
        .sort((a, b) => a - b),
    )
  }

  /**
   * How long the request at queue position `position` waits at least: until the slot `limit` places
   * before its own has left each window. Slots not given out yet are given no earlier than that rule
   * allows; slots in flight count as ending now (a lower bound, exact once their answers are in).
   */
  const waitOf = (position: number, ends: number[][], now: number): number =>
    Math.max(
      0,
      ...windows.map(({ ms, limit }, index) => {
        const held = ends[index]!
        let slot = held.length + position - limit
        if (slot < 0) return 0
        let rounds = 0
        while (slot >= held.length) {
          slot -= limit
          rounds += 1
        }
        return slot < 0 ? rounds * ms : held[slot]! + (rounds + 1) * ms - now
      }),
    )

  const give = (waiter: Waiter): void => {
    const slot: Slot = { end: null }
    slots.push(slot)
    waiter.grant(() => {
      if (slot.end !== null) return
      slot.end = Date.now()
      pump()
    })
  }

  const refuse = (waiter: Waiter, waitMs: number): void => waiter.refuse(rateLimited(options.provider, waitMs))

  function pump(): void {
    if (timer !== null) clearTimeout(timer)
    timer = null
    const now = Date.now()
    const ends = occupancy(now)
    while (queue.length > 0 && waitOf(0, ends, now) === 0) {
      give(queue.shift()!)
      // In flight from now on: it counts as ending now, the latest of all.
      for (const held of ends) held.push(now)
    }
    // Never queued forever: whoever would now wait past the ceiling is told when to come back.
    for (let index = queue.length - 1; index >= 0; index -= 1) {
      const waiter = queue[index]!
      const wait = waitOf(index, ends, now)
      if (now - waiter.since + wait > options.ceilingMs) {
        queue.splice(index, 1)
        refuse(waiter, wait)
      }
    }
    // Answers coming in call pump() as well; the timer covers slots leaving a window.
    if (queue.length > 0) timer = setTimeout(pump, waitOf(0, ends, now))
  }

  return {
    acquire(signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) {
          reject(cancelledError(options.provider))
          return
        }
        const now = Date.now()
        const waiter: Waiter = { since: now, grant: resolve, refuse: reject }
        const ends = occupancy(now)
        const wait = waitOf(queue.length, ends, now)
        if (queue.length === 0 && wait === 0) {
          give(waiter)
          return
        }
        if (wait > options.ceilingMs) {
          refuse(waiter, wait)
          return
        }
        const onAbort = () => {
          const index = queue.indexOf(waiter)
          if (index !== -1) queue.splice(index, 1)
          reject(cancelledError(options.provider))
          pump()
        }
        signal?.addEventListener('abort', onAbort, { once: true })
        waiter.grant = (done) => {
          signal?.removeEventListener('abort', onAbort)
          resolve(done)
        }
        waiter.refuse = (error) => {
          signal?.removeEventListener('abort', onAbort)
          reject(error)
        }
        queue.push(waiter)
        if (queue.length === 1) pump()
      })
    },
  }
}

function rateLimited(provider: ApiName, waitMs: number): AppError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000))
  return new AppError(
    'RATE_LIMITED',
    `The console has used up ${apiLabel(provider)}'s request limit for now. Try again in ${seconds} s.`,
    { provider, retryAfterMs: Math.ceil(waitMs) },
  )
}

const shared = new Map<string, RateLimiter>()

/**
 * The one limiter of a client id on an API: every HttpClient of that client (client-credentials and agent
 * tokens alike, as the limit counts per client id) and every services instance in this process share it.
 */
export function sharedRateLimiter(key: { baseURL: string; clientId: string }, options: LimiterOptions): RateLimiter {
  const id = JSON.stringify([key.baseURL, key.clientId, options.perSecond, options.perMinute, options.ceilingMs])
  let limiter = shared.get(id)
  if (limiter === undefined) {
    limiter = createRateLimiter(options)
    shared.set(id, limiter)
  }
  return limiter
}
