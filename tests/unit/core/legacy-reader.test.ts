import { describe, expect, it } from 'vitest'
import { legacyDeleteAnswerReader, payerOwnedDeleteCount, payerOwnedTokensReader } from '../../../src/core/swedbankpay/legacy-reader.ts'

/** §1.5 / dotnet fixture DeserializeGetTokensResponse: instrumentDisplayName, no state, operations. */
const payerOwned = {
  payerOwnedTokens: {
    id: '/psp/paymentorders/payerownedtokens/100001',
    payerReference: '100001',
    tokens: [
      {
        token: '5f2c9a7e-3b1d-4c8e-9a01-100001000001',
        tokenType: 'Recurrence',
        instrument: 'CreditCard',
        instrumentDisplayName: '476173******0416',
        correlationId: 'e2f06785-805d-4605-bf40-426a725d313d',
        instrumentParameters: { cardBrand: 'Visa', expiryDate: '12/2028' },
        operations: [{ method: 'PATCH', href: 'https://x/psp/paymentorders/recurrencetokens/5f2c', rel: 'delete-recurrencetokens', contentType: 'application/json' }],
      },
      {
        token: 'c2b7f3d0-aaaa-4bbb-8ccc-000000000002',
        tokenType: 'Payment',
        instrument: 'Invoice-payexfinancingno',
        instrumentDisplayName: 'kari@example.com',
        instrumentParameters: { email: 'kari@example.com', msisdn: '+4791234567', zipCode: '0150' },
        isDeleted: true,
      },
    ],
  },
  operations: [{ method: 'PATCH', href: 'https://x/psp/paymentorders/payerOwnedPaymentTokens/100001', rel: 'delete-payerownedtokens' }],
}

describe('payerOwnedTokens reader', () => {
  it('reads the documented list: instrumentDisplayName as the display name, isDeleted as not usable', () => {
    const read = payerOwnedTokensReader.parse(payerOwned)
    expect(read.payerReference).toBe('100001')
    expect(read.skipped).toBe(0)
    expect(read.tokens.map((token) => [token.token, token.tokenType, token.state, token.displayName, token.expiry, token.payerReference])).toEqual([
      ['5f2c9a7e-3b1d-4c8e-9a01-100001000001', 'Recurrence', 'Active', '476173******0416', '12/2028', '100001'],
      ['c2b7f3d0-aaaa-4bbb-8ccc-000000000002', 'Payment', 'Archived', 'kari@example.com', null, '100001'],
    ])
  })

  it('accepts the payerOwnedPaymentTokens spelling, no operations, no tokens; refuses a body without the envelope', () => {
    expect(payerOwnedTokensReader.parse({ payerOwnedPaymentTokens: { payerReference: 'p', tokens: [{ token: 't', tokenType: 'Unscheduled' }, { x: 1 }] } })).toMatchObject({
      payerReference: 'p',
      skipped: 1,
      tokens: [{ token: 't', state: 'Active' }],
    })
    expect(payerOwnedTokensReader.parse({ payerOwnedTokens: { payerReference: 'p' } }).tokens).toEqual([])
    expect(payerOwnedTokensReader.safeParse({ tokens: { tokenList: [] } }).success).toBe(false)
  })

  it('the delete answer counts the tokens it lists, or says nothing', () => {
    expect(payerOwnedDeleteCount.parse(payerOwned)).toBe(2)
    expect(payerOwnedDeleteCount.parse({})).toBeNull()
  })
})

describe('single-token delete answers', () => {
  it('recurrence {token, isDeleted:true}; unscheduled {token, …}; payment {paymentToken, …}', () => {
    expect(legacyDeleteAnswerReader.parse({ token: 'r-1', isDeleted: true })).toEqual({ token: 'r-1', isDeleted: true })
    expect(
      legacyDeleteAnswerReader.parse({ token: 'u-1', instrument: 'CreditCard', instrumentDisplayName: '492500******0004', instrumentParameters: { cardBrand: 'Visa', expiryDate: '12/2028' } }),
    ).toEqual({ token: 'u-1', isDeleted: null })
    expect(legacyDeleteAnswerReader.parse({ paymentToken: 'p-1', instrument: 'CreditCard' })).toEqual({ token: 'p-1', isDeleted: null })
    expect(legacyDeleteAnswerReader.parse({ token: 'r-2', isDeleted: false })).toEqual({ token: 'r-2', isDeleted: false })
    expect(legacyDeleteAnswerReader.safeParse([]).success).toBe(false)
  })
})
