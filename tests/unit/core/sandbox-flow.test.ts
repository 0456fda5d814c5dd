/** The whole path through real HTTP: dispatcher → services → axios → the sandbox on 127.0.0.1. */
import { describe, expect, it } from 'vitest'
import { SHOWCASE_TOKENS } from '../../../src/sandbox/index.ts'
import { core, useCoreOnSandbox } from './support/sandbox.ts'

useCoreOnSandbox()

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('agent flow against the sandbox', () => {
  it('search → get → tokens:list → tokens:archive, and the next list shows the token archived', async () => {
    const search = await core.call('customers:search', { query: 'Kari Nordmann' })
    if (!search.ok) throw new Error(search.error.message)
    const kari = search.data.find((customer) => customer.customerNumber === '100001')
    expect(kari).toMatchObject({ firstName: 'Kari', lastName: 'Nordmann', payerReference: '100001' })

    const got = await core.call('customers:get', { customerNumber: '100001' })
    expect(got).toEqual({ ok: true, data: { ...kari, cachedAt: null } })

    const listed = await core.call('tokens:list', { customerNumber: '100001', includeArchived: true, providers: ['swedbankpay'] })
    if (!listed.ok) throw new Error(listed.error.message)
    expect(listed.data.providers).toEqual([{ provider: 'swedbankpay', status: 'loaded', count: 3 }])
    const visa = listed.data.tokens.find((token) => token.token === SHOWCASE_TOKENS.kariVisaRecurrence)
    expect(visa).toMatchObject({ state: 'Active', cardBrand: 'Visa', lastFour: '0004', expiry: '12/2028', customerNumber: '100001' })
    expect(listed.data.tokens.filter((token) => token.state === 'Archived')).toHaveLength(1)

    const archived = await core.call('tokens:archive', {
      provider: 'swedbankpay',
      payerReference: '100001',
      token: SHOWCASE_TOKENS.kariVisaRecurrence,
      tokenType: 'Recurrence',
      reason: 'Customer asked by phone',
    })
    expect(archived).toMatchObject({
      ok: true,
      data: { token: SHOWCASE_TOKENS.kariVisaRecurrence, state: 'Archived', archivedBy: 'PAYEE', archiveReason: 'Customer asked by phone' },
    })
    const stored = core.sandbox.state.data.payerTokens.find((token) => token.token === SHOWCASE_TOKENS.kariVisaRecurrence)
    expect(stored).toMatchObject({ state: 'Archived', archiveReason: 'Customer asked by phone' })

    const again = await core.call('tokens:list', { customerNumber: '100001', includeArchived: true, providers: ['swedbankpay'] })
    if (!again.ok) throw new Error(again.error.message)
    expect(again.data.tokens.find((token) => token.token === SHOWCASE_TOKENS.kariVisaRecurrence)?.state).toBe('Archived')
    expect(again.data.tokens.filter((token) => token.state === 'Active')).toHaveLength(1)

    const activeOnly = await core.call('tokens:list', { customerNumber: '100001', providers: ['swedbankpay'] })
    expect(activeOnly.ok && activeOnly.data.tokens.map((token) => token.token)).toEqual([SHOWCASE_TOKENS.kariTrustlyUnscheduled])
  })

  it('archiving an already archived token is CONFLICT and changes nothing', async () => {
    const result = await core.call('tokens:archive', {
      provider: 'swedbankpay',
      payerReference: '100001',
      token: SHOWCASE_TOKENS.kariArchivedMasterCard,
      tokenType: 'Payment',
      reason: 'again',
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect((await core.requests()).filter((request) => request.method === 'PATCH')).toHaveLength(0)
  })

  it("refuses to archive another payer's token", async () => {
    const result = await core.call('tokens:archive', {
      provider: 'swedbankpay',
      payerReference: '100004',
      token: SHOWCASE_TOKENS.kariVisaRecurrence,
      tokenType: 'Recurrence',
      reason: 'wrong customer',
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(core.sandbox.state.data.payerTokens.find((t) => t.token === SHOWCASE_TOKENS.kariVisaRecurrence)?.state).toBe('Active')
  })

  it('an unknown token is NOT_FOUND, a customer without tokens lists none', async () => {
    const unknown = await core.call('tokens:archive', {
      provider: 'swedbankpay',
      payerReference: '100001',
      token: '00000000-0000-4000-8000-000000000000',
      tokenType: 'Payment',
      reason: 'x',
    })
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', httpStatus: 404, provider: 'swedbankpay' } })
    const none = await core.call('tokens:list', { customerNumber: '100004', includeArchived: true, providers: ['swedbankpay'] })
    expect(none).toMatchObject({ ok: true, data: { tokens: [], providers: [{ provider: 'swedbankpay', status: 'loaded', count: 0 }] } })
  })

  it('an unknown customer is NOT_FOUND with the number in the message', async () => {
    const result = await core.call('customers:get', { customerNumber: '999999' })
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', provider: 'connect', httpStatus: 404 } })
    if (!result.ok) expect(result.error.message).toContain('customer 999999')
  })

  it('app:info tells version, profile, sandbox and which providers are configured', async () => {
    const info = await core.call('app:info', {})
    expect(info).toMatchObject({
      ok: true,
      data: { version: '0.0.0-test', sandbox: true, profile: { kind: 'sandbox' } },
    })
    expect(info.ok && info.data.providers.find((p) => p.provider === 'swedbankpay')?.configured).toBe(true)
  })
})

describe('what goes over the wire', () => {
  it('Connect gets Accept: application/json and a bearer; the token request carries the secret in the body only', async () => {
    await core.call('customers:search', { query: 'Kari' })
    const requests = await core.requests()
    const search = requests.find((request) => request.path === '/capi/v1/client/customer/search')
    expect(search?.headers.accept).toBe('application/json')
    expect(search?.headers.authorization).toBe('Bearer ***')
    expect(search?.query).toEqual({ query: 'Kari' })
    for (const request of requests) expect(Object.keys(request.query)).not.toContain('client_secret')
  })

  it('Swedbank Pay gets its Accept, a fresh Session-Id per request, the User-Agent and the versioned Content-Type', async () => {
    await core.call('tokens:list', { customerNumber: '100001', includeArchived: true, providers: ['swedbankpay'] })
    await core.call('tokens:archive', {
      provider: 'swedbankpay',
      payerReference: '100001',
      token: SHOWCASE_TOKENS.kariTrustlyUnscheduled,
      tokenType: 'Unscheduled',
      reason: 'asked',
    })
    const payer = (await core.requests()).filter((request) => request.path.startsWith('/online/'))
    expect(payer.map((request) => `${request.method} ${request.path}`).sort()).toEqual(
      [
        'GET /online/payers/100001',
        'GET /online/payers/100001/archives',
        `GET /online/payers/tokens/${SHOWCASE_TOKENS.kariTrustlyUnscheduled}-Unscheduled`,
        `PATCH /online/payers/tokens/${SHOWCASE_TOKENS.kariTrustlyUnscheduled}-Unscheduled/archives`,
      ].sort(),
    )
    for (const request of payer) {
      expect(request.headers.accept).toBe('application/problem+json; q=1.0, application/json; q=0.9')
      expect(request.headers['session-id']).toMatch(UUID)
      expect(request.headers['user-agent']).toBe('SupportConsole/0.0.0-test')
      expect(request.headers.authorization).toBe('Bearer ***')
    }
    expect(new Set(payer.map((request) => request.headers['session-id'])).size).toBe(payer.length)
    const patch = payer.find((request) => request.method === 'PATCH')
    expect(patch?.headers['content-type']).toBe('application/json;version=3.x/2.0')
    expect(payer.find((request) => request.method === 'GET')?.headers['content-type']).toBeUndefined()
  })

  it('a payerReference with / % ? # and unicode arrives as ONE encoded segment', async () => {
    const payerReference = 'a/b%c?d#e ø✓'
    const result = await core.call('tokens:list', { payerReference, includeArchived: true, providers: ['swedbankpay'] })
    expect(result).toMatchObject({ ok: true, data: { payerReference, providers: [{ status: 'loaded', count: 0 }] } })
    const paths = (await core.requests()).map((request) => request.path)
    expect(paths).toContain('/online/payers/a%2Fb%25c%3Fd%23e%20%C3%B8%E2%9C%93')
    expect(paths).toContain('/online/payers/a%2Fb%25c%3Fd%23e%20%C3%B8%E2%9C%93/archives')
  })

  it('".." is refused with VALIDATION before any request is sent', async () => {
    const list = await core.call('tokens:list', { payerReference: '..', providers: ['swedbankpay'] })
    expect(list).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    const archive = await core.call('tokens:archive', {
      provider: 'swedbankpay',
      payerReference: '100001',
      token: '..',
      tokenType: 'Payment',
      reason: 'x',
    })
    expect(archive).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await core.requests()).toEqual([])
  })
})

describe('the dispatcher at the boundary', () => {
  it('refuses unknown channels, malformed arguments and oversize strings with VALIDATION, sending nothing', async () => {
    const dispatch = (channel: string, request: unknown) => core.call(channel as 'app:info', request as Record<string, never>)
    expect(await dispatch('tokens:delete', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await dispatch('customers:get', { customerNumber: '12ab' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await dispatch('customers:search', { query: 'x'.repeat(101) })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await dispatch('tokens:archive', { provider: 'swedbankpay', payerReference: '1', token: 't', tokenType: 'Payment', reason: 'r'.repeat(251) })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    })
    expect(await core.requests()).toEqual([])
  })
})

describe('secrets', () => {
  it('no client secret, merchant token or access token in any result or log line of this file', () => {
    const secrets = core.secrets()
    expect(secrets.length).toBeGreaterThanOrEqual(3)
    const everything = `${JSON.stringify(core.results)}\n${core.sink.text()}`
    expect(core.results.length).toBeGreaterThan(10)
    for (const secret of secrets) expect(everything).not.toContain(secret)
  })
})
