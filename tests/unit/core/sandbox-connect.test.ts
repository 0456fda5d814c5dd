/** Connect's token families through real HTTP: dispatcher → services → the sandbox on 127.0.0.1. */
import { describe, expect, it } from 'vitest'
import { ROUTES, TEST_AGENT, core, startCoreOnSandbox, useCoreOnSandbox } from './support/sandbox.ts'

useCoreOnSandbox()

const KLARNA_TOKEN = '0b1d9815-165e-42e2-8867-35bc03789e00'

interface RawConnectToken {
  state: string
  token?: string
}
const sandboxTokens = async (customerNumber: string) =>
  (await core.admin('GET', `/customers/${customerNumber}/tokens`)) as Record<'klarna' | 'payex' | 'vipps' | 'nexi', RawConnectToken[]>

describe('tokens of every family', () => {
  it('lists customer 100001 across all five families, each loaded, with the unified fields', async () => {
    const result = await core.call('tokens:list', { customerNumber: '100001', includeArchived: true })
    if (!result.ok) throw new Error(result.error.message)
    expect(result.data.providers).toEqual([
      { provider: 'swedbankpay', status: 'loaded', count: 3 },
      { provider: 'payex', status: 'loaded', count: 1 },
      { provider: 'klarna', status: 'loaded', count: 1 },
      { provider: 'vipps', status: 'loaded', count: 1 },
      { provider: 'nexi', status: 'loaded', count: 1 },
    ])
    const byProvider = (provider: string) => result.data.tokens.filter((token) => token.provider === provider)
    expect(byProvider('payex')).toEqual([
      {
        provider: 'payex',
        token: '4v8nwodhfja',
        tokenType: 'recurrence',
        state: 'Active',
        displayName: 'VISA xxxx-xxxxxx-x2348',
        instrument: 'CreditCard',
        cardBrand: 'VISA',
        lastFour: '2348',
        expiry: '12/2028',
        payerReference: null,
        customerNumber: '100001',
        archivedBy: null,
        archiveReason: null,
      },
    ])
    expect(byProvider('klarna')[0]).toMatchObject({ token: KLARNA_TOKEN, tokenType: 'recurring', customerNumber: '100001' })
    expect(byProvider('vipps')[0]).toMatchObject({ token: 'agr_5kSeqz7', tokenType: 'agreement' })
    expect(byProvider('nexi')[0]).toMatchObject({ token: 'a3f1c2e4b5d6978801234567890abcde', tokenType: 'subscription', lastFour: '5521', expiry: '04/2029' })

    const connectCalls = (await core.requests()).filter((request) => request.path.startsWith('/capi/v1/') && request.method === 'GET')
    expect(connectCalls.map((request) => request.path).sort()).toEqual(
      ['/capi/v1/api/payment/nexi/subscription', '/capi/v1/api/payment/payex/token', '/capi/v1/customer/payment/klarna/token', '/capi/v1/customer/payment/vipps/agreement'].sort(),
    )
    for (const request of connectCalls) {
      expect(request.query).toEqual({ customerNumber: '100001' })
      expect(request.headers.accept).toBe('application/json')
      expect(request.headers.authorization).toBe('Bearer ***')
    }
  })

  it('with only a payerReference, only Swedbank Pay is asked', async () => {
    const result = await core.call('tokens:list', { payerReference: '100001' })
    expect(result.ok && result.data.providers.map((status) => status.provider)).toEqual(['swedbankpay'])
    expect((await core.requests()).some((request) => request.path.startsWith('/capi/'))).toBe(false)
  })

  it('a fault on one family fails that family only; the others load', async () => {
    await core.fault({ route: ROUTES.klarnaList, status: 503 })
    const result = await core.call('tokens:list', { customerNumber: '100001' })
    if (!result.ok) throw new Error(result.error.message)
    expect(result.data.providers.map((status) => [status.provider, status.status, status.error?.code ?? null])).toEqual([
      ['swedbankpay', 'loaded', null],
      ['payex', 'loaded', null],
      ['klarna', 'failed', 'PROVIDER_UNAVAILABLE'],
      ['vipps', 'loaded', null],
      ['nexi', 'loaded', null],
    ])
    expect(result.data.tokens.some((token) => token.provider === 'klarna')).toBe(false)
    expect(result.data.tokens.filter((token) => token.provider === 'vipps')).toHaveLength(1)
  })
})

