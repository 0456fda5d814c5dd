import { describe, expect, it } from 'vitest'
import { cardExpiry } from '../../../src/core/providers/connect-family.ts'
import { KlarnaTokenItem, createKlarnaAdapter } from '../../../src/core/providers/klarna.ts'
import { NexiSubscriptionItem, createNexiAdapter } from '../../../src/core/providers/nexi.ts'
import { PayexTokenItem, createPayexAdapter } from '../../../src/core/providers/payex.ts'
import { VippsAgreementItem, createVippsAdapter } from '../../../src/core/providers/vipps.ts'
import { AppError } from '../../../src/shared/errors.ts'
import {
  klarnaListDocumented,
  klarnaListVariant,
  nexiListAssumed,
  nexiListVariant,
  payexListDocumented,
  payexListMinimal,
  payexListVariant,
  vippsListDocumented,
  vippsListVariant,
} from './fixtures/connect.ts'
import { fakeHttp } from './support/fake-http.ts'

const PAYEX = '/v1/api/payment/payex/token'
const KLARNA = '/v1/customer/payment/klarna/token'
const VIPPS = '/v1/customer/payment/vipps/agreement'
const NEXI = '/v1/api/payment/nexi/subscription'
const none = { state: 'Active', payerReference: null, archivedBy: null, archiveReason: null }

describe('PayEx reader', () => {
  it('reads the documented item into the unified token', () => {
    expect(PayexTokenItem.parse(payexListDocumented.paymentRecurrenceTokens[0])).toEqual({
      paymentToken: {
        provider: 'payex',
        token: '4v8nwodhfja',
        tokenType: 'recurrence',
        displayName: 'VISA xxxx-xxxxxx-x2348',
        instrument: 'CreditCard',
        cardBrand: 'VISA',
        lastFour: '2348',
        expiry: '12/2018',
        ...none,
      },
      removeBody: { paymentProviderId: '11', recurrenceToken: '4v8nwodhfja' },
    })
  })

  it('paymentProviderId as a string, a 4-digit year, a 1-digit month, unknown fields: all fine', () => {
    const row = PayexTokenItem.parse(payexListVariant.paymentRecurrenceTokens[0])
    expect(row.paymentToken).toMatchObject({ token: 'k2m9q7xw3pe', lastFour: '7781', expiry: '06/2027', cardBrand: 'MASTERCARD' })
    expect(row.removeBody).toEqual({ paymentProviderId: '11', recurrenceToken: 'k2m9q7xw3pe' })
  })

  it('a token alone is listable, with nothing else known and no remove body', () => {
    expect(PayexTokenItem.parse(payexListMinimal.paymentRecurrenceTokens[0])).toEqual({
      paymentToken: { provider: 'payex', token: 'only-token', tokenType: 'recurrence', displayName: null, instrument: 'CreditCard', cardBrand: null, lastFour: null, expiry: null, ...none },
      removeBody: null,
    })
  })
})

describe('Klarna, Vipps and Nexi readers', () => {
  it('Klarna: documented item, and a string provider id with unknown fields', () => {
    expect(KlarnaTokenItem.parse(klarnaListDocumented.recurringTokens[0])).toEqual({
      paymentToken: {
        provider: 'klarna',
        token: '0b1d9815-165e-42e2-8867-35bc03789e00',
        tokenType: 'recurring',
        displayName: 'Klarna (AP001)',
        instrument: 'Klarna',
        cardBrand: null,
        lastFour: null,
        expiry: null,
        ...none,
      },
      removeBody: { token: '0b1d9815-165e-42e2-8867-35bc03789e00', paymentProviderId: 55 },
    })
    const variant = KlarnaTokenItem.parse(klarnaListVariant.recurringTokens[0])
    expect(variant.paymentToken.displayName).toBe('Klarna')
    expect(variant.removeBody).toEqual({ token: 'k-2', paymentProviderId: '55' })
  })

  it('Vipps: agreementRef is the token, tokenType agreement', () => {
    expect(VippsAgreementItem.parse(vippsListDocumented.recurringAgreements[0])).toMatchObject({
      paymentToken: { provider: 'vipps', token: 'abcd-efgh', tokenType: 'agreement', instrument: 'Vipps', displayName: 'Vipps (AP001)' },
      removeBody: { agreementRef: 'abcd-efgh', paymentProviderId: 55 },
    })
    expect(VippsAgreementItem.parse(vippsListVariant.recurringAgreements[0]).removeBody).toEqual({ agreementRef: 'agr_5kSeqz7', paymentProviderId: '25' })
  })

  it('Nexi: the assumed fields, and the id / expiration* / cardTypeName spelling', () => {
    expect(NexiSubscriptionItem.parse(nexiListAssumed.subscriptions[0])).toEqual({
      paymentToken: {
        provider: 'nexi',
        token: 'a3f1c2e4b5d6978801234567890abcde',
        tokenType: 'subscription',
        displayName: 'VISA 492500******5521',
        instrument: 'CreditCard',
        cardBrand: 'VISA',
        lastFour: '5521',
        expiry: '04/2029',
        ...none,
      },
      removeBody: { subscriptionId: 'a3f1c2e4b5d6978801234567890abcde', paymentProviderId: 70 },
    })
    const [card, bare] = nexiListVariant.subscriptions.map((item) => NexiSubscriptionItem.parse(item))
    expect(card?.paymentToken).toMatchObject({ token: '12345', cardBrand: 'MasterCard', lastFour: '1111', expiry: '01/2030' })
    expect(card?.removeBody).toEqual({ subscriptionId: '12345', paymentProviderId: '70' })
    expect(bare?.paymentToken).toMatchObject({ token: 'no-card', displayName: 'Nexi (BT001)', cardBrand: null, expiry: null })
    expect(NexiSubscriptionItem.safeParse({ paymentProviderId: 70 }).success).toBe(false)
  })

  it('expiry is MM/YYYY or null', () => {
    expect(cardExpiry('12', '18')).toBe('12/2018')
    expect(cardExpiry('4', '2029')).toBe('04/2029')
    expect(cardExpiry(null, '29')).toBeNull()
    expect(cardExpiry('13x', '29')).toBeNull()
    expect(cardExpiry('12', '123')).toBeNull()
  })
})

