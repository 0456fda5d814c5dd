import { describe, expect, it, vi } from 'vitest'
import { SHOWCASE_TOKENS, startSandbox } from '../../../src/sandbox/index.ts'
import { clientToken, payer, sandbox, sandboxPost, token, useSandbox } from './sandbox-client.ts'

useSandbox({ token: true, reset: true })

const PAYER_LIST = 'GET /online/payers/:payerReference'
const CUSTOMER_INFO = 'GET /capi/v1/client/customer/:customerNumber'
const setFault = (spec: Record<string, unknown>) => sandboxPost(sandbox, '/__sandbox/faults', spec)
const customer = (number: number) =>
  fetch(`${sandbox.connectApiUrl}/v1/client/customer/${number}`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } })

describe('fault injection', () => {
  it('makes one route fail with a status until cleared, in the family\'s error format', async () => {
    expect((await setFault({ route: PAYER_LIST, status: 503 })).status).toBe(201)
    for (let i = 0; i < 2; i++) {
      const response = await payer(sandbox, 'GET', '/online/payers/100001')
      expect(response.status).toBe(503)
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
      expect(response.headers.get('api-supported-versions')).toBe('3.x/2.0')
      expect(await response.json()).toMatchObject({ type: 'https://api.payex.com/psp/errordetail/systemerror', status: 503 })
    }
    expect((await payer(sandbox, 'GET', '/online/payers/100001/archives')).status).toBe(200)
    const faults = (await (await fetch(`${sandbox.url}/__sandbox/faults`)).json()) as { faults: unknown[] }
    expect(faults.faults).toEqual([{ route: PAYER_LIST, status: 503 }])

    const cleared = await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' })
    expect(await cleared.json()).toEqual({ cleared: 1 })
    expect((await payer(sandbox, 'GET', '/online/payers/100001')).status).toBe(200)
  })

  it('clears itself after `times` uses', async () => {
    await setFault({ route: PAYER_LIST, status: 500, times: 1 })
    expect((await payer(sandbox, 'GET', '/online/payers/100001')).status).toBe(500)
    expect((await payer(sandbox, 'GET', '/online/payers/100001')).status).toBe(200)
    expect(sandbox.state.faults.size).toBe(0)
  })

  it('serves a malformed body as given, still with Connect\'s headers', async () => {
    await setFault({ route: CUSTOMER_INFO, status: 200, body: '{"customerNumber":', contentType: 'application/json' })
    const response = await customer(100001)
    expect(response.status).toBe(200)
    expect(response.headers.get('x-mediaconnect-api-version')).toBeTruthy()
    const text = await response.text()
    expect(text).toBe('{"customerNumber":')
    expect(() => JSON.parse(text)).toThrow()
  })

  it('gives an injected Connect 429 the rate-limit headers, and a JSON body when one is given', async () => {
    sandbox.state.faults.set(CUSTOMER_INFO, { status: 429, times: 1 })
    const limited = await customer(100001)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(0)
    expect(await limited.json()).toMatchObject({ exceptionType: 'RateLimitExceeded' })

    await setFault({ route: CUSTOMER_INFO, status: 500, body: { exceptionType: 'Boom', errorMessage: 'boom' }, times: 1 })
    expect(await (await customer(100001)).json()).toEqual({ exceptionType: 'Boom', errorMessage: 'boom' })
  })

  it('adds latency and then answers normally', async () => {
    await setFault({ route: 'POST /user/oauth/token', delayMs: 250, times: 1 })
    const started = Date.now()
    const issued = await clientToken(sandbox)
    expect(Date.now() - started).toBeGreaterThanOrEqual(240)
    expect(sandbox.state.accessTokens.has(issued)).toBe(true)
  })

  it('refuses fault specs it cannot apply', async () => {
    const unknown = await setFault({ route: 'GET /nowhere', status: 500 })
    expect(unknown.status).toBe(400)
    expect(((await unknown.json()) as { error: string }).error).toContain(PAYER_LIST)
    expect((await setFault({ route: PAYER_LIST, status: 99 })).status).toBe(400)
    expect((await setFault({ route: PAYER_LIST })).status).toBe(400)
    expect((await setFault({ route: PAYER_LIST, body: 'x' })).status).toBe(400)
    expect((await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', body: '{' })).status).toBe(400)
    expect(sandbox.state.faults.size).toBe(0)
  })

  it('lists the routes a fault can target', async () => {
    const { routes } = (await (await fetch(`${sandbox.url}/__sandbox/routes`)).json()) as { routes: string[] }
    expect(routes).toContain(PAYER_LIST)
    expect(routes).toContain('POST /user/oauth/token')
    expect(routes).toContain('GET /capi/v1/client/customer/search')
    expect(routes.some((route) => route.includes('__sandbox'))).toBe(false)
    for (const route of [
      'GET /user/oauth/authorize',
      'POST /user/oauth/authorize',
      'GET /user/payment/invoice/pay',
      'POST /user/payment/invoice/pay',
      'GET /capi/v1/customer/profile',
      'GET /capi/v1/client/product',
      'GET /capi/v1/client/customer/invoice/payment/:customerNumber/:productCode',
      'POST /capi/v1/api/payment/invoice',
      'GET /capi/v1/api/payment/payex/token',
      'PATCH /capi/v1/api/payment/payex/token',
      'PATCH /capi/v1/customer/payment/klarna/token',
      'PATCH /capi/v1/customer/payment/vipps/agreement',
      'GET /capi/v1/api/payment/nexi/subscription',
      'PATCH /capi/v1/api/payment/nexi/subscription',
      'GET /psp/paymentorders/payerownedtokens/:payerReference',
      'PATCH /psp/paymentorders/payerownedtokens/:payerReference',
      'PATCH /psp/paymentorders/recurrenceTokens/:token',
    ]) {
      expect(routes).toContain(route)
    }
    expect(new Set(routes).size).toBe(routes.length)
  })

  it('injects a fault on a case-insensitive /psp route whatever casing the client uses', async () => {
    await setFault({ route: 'PATCH /psp/paymentorders/recurrenceTokens/:token', status: 503, times: 2 })
    for (const segment of ['recurrenceTokens', 'recurrencetokens']) {
      const response = await payer(sandbox, 'PATCH', `/psp/paymentorders/${segment}/${SHOWCASE_TOKENS.kariVisaRecurrence}`, { state: 'Deleted', comment: 'c' })
      expect(response.status).toBe(503)
    }
    expect(sandbox.state.data.payerTokens.find((t) => t.token === SHOWCASE_TOKENS.kariVisaRecurrence)?.state).toBe('Active')
  })
})

describe('inspection and reset', () => {
  it('shows all of a payer\'s Swedbank Pay tokens with their state', async () => {
    const body = (await (await fetch(`${sandbox.url}/__sandbox/payers/100001`)).json()) as { payerReference: string; tokens: { token: string; state: string }[] }
    expect(body.payerReference).toBe('100001')
    expect(body.tokens.map((t) => [t.token, t.state])).toEqual([
      [SHOWCASE_TOKENS.kariVisaRecurrence, 'Active'],
      [SHOWCASE_TOKENS.kariTrustlyUnscheduled, 'Active'],
      [SHOWCASE_TOKENS.kariArchivedMasterCard, 'Archived'],
    ])
  })

  it('lists the demo agents', async () => {
    const { agents } = (await (await fetch(`${sandbox.url}/__sandbox/agents`)).json()) as { agents: { id: string; office: string }[] }
    expect(agents.map((agent) => [agent.id, agent.office])).toEqual([['silje', 'Oslo'], ['erik', 'Stockholm'], ['mari', 'Bergen']])
  })

  it('restores the seed data and clears faults on reset', async () => {
    await payer(sandbox, 'PATCH', '/online/payers/100001/archives', { reason: 'gone', updatedBy: 'PAYEE' })
    sandbox.state.faults.set(PAYER_LIST, { status: 500 })
    const before = (await (await fetch(`${sandbox.url}/__sandbox/payers/100001`)).json()) as { tokens: { state: string }[] }
    expect(before.tokens.every((t) => t.state === 'Archived')).toBe(true)

    expect(await (await sandboxPost(sandbox, '/__sandbox/reset')).json()).toEqual({ reset: true })
    const active = (await (await payer(sandbox, 'GET', '/online/payers/100001')).json()) as { tokens: { tokenList: unknown[] } }
    expect(active.tokens.tokenList).toHaveLength(2)
    expect(sandbox.state.faults.size).toBe(0)
  })

  it('logs requests with the raw path and a masked Authorization, but not its own routes', async () => {
    await fetch(`${sandbox.url}/__sandbox/requests`, { method: 'DELETE' })
    await payer(sandbox, 'GET', '/online/payers/a%20b?x=1')
    const { requests } = (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as {
      requests: { method: string; path: string; query: Record<string, string>; headers: Record<string, string> }[]
    }
    expect(requests).toHaveLength(1)
    expect(requests[0]).toMatchObject({ method: 'GET', path: '/online/payers/a%20b', query: { x: '1' } })
    expect(requests[0]?.headers.authorization).toBe('Bearer ***')
    expect(JSON.stringify(requests)).not.toContain(sandbox.credentials.merchantToken)
  })

  it('keeps only the last 500 requests', async () => {
    for (let batch = 0; batch < 6; batch++) {
      await Promise.all(Array.from({ length: 100 }, (_, i) => fetch(`${sandbox.url}/nowhere/${batch * 100 + i}`).then((r) => r.arrayBuffer())))
    }
    expect(sandbox.state.requests).toHaveLength(500)
    expect(sandbox.state.requests.some((r) => r.path === '/nowhere/0')).toBe(false)
  })

  it('answers 500 with a generic body when a handler fails, logs nothing sensitive, and keeps serving', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      sandbox.state.data.customers = null as never
      const response = await fetch(`${sandbox.connectApiUrl}/v1/client/customer/search?query=kari`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } })
      expect(response.status).toBe(500)
      expect(await response.json()).toEqual({ exceptionType: 'InternalServerError', errorMessage: 'An internal error occurred in the sandbox' })
      expect(errors).toHaveBeenCalledTimes(1)
      const logged = errors.mock.calls.flat().join(' ')
      expect(logged).not.toContain(token)
      expect(logged).not.toContain('kari')
    } finally {
      errors.mockRestore()
      await sandboxPost(sandbox, '/__sandbox/reset')
    }
    expect((await customer(100001)).status).toBe(200)
  })

  it('answers paths outside every API with a 404', async () => {
    const response = await fetch(`${sandbox.url}/`)
    expect(response.status).toBe(404)
  })
})

