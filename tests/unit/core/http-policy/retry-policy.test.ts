/**
 * The retry policy (src/core/http/retry.ts) on its own: which failures of which calls are tried again,
 * how long it waits (capped exponential backoff with full jitter, never below Retry-After or
 * X-RateLimit-Reset), and the ceiling beyond which the call fails at once. No network, no real waits.
 */
import { describe, expect, it } from 'vitest'
import { backoffMs, createRetryPolicy, isRetryable } from '../../../../src/core/http/retry.ts'
import type { AttemptContext } from '../../../../src/core/http/retry.ts'
import { AppError } from '../../../../src/shared/errors.ts'
import { TINY_RETRY, answered, fakeTiming, seededRandom, unanswered } from './support.ts'

type Failure = (write: boolean) => AppError

/** Every failure, and whether a read (a GET, or the token POST marked write: false) is tried again after it. */
const FAILURES: [string, Failure, boolean][] = [
  ['429', (write) => answered(429, {}, { write }), true],
  ['502', (write) => answered(502, {}, { write }), true],
  ['503', (write) => answered(503, {}, { write }), true],
  ['504', (write) => answered(504, {}, { write }), true],
  ['500', (write) => answered(500, {}, { write }), false],
  ['400', (write) => answered(400, {}, { write }), false],
  ['401', (write) => answered(401, {}, { write }), false],
  ['403', (write) => answered(403, {}, { write }), false],
  ['404', (write) => answered(404, {}, { write }), false],
  ['409', (write) => answered(409, {}, { write }), false],
  ['422', (write) => answered(422, {}, { write }), false],
  ['connection reset', (write) => unanswered('ECONNRESET', { write }), true],
  ['connection refused', (write) => unanswered('ECONNREFUSED', { write }), true],
  ['network down', (write) => unanswered('ENETUNREACH', { write }), true],
  ['socket timeout', (write) => unanswered('ETIMEDOUT', { write }), true],
  ['limiter says wait (RATE_LIMITED, no status)', () => new AppError('RATE_LIMITED', 'x', { provider: 'connect', retryAfterMs: 40_000 }), false],
  ['cancelled', () => new AppError('CANCELLED', 'x', { provider: 'connect' }), false],
  ['the token endpoint timed out (another API)', (write) => unanswered('ETIMEDOUT', { provider: 'connectid', write }), false],
  ['a bug', () => new AppError('INTERNAL', 'x', { provider: 'connect' }), false],
]

const METHODS: [string, boolean][] = [
  ['GET', false],
  ['token POST (write: false)', false],
  ['POST', true],
  ['PATCH', true],
  ['DELETE', true],
]

const CASES = METHODS.flatMap(([method, write]) =>
  FAILURES.map(([failure, make, readRetried]) => ({ method, failure, make, write, retried: readRetried && !write })),
)

describe('which failures are tried again', () => {
  it.each(CASES)('$method × $failure → retried: $retried', ({ make, write, retried }) => {
    const context: AttemptContext = { provider: 'connect', write }
    expect(isRetryable(make(write), context)).toBe(retried)
  })

  it.each(CASES)('through the policy: $method × $failure sends the attempts it should', async ({ make, write, retried }) => {
    const { timing } = fakeTiming()
    let attempts = 0
    const policy = createRetryPolicy(TINY_RETRY, timing)
    const error = make(write)
    await expect(
      policy(async () => {
        attempts += 1
        throw error
      }, { provider: 'connect', write }),
    ).rejects.toBe(error)
    expect(attempts).toBe(retried ? TINY_RETRY.maxAttempts : 1)
  })

  it('a read that fails twice and then answers is answered', async () => {
    const { timing, waits } = fakeTiming()
    let attempts = 0
    const answer = await createRetryPolicy(TINY_RETRY, timing)(async () => {
      attempts += 1
      if (attempts < 3) throw answered(503)
      return 'ok'
    }, { provider: 'connect', write: false })
    expect(answer).toBe('ok')
    expect(waits).toHaveLength(2)
  })
})

describe('backoff', () => {
  const settings = { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 1_000, ceilingMs: 30_000 }

  it('is capped exponential with full jitter: from 0 up to (not reaching) base·2^(n-1), at most maxDelayMs', () => {
    const random = seededRandom(42)
    for (let retry = 1; retry <= 7; retry += 1) {
      const cap = Math.min(1_000, 100 * 2 ** (retry - 1))
      const samples = Array.from({ length: 500 }, () => backoffMs(retry, settings, random))
      expect(Math.min(...samples)).toBeGreaterThanOrEqual(0)
      expect(Math.max(...samples)).toBeLessThan(cap)
      // Full jitter spreads over the whole range, not a fixed delay.
      expect(Math.max(...samples)).toBeGreaterThan(cap * 0.9)
      expect(Math.min(...samples)).toBeLessThan(cap * 0.1)
    }
    expect(backoffMs(3, settings, () => 0)).toBe(0)
    expect(backoffMs(3, settings, () => 0.999_999)).toBe(399)
    expect(backoffMs(30, settings, () => 0.999_999)).toBe(999)
  })

  it('the policy waits within those bounds between attempts', async () => {
    const { timing, waits } = fakeTiming(seededRandom(7))
    const policy = createRetryPolicy(settings, timing)
    await expect(policy(async () => Promise.reject(answered(502)), { provider: 'connect', write: false })).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
    })
    expect(waits).toHaveLength(7)
    waits.forEach((wait, index) => expect(wait).toBeLessThan(Math.min(1_000, 100 * 2 ** index)))
  })
})