describe('a Connect family adapter', () => {
  it('lists with ?customerNumber, skips unreadable items, sets the customer number', async () => {
    const http = fakeHttp({ [`GET ${PAYEX}`]: { body: payexListVariant } })
    const tokens = await createPayexAdapter(http.client).list({ customerNumber: '100002' }, { includeArchived: false })
    expect(tokens.map((token) => [token.token, token.customerNumber])).toEqual([['k2m9q7xw3pe', '100002']])
    expect(http.sent[0]?.query).toEqual({ customerNumber: '100002' })
  })

  it('reads an envelope without its list, or a bare array; refuses another shape', async () => {
    for (const body of [{}, { recurringTokens: null }]) {
      const http = fakeHttp({ [`GET ${KLARNA}`]: { body } })
      expect(await createKlarnaAdapter(http.client).list({ customerNumber: '1' }, { includeArchived: false })).toEqual([])
    }
    const bare = fakeHttp({ [`GET ${VIPPS}`]: { body: vippsListDocumented.recurringAgreements } })
    expect(await createVippsAdapter(bare.client).list({ customerNumber: '1' }, { includeArchived: false })).toHaveLength(1)
    const odd = fakeHttp({ [`GET ${NEXI}`]: { body: { subscriptions: 'none' } } })
    await expect(createNexiAdapter(odd.client).list({ customerNumber: '1' }, { includeArchived: false })).rejects.toThrow()
  })

  it('removes: re-reads the list, then PATCHes the documented body with ?customerNumber', async () => {
    const http = fakeHttp({ [`GET ${PAYEX}`]: { body: payexListDocumented }, [`PATCH ${PAYEX}`]: { body: { success: true } } })
    await createPayexAdapter(http.client).remove('100001', '4v8nwodhfja')
    expect(http.keys()).toEqual([`GET ${PAYEX}`, `PATCH ${PAYEX}`])
    expect(http.sent[1]).toMatchObject({ query: { customerNumber: '100001' }, json: { paymentProviderId: '11', recurrenceToken: '4v8nwodhfja' } })
  })

  it('a token that is not (or no longer) listed is NOT_FOUND and nothing is sent', async () => {
    const http = fakeHttp({ [`GET ${KLARNA}`]: { body: klarnaListDocumented } })
    await expect(createKlarnaAdapter(http.client).remove('100001', 'gone')).rejects.toMatchObject({ code: 'NOT_FOUND', provider: 'klarna' })
    expect(http.keys()).toEqual([`GET ${KLARNA}`])
  })

  it('success:false is PROVIDER_ERROR; a token without paymentProviderId is not sent', async () => {
    const refused = fakeHttp({ [`GET ${VIPPS}`]: { body: vippsListDocumented }, [`PATCH ${VIPPS}`]: { body: { success: false } } })
    await expect(createVippsAdapter(refused.client).remove('1', 'abcd-efgh')).rejects.toMatchObject({ code: 'PROVIDER_ERROR' })
    const noId = fakeHttp({ [`GET ${PAYEX}`]: { body: payexListMinimal } })
    await expect(createPayexAdapter(noId.client).remove('1', 'only-token')).rejects.toMatchObject({ code: 'PROVIDER_ERROR' })
    expect(noId.keys()).toEqual([`GET ${PAYEX}`])
  })

  it('a failed PATCH is not retried', async () => {
    const http = fakeHttp({
      [`GET ${NEXI}`]: { body: nexiListAssumed },
      [`PATCH ${NEXI}`]: { error: new AppError('OUTCOME_UNKNOWN', 'Connect failed while making the change (HTTP 503).') },
    })
    await expect(createNexiAdapter(http.client).remove('1', 'a3f1c2e4b5d6978801234567890abcde')).rejects.toMatchObject({ code: 'OUTCOME_UNKNOWN' })
    expect(http.keys().filter((key) => key.startsWith('PATCH'))).toHaveLength(1)
  })

  it('without Connect it is not configured', async () => {
    const adapter = createPayexAdapter(null)
    expect(adapter.configured).toBe(false)
    await expect(adapter.list({ customerNumber: '1' }, { includeArchived: false })).rejects.toMatchObject({ code: 'NOT_CONFIGURED' })
  })
})
