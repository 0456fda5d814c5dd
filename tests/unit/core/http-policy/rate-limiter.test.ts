/**
 * The client-side limiter (src/core/http/rate-limit.ts) on a fake clock: bursts are queued so that no
 * rolling second holds more than 100 requests and no rolling minute more than 2000; a wait past the
 * ceiling is refused at once with RATE_LIMITED and retryAfterMs; an aborted request leaves the queue.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createRateLimiter } from '../../../../src/core/http/rate-limit.ts'
import type { AppError } from '../../../../src/shared/errors.ts'

const CONNECT = { perSecond: 100, perMinute: 2_000, ceilingMs: 30_000, provider: 'connect' } as const

beforeEach(() => {
  vi.useFakeTimers({ now: 0 })
})
afterEach(() => {
  vi.useRealTimers()
})

/** The most release times in any window of `ms` (a rolling window, starting at every release). */
function mostInAnyWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b)
  let most = 0
  let start = 0
  for (let end = 0; end < sorted.length; end += 1) {
    while (sorted[end]! - sorted[start]! >= ms) start += 1
    most = Math.max(most, end - start + 1)
  }
  return most
}

/** Fires `count` requests at once; each is "answered" as soon as it is let go. */
function burst(limiter: ReturnType<typeof createRateLimiter>, count: number) {
  const released: number[] = []
  const refused: AppError[] = []
  const all = Array.from({ length: count }, () =>
    limiter.acquire().then(
      (done) => {
        released.push(Date.now())
        done()
      },
      (error: AppError) => void refused.push(error),
    ),
  )
  return { released, refused, all: Promise.all(all) }
}

describe('the Connect limiter', () => {
  it('a burst of 300 goes out at no more than 100 in any rolling second, and all of it goes', async () => {
    const { released, refused, all } = burst(createRateLimiter(CONNECT), 300)
    await vi.advanceTimersByTimeAsync(5_000)
    await all
    expect(refused).toEqual([])
    expect(released).toHaveLength(300)
    expect(mostInAnyWindow(released, 1_000)).toBe(100)
    // Not slower than it must be: the third hundred leaves two seconds after the first.
    expect(Math.max(...released)).toBe(2_000)
  })

  it('a burst of 2500 keeps any rolling minute at 2000; what would wait past the ceiling is refused at once, saying how long', async () => {
    const { released, refused, all } = burst(createRateLimiter(CONNECT), 2_500)
    await Promise.resolve()
    // Refused before any time passed: nobody is left waiting for a minute.
    expect(refused).toHaveLength(500)
    await vi.advanceTimersByTimeAsync(120_000)
    await all
    expect(released).toHaveLength(2_000)
    expect(mostInAnyWindow(released, 1_000)).toBeLessThanOrEqual(100)
    expect(mostInAnyWindow(released, 60_000)).toBeLessThanOrEqual(2_000)
    for (const error of refused) {
      expect(error).toMatchObject({ code: 'RATE_LIMITED', provider: 'connect' })
      expect(error.retryAfterMs).toBeGreaterThan(30_000)
      expect(error.retryAfterMs).toBeLessThanOrEqual(60_000)
      expect(error.httpStatus).toBeUndefined()
    }
  })

  it('a request holds its slot until its answer is in: a slow answer delays the next one', async () => {
    const limiter = createRateLimiter({ ...CONNECT, perSecond: 1 })
    const first = await limiter.acquire()
    let secondAt: number | null = null
    const second = limiter.acquire().then((done) => {
      secondAt = Date.now()
      done()
    })
    await vi.advanceTimersByTimeAsync(5_000)
    expect(secondAt).toBeNull()
    first()
    await vi.advanceTimersByTimeAsync(999)
    expect(secondAt).toBeNull()
    await vi.advanceTimersByTimeAsync(1)
    await second
    expect(secondAt).toBe(6_000)
  })

  it('an aborted request leaves the queue (CANCELLED) and the one behind it moves up', async () => {
    const limiter = createRateLimiter({ ...CONNECT, perSecond: 1 })
    ;(await limiter.acquire())()
    const controller = new AbortController()
    const cancelled = limiter.acquire(controller.signal)
    const times: number[] = []
    const behind = limiter.acquire().then((done) => {
      times.push(Date.now())
      done()
    })
    controller.abort()
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' })
    await vi.advanceTimersByTimeAsync(1_000)
    await behind
    expect(times).toEqual([1_000])
  })

  it('an already aborted signal gets no slot', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(createRateLimiter(CONNECT).acquire(controller.signal)).rejects.toMatchObject({ code: 'CANCELLED' })
  })
})
