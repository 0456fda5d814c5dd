/**
 * Failure modes through real HTTP: sandbox faults per route, mapped by core into stable codes.
 * One attempt per call here: how each failure is mapped, not whether it is tried again (tests/unit/core/http-policy).
 */
import { describe, expect, it } from 'vitest'
import { SHOWCASE_TOKENS } from '../../../src/sandbox/index.ts'
import type { ConsoleConfig } from '../../../src/core/config.ts'
import { ROUTES, core, startCoreOnSandbox, useCoreOnSandbox } from './support/sandbox.ts'

const TIMEOUT_MS = 300
const oneAttempt = (config: ConsoleConfig): ConsoleConfig => ({
  ...config,
  http: { ...config.http, timeoutMs: TIMEOUT_MS, retry: { ...config.http.retry, maxAttempts: 1 } },
})

useCoreOnSandbox({ tweak: oneAttempt })

const kariTokens = { customerNumber: '100001', includeArchived: true, providers: ['swedbankpay' as const] }

describe('a failing provider', () => {
  it('a 503 on the Swedbank Pay list gives that provider "failed" while the result still returns', async () => {
    await core.fault({ route: ROUTES.listActive, status: 503 })
    const result = await core.call('tokens:list', { customerNumber: '100001', includeArchived: true })
    if (!result.ok) throw new Error(result.error.message)
    expect(result.data.customerNumber).toBe('100001')
    expect(result.data.tokens.filter((token) => token.provider === 'swedbankpay')).toEqual([])
    expect(result.data.providers[0]).toMatchObject({
      provider: 'swedbankpay',
      status: 'failed',
      count: 0,
      error: { code: 'PROVIDER_UNAVAILABLE', httpStatus: 503, provider: 'swedbankpay' },
    })
    expect(result.data.providers.slice(1).map((p) => [p.provider, p.status])).toEqual([
      ['payex', 'loaded'],
      ['klarna', 'loaded'],
      ['vipps', 'loaded'],
      ['nexi', 'loaded'],
    ])
    expect(result.data.tokens.map((token) => token.provider).sort()).toEqual(['klarna', 'nexi', 'payex', 'vipps'])
  })

  it('a 401 from Swedbank Pay is AUTH_REQUIRED for that provider', async () => {
    await core.fault({ route: ROUTES.listArchived, status: 401 })
    const result = await core.call('tokens:list', kariTokens)
    expect(result.ok && result.data.providers[0]?.error?.code).toBe('AUTH_REQUIRED')
  })
})

describe('rate limits', () => {
  it("Connect's 429 with X-RateLimit-Reset is RATE_LIMITED with retryAfterMs", async () => {
    await core.fault({ route: ROUTES.customerSearch, status: 429, times: 1 })
    const result = await core.call('customers:search', { query: 'Kari' })
    expect(result).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', httpStatus: 429, provider: 'connect' } })
    if (result.ok) return
    expect(result.error.retryAfterMs).toBeGreaterThan(0)
    expect(result.error.retryAfterMs).toBeLessThanOrEqual(60_000)
    expect(result.error.message).toMatch(/^Connect is limiting the console's requests \(HTTP 429\)\. Try again in \d+ s\.$/)
  })

  it("Connect's real limiter: over the per-second limit is RATE_LIMITED", async () => {
    await core.call('customers:search', { query: 'Kari' }) // holds a token, so the next calls are API calls only
    core.sandbox.state.rateLimit.perSecond = 2
    core.sandbox.state.rateLimit.windows.clear()
    const results = await Promise.all([1, 2, 3].map(() => core.call('customers:get', { customerNumber: '100001' })))
    const limited = results.filter((result) => !result.ok)
    expect(limited).toHaveLength(1)
    expect(limited[0]).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    expect(limited[0]?.ok === false && limited[0].error.retryAfterMs).toBeGreaterThan(0)
  })
})

describe('unreadable bodies', () => {
  it('an XML body on a Swedbank Pay 200 is PROVIDER_ERROR "unreadable response"', async () => {
    await core.fault({ route: ROUTES.listActive, status: 200, body: '<tokens><token/></tokens>', contentType: 'application/xml' })
    const result = await core.call('tokens:list', kariTokens)
    expect(result.ok && result.data.providers[0]?.error).toEqual({
      code: 'PROVIDER_ERROR',
      message: 'Swedbank Pay answered with an unreadable response (HTTP 200).',
      provider: 'swedbankpay',
      httpStatus: 200,
    })
  })

  it('malformed JSON from Connect is PROVIDER_ERROR', async () => {
    await core.fault({ route: ROUTES.customerSearch, status: 200, body: '{"customers": [{"customerNumber": 1,' })
    expect(await core.call('customers:search', { query: 'Kari' })).toMatchObject({
      ok: false,
      error: { code: 'PROVIDER_ERROR', provider: 'connect', httpStatus: 200 },
    })
  })

  it('JSON of another shape is PROVIDER_ERROR too', async () => {
    await core.fault({ route: ROUTES.customerInfo, status: 200, body: { customer: { id: 'x' } } })
    expect(await core.call('customers:get', { customerNumber: '100001' })).toMatchObject({ ok: false, error: { code: 'PROVIDER_ERROR' } })
  })

  it('a problem+json error keeps its title for the agent', async () => {
    await core.fault({
      route: ROUTES.archiveToken,
      status: 422,
      contentType: 'application/problem+json',
      body: { type: 'https://api.payex.com/psp/errordetail/paymentorders/paymenttokeninactive', title: 'Payment token is inactive', status: 422 },
    })
    const result = await core.call('tokens:archive', {
      provider: 'swedbankpay',
      payerReference: '100001',
      token: SHOWCASE_TOKENS.kariVisaRecurrence,
      tokenType: 'Recurrence',
      reason: 'asked',
    })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'Swedbank Pay refused the request (HTTP 422): Payment token is inactive' },
    })
  })
})

