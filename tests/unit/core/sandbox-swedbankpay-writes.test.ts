/** Swedbank Pay writes through real HTTP: rename, archive all (Payer API) and the old PaymentOrder deletes. */
import { describe, expect, it } from 'vitest'
import { createSwedbankPayClient } from '../../../src/core/swedbankpay/client.ts'
import { createPaymentOrderTokenApi } from '../../../src/core/swedbankpay/payment-order-tokens.ts'
import { SHOWCASE_TOKENS } from '../../../src/sandbox/index.ts'
import { core, useCoreOnSandbox } from './support/sandbox.ts'

useCoreOnSandbox()

const stored = (token: string) => core.sandbox.state.data.payerTokens.find((candidate) => candidate.token === token)
const listKari = async () => {
  const result = await core.call('tokens:list', { payerReference: '100001', includeArchived: true })
  if (!result.ok) throw new Error(result.error.message)
  return result.data.tokens
}

describe('rename', () => {
  it('renames a token: PATCH …/displaynames {displayName}, and the next list shows the name', async () => {
    const result = await core.call('tokens:rename', {
      provider: 'swedbankpay',
      token: SHOWCASE_TOKENS.kariVisaRecurrence,
      tokenType: 'Recurrence',
      displayName: 'Kari sin Visa',
    })
    expect(result).toMatchObject({ ok: true, data: { token: SHOWCASE_TOKENS.kariVisaRecurrence, displayName: 'Kari sin Visa', payerReference: '100001', state: 'Active' } })
    expect(stored(SHOWCASE_TOKENS.kariVisaRecurrence)?.displayName).toBe('Kari sin Visa')
    expect((await listKari()).find((token) => token.token === SHOWCASE_TOKENS.kariVisaRecurrence)?.displayName).toBe('Kari sin Visa')
    const patch = (await core.requests()).find((request) => request.method === 'PATCH')
    expect(patch?.path).toBe(`/online/payers/tokens/${SHOWCASE_TOKENS.kariVisaRecurrence}-Recurrence/displaynames`)
    expect(patch?.headers['content-type']).toBe('application/json;version=3.x/2.0')
  })
})

describe('archive all', () => {
  it("archives every active token of the payer and answers the payer's archived tokens", async () => {
    const result = await core.call('tokens:archiveAll', { provider: 'swedbankpay', payerReference: '100001', reason: 'Customer left' })
    if (!result.ok) throw new Error(result.error.message)
    expect(result.data.map((token) => [token.token, token.state, token.archiveReason]).sort()).toEqual(
      [
        [SHOWCASE_TOKENS.kariVisaRecurrence, 'Archived', 'Customer left'],
        [SHOWCASE_TOKENS.kariTrustlyUnscheduled, 'Archived', 'Customer left'],
        [SHOWCASE_TOKENS.kariArchivedMasterCard, 'Archived', 'Card expired'],
      ].sort(),
    )
    expect(stored(SHOWCASE_TOKENS.kariVisaRecurrence)?.state).toBe('Archived')
    expect((await listKari()).every((token) => token.state === 'Archived')).toBe(true)
  })
})

describe('the old PaymentOrder deletes', () => {
  it('deletes a recurrence token: {state:"Deleted", comment}, version=3.1/2.0; gone from both Payer API lists', async () => {
    const result = await core.call('tokens:legacyDelete', { kind: 'recurrence', token: SHOWCASE_TOKENS.kariVisaRecurrence, comment: 'Asked by phone' })
    expect(result).toEqual({ ok: true, data: { kind: 'recurrence', deleted: true, count: 1 } })
    expect(stored(SHOWCASE_TOKENS.kariVisaRecurrence)).toMatchObject({ state: 'Deleted', deleteComment: 'Asked by phone' })
    const patch = (await core.requests()).find((request) => request.method === 'PATCH')
    expect(patch?.path).toBe(`/psp/paymentorders/recurrenceTokens/${SHOWCASE_TOKENS.kariVisaRecurrence}`)
    expect(patch?.headers['content-type']).toBe('application/json;version=3.1/2.0')
    expect((await listKari()).map((token) => token.token)).not.toContain(SHOWCASE_TOKENS.kariVisaRecurrence)
  })

  it('an unscheduled delete answers without isDeleted: count null', async () => {
    const result = await core.call('tokens:legacyDelete', { kind: 'unscheduled', token: SHOWCASE_TOKENS.kariTrustlyUnscheduled, comment: 'x' })
    expect(result).toEqual({ ok: true, data: { kind: 'unscheduled', deleted: true, count: null } })
    expect(stored(SHOWCASE_TOKENS.kariTrustlyUnscheduled)?.state).toBe('Deleted')
  })

  it('a token of another kind is NOT_FOUND; an archived one is CONFLICT', async () => {
    const wrongKind = await core.call('tokens:legacyDelete', { kind: 'payment', token: SHOWCASE_TOKENS.kariVisaRecurrence, comment: 'x' })
    expect(wrongKind).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', provider: 'swedbankpay' } })
    const archived = await core.call('tokens:legacyDelete', { kind: 'payment', token: SHOWCASE_TOKENS.kariArchivedMasterCard, comment: 'x' })
    expect(archived).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect(stored(SHOWCASE_TOKENS.kariVisaRecurrence)?.state).toBe('Active')
  })

  it("deletes every token a payer owns and counts them; the legacy list reader shows none left", async () => {
    const payerOwned = createPaymentOrderTokenApi(createSwedbankPayClient(core.config.swedbankPay!, core.config.http))
    expect((await payerOwned.listPayerOwned('100001')).tokens.map((token) => [token.token, token.displayName, token.state])).toEqual([
      [SHOWCASE_TOKENS.kariVisaRecurrence, stored(SHOWCASE_TOKENS.kariVisaRecurrence)?.displayName, 'Active'],
      [SHOWCASE_TOKENS.kariTrustlyUnscheduled, stored(SHOWCASE_TOKENS.kariTrustlyUnscheduled)?.displayName, 'Active'],
    ])
    const result = await core.call('tokens:legacyDelete', { kind: 'payerOwned', payerReference: '100001', comment: 'GDPR' })
    // The sandbox deletes archived tokens too: three for Kari.
    expect(result).toEqual({ ok: true, data: { kind: 'payerOwned', deleted: true, count: 3 } })
    expect((await payerOwned.listPayerOwned('100001')).tokens).toEqual([])
    expect(await listKari()).toEqual([])
  })
})
