import { describe, expect, it } from 'vitest'
import { createLogger, memorySink } from '../../../src/core/log.ts'
import { payerReferenceMapper } from '../../../src/core/payer-reference.ts'
import type { ProviderAdapter, RemovableAdapter } from '../../../src/core/providers/adapter.ts'
import { createSwedbankPayAdapter } from '../../../src/core/providers/swedbankpay.ts'
import type { PayerApi } from '../../../src/core/swedbankpay/payer-api.ts'
import type { PayerToken } from '../../../src/core/swedbankpay/token-reader.ts'
import { createTokenService } from '../../../src/core/tokens.ts'
import type { PaymentToken } from '../../../src/shared/domain.ts'
import { AppError } from '../../../src/shared/errors.ts'

const payerToken = (token: string, state: 'Active' | 'Archived', payerReference: string | null = '100001'): PayerToken => ({
  token,
  tokenType: 'Payment',
  state,
  payerReference,
  instrument: 'CreditCard',
  displayName: '0004',
  correlationId: null,
  archivedBy: state === 'Archived' ? 'PAYEE' : null,
  archiveReason: state === 'Archived' ? 'asked' : null,
  networkTokenized: false,
  cardBrand: 'Visa',
  cardType: 'Credit',
  cardholderType: 'Consumer',
  lastFour: '0004',
  expiry: '12/2030',
  accountId: null,
})

function fakePayerApi(overrides: Partial<PayerApi> = {}) {
  const calls: string[] = []
  const api: PayerApi = {
    listActive: async (payerReference) => (calls.push(`active ${payerReference}`), [payerToken('a1', 'Active')]),
    listArchived: async (payerReference) => (calls.push(`archived ${payerReference}`), [payerToken('z1', 'Archived')]),
    getToken: async (ref) => (calls.push(`get ${ref.token}`), payerToken(ref.token, 'Active')),
    archiveToken: async (ref, reason) => (calls.push(`archive ${ref.token} ${reason}`), payerToken(ref.token, 'Archived')),
    renameToken: async () => payerToken('r', 'Active'),
    archiveAll: async () => [],
    ...overrides,
  }
  return { api, calls }
}

function service(api: PayerApi | null, extra: ProviderAdapter[] = []) {
  const sink = memorySink()
  const logger = createLogger({ sinks: [sink] })
  const swedbankPay = createSwedbankPayAdapter(api)
  return { tokens: createTokenService({ adapters: [swedbankPay, ...extra], swedbankPay, logger }), sink }
}

describe('listTokens', () => {
  it('maps a customer to its payerReference and lists active and archived tokens', async () => {
    const { api, calls } = fakePayerApi()
    const listing = await service(api).tokens.listTokens({ customerNumber: '100001', includeArchived: true, providers: ['swedbankpay'] })
    expect(calls.sort()).toEqual(['active 100001', 'archived 100001'])
    expect(listing.payerReference).toBe('100001')
    expect(listing.tokens.map((t) => [t.token, t.state, t.customerNumber, t.provider])).toEqual([
      ['a1', 'Active', '100001', 'swedbankpay'],
      ['z1', 'Archived', '100001', 'swedbankpay'],
    ])
    expect(listing.providers).toEqual([{ provider: 'swedbankpay', status: 'loaded', count: 2 }])
  })

  it('asks for archived tokens only when told to', async () => {
    const { api, calls } = fakePayerApi()
    await service(api).tokens.listTokens({ payerReference: 'p-1', providers: ['swedbankpay'] })
    expect(calls).toEqual(['active p-1'])
  })

  it('asks the providers in parallel and one failing provider never blanks another', async () => {
    const started: string[] = []
    let releaseSlow: () => void = () => undefined
    const slow = new Promise<void>((resolve) => (releaseSlow = resolve))
    const { api } = fakePayerApi({
      listActive: async () => {
        started.push('swedbankpay')
        await slow
        throw new AppError('PROVIDER_UNAVAILABLE', 'Swedbank Pay is not available right now (HTTP 503).', { httpStatus: 503 })
      },
    })
    const payexRow: PaymentToken = {
      ...{ provider: 'payex', token: 'px', tokenType: 'card', state: 'Active' },
      ...{ displayName: null, instrument: null, cardBrand: null, lastFour: null, expiry: null },
      ...{ payerReference: null, customerNumber: '100001', archivedBy: null, archiveReason: null },
    }
    const payex: ProviderAdapter = {
      provider: 'payex',
      configured: true,
      list: async () => {
        started.push('payex')
        releaseSlow()
        return [payexRow]
      },
    }
    const listing = await service(api, [payex]).tokens.listTokens({ customerNumber: '100001', providers: ['swedbankpay', 'payex'] })
    expect(started).toEqual(['swedbankpay', 'payex'])
    expect(listing.tokens).toEqual([payexRow])
    expect(listing.providers).toEqual([
      {
        provider: 'swedbankpay',
        status: 'failed',
        count: 0,
        error: { code: 'PROVIDER_UNAVAILABLE', message: 'Swedbank Pay is not available right now (HTTP 503).', httpStatus: 503 },
      },
      { provider: 'payex', status: 'loaded', count: 1 },
    ])
  })

  it('reports every provider by default: without credentials or without an adapter as not_configured', async () => {
    const listing = await service(null).tokens.listTokens({ customerNumber: '1' })
    expect(listing.providers.map((p) => [p.provider, p.status, p.error?.code])).toEqual([
      ['swedbankpay', 'not_configured', 'NOT_CONFIGURED'],
      ['payex', 'not_configured', 'NOT_CONFIGURED'],
      ['klarna', 'not_configured', 'NOT_CONFIGURED'],
      ['vipps', 'not_configured', 'NOT_CONFIGURED'],
      ['nexi', 'not_configured', 'NOT_CONFIGURED'],
    ])
    expect(listing.providers[1]?.error?.message).toBe('The console cannot read PayEx tokens yet.')
  })

  it('a bug in an adapter is INTERNAL for that provider only, and logged', async () => {
    const { api } = fakePayerApi({ listActive: async () => Promise.reject(new TypeError('cannot read x')) })
    const { tokens, sink } = service(api)
    const listing = await tokens.listTokens({ customerNumber: '1', providers: ['swedbankpay'] })
    expect(listing.providers[0]).toMatchObject({ status: 'failed', error: { code: 'INTERNAL' } })
    expect(sink.text()).toContain('cannot read x')
  })
})