describe('when the API says when to come back', () => {
  const wide = { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20, ceilingMs: 30_000 }
  const waitBefore = async (error: AppError) => {
    const { timing, waits } = fakeTiming(() => 0.5)
    let attempts = 0
    const answer = await createRetryPolicy(wide, timing)(async () => {
      attempts += 1
      if (attempts === 1) throw error
      return 'ok'
    }, { provider: 'connect', write: false })
    expect(answer).toBe('ok')
    return waits[0]!
  }

  it('Retry-After in seconds is the least wait', async () => {
    expect(await waitBefore(answered(429, { 'Retry-After': '3' }))).toBe(3_000)
    expect(await waitBefore(answered(503, { 'Retry-After': '2' }))).toBe(2_000)
  })

  it('Retry-After as an HTTP date is the least wait', async () => {
    const inFiveSeconds = new Date(Date.now() + 5_000).toUTCString()
    const wait = await waitBefore(answered(429, { 'Retry-After': inFiveSeconds }))
    // An HTTP date has whole seconds: 4 to 5 s from now.
    expect(wait).toBeGreaterThanOrEqual(4_000)
    expect(wait).toBeLessThanOrEqual(5_000)
  })

  it("Connect's X-RateLimit-Reset (seconds left, as the sandbox sends it, or an epoch) is the least wait", async () => {
    expect(await waitBefore(answered(429, { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '4' }))).toBe(4_000)
    const epoch = String(Math.floor(Date.now() / 1000) + 6)
    const wait = await waitBefore(answered(429, { 'X-RateLimit-Reset': epoch }))
    expect(wait).toBeGreaterThanOrEqual(5_000)
    expect(wait).toBeLessThanOrEqual(6_000)
  })

  it("a 503 with Connect's X-RateLimit-Reset (sent with every answer) waits only the backoff: the header speaks of the limit, not of the 503", async () => {
    expect(await waitBefore(answered(503, { 'X-RateLimit-Remaining': '97', 'X-RateLimit-Reset': '58' }))).toBeLessThan(20)
  })

  it('a shorter Retry-After than the backoff does not shorten the backoff', async () => {
    const { timing, waits } = fakeTiming(() => 0.999)
    const policy = createRetryPolicy({ maxAttempts: 2, baseDelayMs: 800, maxDelayMs: 800, ceilingMs: 30_000 }, timing)
    await expect(policy(async () => Promise.reject(answered(429, { 'Retry-After': '0' })), { provider: 'connect', write: false })).rejects.toBeDefined()
    expect(waits).toEqual([799])
  })
})

describe('the ceiling', () => {
  it('a 429 asking for more than the ceiling fails at once: RATE_LIMITED with retryAfterMs, nothing waited', async () => {
    const forms: Record<string, string>[] = [{ 'Retry-After': '120' }, { 'Retry-After': new Date(Date.now() + 120_000).toUTCString() }, { 'X-RateLimit-Reset': '60' }]
    for (const headers of forms) {
      const { timing, waits } = fakeTiming()
      let attempts = 0
      const policy = createRetryPolicy({ ...TINY_RETRY, ceilingMs: 30_000 }, timing)
      const failure = policy(async () => {
        attempts += 1
        throw answered(429, headers)
      }, { provider: 'connect', write: false })
      await expect(failure).rejects.toMatchObject({ code: 'RATE_LIMITED', httpStatus: 429 })
      const error = (await failure.catch((e: unknown) => e)) as AppError
      expect(error.retryAfterMs).toBeGreaterThan(30_000)
      expect(error.retryAfterMs).toBeLessThanOrEqual(120_000)
      expect([attempts, waits]).toEqual([1, []])
    }
  })

  it('waits add up: the retry that would end past the ceiling is not made', async () => {
    const { timing, waits } = fakeTiming()
    let attempts = 0
    const policy = createRetryPolicy({ maxAttempts: 10, baseDelayMs: 5, maxDelayMs: 20, ceilingMs: 1_000 }, timing)
    const failure = policy(async () => {
      attempts += 1
      throw new AppError('RATE_LIMITED', 'x', { provider: 'connect', httpStatus: 429, retryAfterMs: 400 })
    }, { provider: 'connect', write: false })
    await expect(failure).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 400 })
    expect(waits).toEqual([400, 400])
    expect(attempts).toBe(3)
  })

  it('a 503 asking for more than the ceiling fails at once too, still PROVIDER_UNAVAILABLE (the provider is down, not limiting us)', async () => {
    const { timing, waits } = fakeTiming()
    const failure = createRetryPolicy(TINY_RETRY, timing)(async () => Promise.reject(answered(503, { 'Retry-After': '3600' }, { provider: 'swedbankpay' })), {
      provider: 'swedbankpay',
      write: false,
    })
    await expect(failure).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryAfterMs: 3_600_000 })
    expect(waits).toEqual([])
  })
})

describe('cancellation', () => {
  it('a cancelled lookup stops waiting between attempts: CANCELLED, no further attempt', async () => {
    const controller = new AbortController()
    let attempts = 0
    // Real (abortable) sleep with a long backoff: only the abort can end it.
    const policy = createRetryPolicy({ maxAttempts: 3, baseDelayMs: 60_000, maxDelayMs: 60_000, ceilingMs: 600_000 }, { random: () => 1 })
    const failure = policy(async () => {
      attempts += 1
      setTimeout(() => controller.abort(), 1)
      throw answered(503)
    }, { provider: 'connect', write: false, signal: controller.signal })
    await expect(failure).rejects.toMatchObject({ code: 'CANCELLED', provider: 'connect' })
    expect(attempts).toBe(1)
  })
})