describe('removing a Connect token', () => {
  it('removes a Klarna token: gone from the sandbox state and from the next list', async () => {
    const removed = await core.call('tokens:remove', { provider: 'klarna', customerNumber: '100001', token: KLARNA_TOKEN })
    expect(removed).toEqual({ ok: true, data: { provider: 'klarna', token: KLARNA_TOKEN, removed: true } })
    expect((await sandboxTokens('100001')).klarna).toMatchObject([{ token: KLARNA_TOKEN, state: 'Removed' }])

    const patches = (await core.requests()).filter((request) => request.method === 'PATCH')
    expect(patches.map((request) => [request.path, request.query])).toEqual([['/capi/v1/customer/payment/klarna/token', { customerNumber: '100001' }]])

    const next = await core.call('tokens:list', { customerNumber: '100001', providers: ['klarna'] })
    expect(next).toMatchObject({ ok: true, data: { tokens: [], providers: [{ provider: 'klarna', status: 'loaded', count: 0 }] } })
    expect(core.sink.records.find((record) => record.message === 'token removed')?.fields).toMatchObject({ provider: 'klarna', agent: TEST_AGENT.userId })
  })

  it('removes a PayEx token with the string paymentProviderId body', async () => {
    const removed = await core.call('tokens:remove', { provider: 'payex', customerNumber: '100001', token: '4v8nwodhfja' })
    expect(removed.ok).toBe(true)
    expect((await sandboxTokens('100001')).payex[0]?.state).toBe('Removed')
  })

  it("another customer's token, or one removed already, is NOT_FOUND and nothing is PATCHed", async () => {
    const other = await core.call('tokens:remove', { provider: 'klarna', customerNumber: '100002', token: KLARNA_TOKEN })
    expect(other).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', provider: 'klarna' } })
    expect((await core.requests()).filter((request) => request.method === 'PATCH')).toEqual([])
    expect((await sandboxTokens('100001')).klarna[0]?.state).toBe('Active')
  })

  it('a 503 on the removal is OUTCOME_UNKNOWN after exactly one PATCH', async () => {
    await core.fault({ route: 'PATCH /capi/v1/customer/payment/vipps/agreement', status: 503 })
    const result = await core.call('tokens:remove', { provider: 'vipps', customerNumber: '100001', token: 'agr_5kSeqz7' })
    expect(result).toMatchObject({ ok: false, error: { code: 'OUTCOME_UNKNOWN', httpStatus: 503 } })
    expect((await core.requests()).filter((request) => request.method === 'PATCH')).toHaveLength(1)
  })
})

describe('writes need an acting agent', () => {
  it('every write without an agent is AUTH_REQUIRED and sends nothing', async () => {
    core.actAs(null)
    const writes = [
      core.call('tokens:remove', { provider: 'klarna', customerNumber: '100001', token: KLARNA_TOKEN }),
      core.call('tokens:archive', { provider: 'swedbankpay', payerReference: '100001', token: 't', tokenType: 'Payment', reason: 'r' }),
      core.call('tokens:archiveAll', { provider: 'swedbankpay', payerReference: '100001', reason: 'r' }),
      core.call('tokens:rename', { provider: 'swedbankpay', token: 't', tokenType: 'Payment', displayName: 'd' }),
      core.call('tokens:legacyDelete', { kind: 'recurrence', token: 't', comment: 'c' }),
      core.call('invoices:pay', { customerNumber: '100001', invoiceNumber: '7435368', productCode: 'AP001', companyCode: '68979834', paymentMethod: 'nexi' }),
    ]
    for (const result of await Promise.all(writes)) {
      expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } })
      if (!result.ok) expect(result.error.message).toMatch(/^Sign in to /)
    }
    expect(await core.requests()).toEqual([])
    // Reads need nobody.
    expect((await core.call('tokens:list', { customerNumber: '100004', providers: ['klarna'] })).ok).toBe(true)
  })
})

describe('app:info', () => {
  it('lists every provider, configured with Connect and Swedbank Pay', async () => {
    const info = await core.call('app:info', {})
    expect(info.ok && info.data.providers).toEqual([
      { provider: 'swedbankpay', configured: true },
      { provider: 'payex', configured: true },
      { provider: 'klarna', configured: true },
      { provider: 'vipps', configured: true },
      { provider: 'nexi', configured: true },
    ])
  })

  it('without Connect the four Connect families are not configured', async () => {
    const noConnect = await startCoreOnSandbox({ tweak: (config) => ({ ...config, connect: null }) })
    try {
      const info = await noConnect.call('app:info', {})
      expect(info.ok && info.data.providers.map((entry) => entry.configured)).toEqual([true, false, false, false, false])
      const listed = await noConnect.call('tokens:list', { customerNumber: '100001' })
      expect(listed.ok && listed.data.providers.map((status) => status.status)).toEqual(['loaded', 'not_configured', 'not_configured', 'not_configured', 'not_configured'])
    } finally {
      await noConnect.close()
    }
  })
})