describe('archiveToken', () => {
  const request = { provider: 'swedbankpay', payerReference: '100001', token: 'a1', tokenType: 'Payment', reason: 'asked' } as const

  it('checks the token, archives it and returns it archived', async () => {
    const { api, calls } = fakePayerApi()
    const archived = await service(api).tokens.archiveToken(request)
    expect(calls).toEqual(['get a1', 'archive a1 asked'])
    expect(archived).toMatchObject({ token: 'a1', state: 'Archived', archivedBy: 'PAYEE', payerReference: '100001' })
  })

  it("refuses a token of another payer, or one already archived, without archiving", async () => {
    const other = fakePayerApi({ getToken: async (ref) => payerToken(ref.token, 'Active', 'someone-else') })
    await expect(service(other.api).tokens.archiveToken(request)).rejects.toMatchObject({ code: 'CONFLICT' })
    expect(other.calls).toEqual([])
    const done = fakePayerApi({ getToken: async (ref) => payerToken(ref.token, 'Archived') })
    await expect(service(done.api).tokens.archiveToken(request)).rejects.toMatchObject({ code: 'CONFLICT' })
  })

  it('is NOT_CONFIGURED without Swedbank Pay credentials', async () => {
    await expect(service(null).tokens.archiveToken(request)).rejects.toMatchObject({ code: 'NOT_CONFIGURED' })
  })
})

describe('Connect families in the table', () => {
  const connectFamily = (provider: 'payex' | 'klarna', calls: string[]): RemovableAdapter => ({
    provider,
    configured: true,
    list: async (target) => (calls.push(`${provider} list ${target.customerNumber}`), []),
    remove: async (customerNumber, token) => void calls.push(`${provider} remove ${customerNumber} ${token}`),
  })

  it('with only a payerReference, only Swedbank Pay is asked and reported', async () => {
    const calls: string[] = []
    const { api } = fakePayerApi()
    const listing = await service(api, [connectFamily('payex', calls), connectFamily('klarna', calls)]).tokens.listTokens({ payerReference: 'p-1' })
    expect(calls).toEqual([])
    expect(listing.providers.map((status) => status.provider)).toEqual(['swedbankpay'])
    expect(listing).toMatchObject({ customerNumber: null, payerReference: 'p-1' })
  })

  it('with a customer number every family is asked, and the payerReference follows the template', async () => {
    const calls: string[] = []
    const { api } = fakePayerApi()
    const swedbankPay = createSwedbankPayAdapter(api, { payerReferenceOf: payerReferenceMapper('NO-{customerNumber}') })
    const tokens = createTokenService({
      adapters: [swedbankPay, connectFamily('payex', calls), connectFamily('klarna', calls)],
      swedbankPay,
      payerReferenceOf: payerReferenceMapper('NO-{customerNumber}'),
      logger: createLogger({ sinks: [] }),
    })
    const listing = await tokens.listTokens({ customerNumber: '100001', providers: ['payex', 'klarna', 'swedbankpay'] })
    expect(calls.sort()).toEqual(['klarna list 100001', 'payex list 100001'])
    expect(listing.payerReference).toBe('NO-100001')
    expect(listing.providers.map((status) => [status.provider, status.status])).toEqual([
      ['payex', 'loaded'],
      ['klarna', 'loaded'],
      ['swedbankpay', 'loaded'],
    ])
  })

  it('remove goes to the family asked, with the acting agent in the log', async () => {
    const calls: string[] = []
    const { tokens, sink } = service(null, [connectFamily('payex', calls), connectFamily('klarna', calls)])
    const removed = await tokens.remove({ provider: 'klarna', customerNumber: '100001', token: 'k-1' }, { userId: 'silje', name: 'Silje', email: null })
    expect(removed).toEqual({ provider: 'klarna', token: 'k-1', removed: true })
    expect(calls).toEqual(['klarna remove 100001 k-1'])
    expect(sink.records.find((record) => record.message === 'token removed')?.fields).toMatchObject({ provider: 'klarna', agent: 'silje' })
    await expect(tokens.remove({ provider: 'vipps', customerNumber: '1', token: 'v' })).rejects.toMatchObject({ code: 'NOT_CONFIGURED' })
  })

  it('legacy delete and the Swedbank Pay writes are NOT_CONFIGURED without credentials', async () => {
    const { tokens } = service(null)
    await expect(tokens.legacyDelete({ kind: 'recurrence', token: 't', comment: 'c' })).rejects.toMatchObject({ code: 'NOT_CONFIGURED' })
    await expect(tokens.archiveAll({ provider: 'swedbankpay', payerReference: 'p', reason: 'r' })).rejects.toMatchObject({ code: 'NOT_CONFIGURED' })
    await expect(tokens.rename({ provider: 'swedbankpay', token: 't', tokenType: 'Payment', displayName: 'd' })).rejects.toMatchObject({ code: 'NOT_CONFIGURED' })
  })
})