describe('timeouts and unclear outcomes', () => {
  it('a slow Swedbank Pay list is TIMEOUT for that provider', async () => {
    await core.fault({ route: ROUTES.listActive, delayMs: TIMEOUT_MS * 4, times: 1 })
    const started = Date.now()
    const result = await core.call('tokens:list', kariTokens)
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS * 3)
    expect(result.ok && result.data.providers[0]?.error?.code).toBe('TIMEOUT')
  })

  it('a slow ConnectID token endpoint is TIMEOUT (a token request is safe to repeat)', async () => {
    // A fresh services instance has no token yet.
    const fresh = await startCoreOnSandbox({ tweak: oneAttempt })
    try {
      await fresh.fault({ route: ROUTES.token, delayMs: TIMEOUT_MS * 4, times: 1 })
      expect(await fresh.call('customers:search', { query: 'Kari' })).toMatchObject({ ok: false, error: { code: 'TIMEOUT', provider: 'connectid' } })
    } finally {
      await fresh.close()
    }
  })

  it('a slow archive is OUTCOME_UNKNOWN, and the token read again says it is not archived yet', async () => {
    await core.fault({ route: ROUTES.archiveToken, delayMs: TIMEOUT_MS * 2, times: 1 })
    const result = await core.call('tokens:archive', {
      provider: 'swedbankpay',
      payerReference: '100001',
      token: SHOWCASE_TOKENS.kariVisaRecurrence,
      tokenType: 'Recurrence',
      reason: 'asked',
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'OUTCOME_UNKNOWN', provider: 'swedbankpay' } })
    if (!result.ok) expect(result.error.message).toContain('reading the token again shows it not archived (yet)')
  })

  it('a 500 on archive is OUTCOME_UNKNOWN, never "try again"', async () => {
    await core.fault({ route: ROUTES.archiveToken, status: 500 })
    const result = await core.call('tokens:archive', {
      provider: 'swedbankpay',
      payerReference: '100001',
      token: SHOWCASE_TOKENS.kariVisaRecurrence,
      tokenType: 'Recurrence',
      reason: 'asked',
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'OUTCOME_UNKNOWN', httpStatus: 500 } })
  })

  it('a stopped server is PROVIDER_UNAVAILABLE', async () => {
    const gone = await startCoreOnSandbox()
    await gone.sandbox.close()
    const result = await gone.call('tokens:list', kariTokens)
    expect(result.ok && result.data.providers[0]?.error?.code).toBe('PROVIDER_UNAVAILABLE')
    expect(await gone.call('customers:search', { query: 'x' })).toMatchObject({ ok: false, error: { code: 'PROVIDER_UNAVAILABLE', provider: 'connectid' } })
    await gone.close()
  })
})

describe('secrets', () => {
  it('no client secret, merchant token or access token in any result or log line of this file', () => {
    const everything = `${JSON.stringify(core.results)}\n${core.sink.text()}`
    expect(core.results.length).toBeGreaterThan(8)
    for (const secret of core.secrets()) expect(everything).not.toContain(secret)
  })
})
