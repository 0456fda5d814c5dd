/**
 * The retry policy and the limiter through the real services and the sandbox over HTTP: a read is tried
 * again on 503 and a reset but not on 500, every header form of "come back later" that asks past the
 * ceiling fails at once as RATE_LIMITED, and a burst stays under the sandbox's own Connect limit.
 */
import { describe, expect, it } from 'vitest'
import { ROUTES, core, startCoreOnSandbox, useCoreOnSandbox } from '../support/sandbox.ts'
import { tinyRetry } from './support.ts'

useCoreOnSandbox({ tweak: tinyRetry({ timeoutMs: 2_000 }) })

const customerGets = async () => (await core.requests()).filter((request) => request.method === 'GET' && request.path === '/capi/v1/client/customer/100001')

describe('reads are tried again', () => {
  it('two 503s and then the answer: the lookup succeeds after three GETs', async () => {
    await core.fault({ route: ROUTES.customerInfo, status: 503, times: 2 })
    expect(await core.call('customers:get', { customerNumber: '100001' })).toMatchObject({ ok: true, data: { customerNumber: '100001' } })
    expect(await customerGets()).toHaveLength(3)
  })

  it('a 503 every time: PROVIDER_UNAVAILABLE after maxAttempts GETs', async () => {
    await core.fault({ route: ROUTES.customerInfo, status: 503 })
    expect(await core.call('customers:get', { customerNumber: '100001' })).toMatchObject({ ok: false, error: { code: 'PROVIDER_UNAVAILABLE', httpStatus: 503 } })
    expect(await customerGets()).toHaveLength(3)
  })

  it('a 500 is not tried again: one GET', async () => {
    await core.fault({ route: ROUTES.customerInfo, status: 500 })
    expect(await core.call('customers:get', { customerNumber: '100001' })).toMatchObject({ ok: false, error: { code: 'PROVIDER_UNAVAILABLE', httpStatus: 500 } })
    expect(await customerGets()).toHaveLength(1)
  })

  it('a connection reset on a Swedbank Pay list, then the answer', async () => {
    await core.fault({ route: ROUTES.listActive, reset: true, times: 1 } as Parameters<typeof core.fault>[0])
    const result = await core.call('tokens:list', { customerNumber: '100001', providers: ['swedbankpay'] })
    expect(result.ok && result.data.providers[0]).toMatchObject({ provider: 'swedbankpay', status: 'loaded' })
  })
})

describe('come back later, past the ceiling', () => {
  for (const form of ['seconds', 'http-date', 'x-ratelimit'] as const) {
    it(`a 429 asking for 120 s (${form}) is RATE_LIMITED at once with retryAfterMs, one GET`, async () => {
      await core.fault({ route: ROUTES.customerInfo, status: 429, retryAfter: { seconds: 120, form } } as Parameters<typeof core.fault>[0])
      const result = await core.call('customers:get', { customerNumber: '100001' })
      expect(result).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', httpStatus: 429, provider: 'connect' } })
      if (!result.ok) {
        expect(result.error.retryAfterMs).toBeGreaterThan(100_000)
        // Whole seconds on the wire (an HTTP date rounds): 120 s, give or take one.
        expect(result.error.retryAfterMs).toBeLessThanOrEqual(121_000)
      }
      expect(await customerGets()).toHaveLength(1)
    })
  }
})

describe("the sandbox's own Connect limit", () => {
  it('20 lookups at once under a limit of 10 a second: all answered, none refused', async () => {
    const limit = { perSecond: 10, perMinute: 2_000 }
    const limited = await startCoreOnSandbox({ tweak: tinyRetry({ retry: { maxAttempts: 1, ceilingMs: 30_000 }, rateLimit: limit }) })
    try {
      limited.sandbox.state.rateLimit.perSecond = limit.perSecond
      const results = await Promise.all(Array.from({ length: 20 }, () => limited.call('customers:get', { customerNumber: '100001' })))
      // One attempt each: a 429 would show as RATE_LIMITED here.
      expect(results.filter((result) => !result.ok)).toEqual([])
    } finally {
      await limited.close()
    }
  })
})
