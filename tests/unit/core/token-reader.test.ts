import { describe, expect, it } from 'vitest'
import { singleTokenReader, tokenListReader } from '../../../src/core/swedbankpay/token-reader.ts'
import {
  archiveResponse,
  archivedList,
  bareTrustlyTokenCapitalAccountId,
  listWithLowercaseTokenlist,
  listWithTokenList,
  listWithTokensList,
  oldSpellingToken,
  singleTrustlyEnvelope,
} from './fixtures/swedbankpay.ts'

const active = tokenListReader('Active')
const archived = tokenListReader('Archived')
const single = singleTokenReader('Active')

describe('Swedbank Pay token list reader', () => {
  it('reads the current envelope with tokenList into full tokens', () => {
    const list = active.parse(listWithTokenList)
    expect(list.payerReference).toBe('customer-123')
    expect(list.skipped).toBe(0)
    expect(list.tokens).toEqual([
      {
        token: '8e7752b2-0000-4b9f-ac39-2844907d8f9c',
        tokenType: 'Recurrence',
        state: 'Active',
        payerReference: 'customer-123',
        instrument: 'CreditCard',
        displayName: '0416',
        correlationId: '8e7752b2-016f-4b9f-ac39-2844907d8f9c',
        archivedBy: null,
        archiveReason: null,
        networkTokenized: false,
        cardBrand: 'Visa',
        cardType: 'Credit',
        cardholderType: 'Unknown',
        lastFour: '0416',
        expiry: '12/2055',
        accountId: null,
      },
    ])
  })

  it('reads the lowercase tokenlist spelling', () => {
    expect(active.parse(listWithLowercaseTokenlist).tokens.map((t) => t.token)).toEqual(['8e7752b2-0000-4b9f-ac39-2844907d8f9c'])
  })

  it('reads the tokensList spelling, with a minimal token and the envelope payerReference', () => {
    const [token] = active.parse(listWithTokensList).tokens
    expect(token).toMatchObject({
      token: '5a17c24e-d459-4567-bbad-aa0f17a76119',
      tokenType: 'Payment',
      displayName: '492500******0004',
      payerReference: 'customer-123',
      cardBrand: null,
      lastFour: null,
      expiry: null,
    })
  })

  it('reads archived tokens with who and why', () => {
    const [token] = archived.parse(archivedList).tokens
    expect(token).toMatchObject({ state: 'Archived', archivedBy: 'PAYEE', archiveReason: 'Customer asked by phone' })
  })

  it('accepts a bare array and a top-level list', () => {
    expect(active.parse([oldSpellingToken]).tokens).toHaveLength(1)
    expect(active.parse({ payerReference: 'p', tokenList: [oldSpellingToken] }).tokens[0]?.payerReference).toBe('p')
  })

  it('treats a tokens object without a list as a payer with no tokens', () => {
    expect(active.parse({ tokens: { id: '/online/payers/x', payerReference: 'x' } })).toEqual({ payerReference: 'x', tokens: [], skipped: 0 })
  })

  it('skips and counts items it cannot read, keeping the rest', () => {
    const body = { tokens: { tokenList: [{ tokenType: 'Payment' }, 'junk', oldSpellingToken] } }
    const list = active.parse(body)
    expect(list.tokens.map((t) => t.tokenType)).toEqual(['Unscheduled'])
    expect(list.skipped).toBe(2)
  })

  it('refuses a body that holds no list at all', () => {
    expect(active.safeParse({ something: 'else' }).success).toBe(false)
    expect(active.safeParse('<tokens/>').success).toBe(false)
    expect(active.safeParse(null).success).toBe(false)
  })

  it('uses the list kind as the state when a token carries none', () => {
    const { state: _state, ...stateless } = oldSpellingToken
    expect(archived.parse([stateless]).tokens[0]?.state).toBe('Archived')
    expect(active.parse([stateless]).tokens[0]?.state).toBe('Active')
    expect(active.parse([{ ...stateless, archivedBy: 'PAYEE' }]).tokens[0]?.state).toBe('Archived')
    expect(active.parse([{ ...stateless, state: 'Deleted' }]).tokens[0]?.state).toBe('Archived')
    expect(archived.parse([{ ...stateless, state: 'active' }]).tokens[0]?.state).toBe('Active')
  })
})

describe('Swedbank Pay single-token reader', () => {
  it('reads the 5.3.17 spellings: instrumentDisplayName, correlationsId, cardHolderType, expiryDate before expiryPan', () => {
    expect(single.parse(oldSpellingToken)).toMatchObject({
      displayName: '492500******0004',
      correlationId: 'e2f06785-805d-4605-bf40-426a725d313d',
      cardholderType: 'Consumer',
      cardType: 'Debit',
      expiry: '12/2028',
      lastFour: '0004',
    })
  })

  it('unwraps the envelope and reads Trustly: last digits of the masked account, accountId', () => {
    expect(single.parse(singleTrustlyEnvelope)).toMatchObject({
      instrument: 'Trustly',
      state: 'Archived',
      lastFour: '232',
      accountId: '6224691047',
      cardBrand: null,
      payerReference: 'customer-123',
      archivedBy: 'PAYEE',
    })
  })

  it('reads a bare token with AccountId (capital A)', () => {
    expect(single.parse(bareTrustlyTokenCapitalAccountId)).toMatchObject({ accountId: '156', lastFour: null, displayName: 'Trustly account' })
  })

  it('reads the archive answer as an archived token', () => {
    expect(singleTokenReader('Archived').parse(archiveResponse)).toMatchObject({ state: 'Archived', archiveReason: 'Customer asked by phone' })
  })

  it('prefers the token payerReference and falls back to the envelope one', () => {
    const { payerReference: _p, ...inner } = singleTrustlyEnvelope.token
    expect(single.parse({ ...singleTrustlyEnvelope, payerReference: 'outer', token: inner }).payerReference).toBe('outer')
  })

  it('ignores unknown fields and odd parameter types', () => {
    const token = single.parse({ ...oldSpellingToken, surprise: { deep: true }, instrumentParameters: 'not an object', networkTokenized: 'yes' })
    expect(token).toMatchObject({ cardBrand: null, networkTokenized: null })
    expect(token).not.toHaveProperty('surprise')
  })

  it('normalises expiry: month padding and .NET dates', () => {
    const withExpiry = (expiryPan: string) => single.parse({ ...oldSpellingToken, instrumentParameters: { expiryPan } }).expiry
    expect(withExpiry('1/2030')).toBe('01/2030')
    expect(withExpiry('2055-12-31T00:00:00')).toBe('12/2055')
  })

  it('refuses a body without a token id or type', () => {
    expect(single.safeParse({ id: '/x', token: { tokenType: 'Payment' } }).success).toBe(false)
    expect(single.safeParse({ token: 'abc' }).success).toBe(false)
  })
})