describe('lifecycle', () => {
  it('still carries out a delayed write after the client gave up waiting', async () => {
    await setFault({ route: 'PATCH /online/payers/tokens/:tokenId/archives', delayMs: 200, times: 1 })
    const path = `/online/payers/tokens/${SHOWCASE_TOKENS.kariVisaRecurrence}-Recurrence/archives`
    const gaveUp = fetch(`${sandbox.url}${path}`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${sandbox.credentials.merchantToken}` },
      body: JSON.stringify({ reason: 'slow', updatedBy: 'PAYEE' }),
      signal: AbortSignal.timeout(50),
    })
    await expect(gaveUp).rejects.toThrow()
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(sandbox.state.data.payerTokens.find((t) => t.token === SHOWCASE_TOKENS.kariVisaRecurrence)).toMatchObject({ state: 'Archived', archiveReason: 'slow' })
  })

  it('closes promptly even with a slow request in flight', async () => {
    const other = await startSandbox({ seed: 7 })
    other.state.faults.set('GET /online/payers/:payerReference', { delayMs: 60_000 })
    const pending = fetch(`${other.url}/online/payers/100001`, { headers: { Authorization: `Bearer ${other.credentials.merchantToken}` } })
    await new Promise((resolve) => setTimeout(resolve, 50))
    const started = Date.now()
    await other.close()
    expect(Date.now() - started).toBeLessThan(1000)
    await expect(pending).rejects.toThrow()
  })
})
