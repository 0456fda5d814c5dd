import { describe, expect, it } from 'vitest'
import { buildSeedData, SHOWCASE_TOKENS } from '../../../src/sandbox/data/index.ts'

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('sandbox demo data', () => {
  const data = buildSeedData()

  it('is deterministic per seed, and the showcase customers do not depend on it', () => {
    expect(buildSeedData(42)).toEqual(buildSeedData(42))
    const other = buildSeedData(43)
    expect(other.customers.slice(0, 4)).toEqual(buildSeedData(42).customers.slice(0, 4))
    expect(other.customers.slice(4)).not.toEqual(buildSeedData(42).customers.slice(4))
  })

  it('has at least 30 customers with 6-digit integer numbers, unique e-mails and +47/+46 phones', () => {
    expect(data.customers.length).toBeGreaterThanOrEqual(30)
    const numbers = data.customers.map((c) => c.customerNumber)
    expect(new Set(numbers).size).toBe(numbers.length)
    expect(numbers.every((n) => Number.isInteger(n) && n >= 100_000 && n <= 999_999)).toBe(true)
    const emails = data.customers.flatMap((c) => c.emails)
    expect(new Set(emails).size).toBe(emails.length)
    for (const c of data.customers) {
      expect(c.emails[0]).toMatch(/^[a-z0-9.]+@[a-z.]+$/)
      expect(c.phoneNumbers[0]).toMatch(c.country === 'NO' ? /^\+47[49]\d{7}$/ : /^\+467\d{8}$/)
    }
    expect(data.customers.filter((c) => /[æøå]/i.test(`${c.firstName} ${c.lastName}`) && c.country === 'NO').length).toBeGreaterThan(0)
    expect(data.customers.filter((c) => /[åäö]/i.test(`${c.firstName} ${c.lastName}`) && c.country === 'SE').length).toBeGreaterThan(0)
  })

  it('puts the showcase customers first', () => {
    expect(data.customers.slice(0, 4).map((c) => [c.customerNumber, `${c.firstName} ${c.lastName}`, c.country])).toEqual([
      [100001, 'Kari Nordmann', 'NO'],
      [100002, 'Ola Nordmann', 'NO'],
      [100003, 'Astrid Lindqvist', 'SE'],
      [100004, 'Ingrid Sæther', 'NO'],
    ])
    expect(data.customers[0]?.city).toBe('Oslo')
  })

  it('gives Kari tokens at every provider family, and customer 100004 none', () => {
    const kari = data.payerTokens.filter((t) => t.payerReference === '100001')
    expect(kari.filter((t) => t.state === 'Active').map((t) => t.token)).toEqual([SHOWCASE_TOKENS.kariVisaRecurrence, SHOWCASE_TOKENS.kariTrustlyUnscheduled])
    expect(kari.filter((t) => t.state === 'Archived').map((t) => t.token)).toEqual([SHOWCASE_TOKENS.kariArchivedMasterCard])
    for (const family of [data.payexTokens, data.klarnaTokens, data.vippsAgreements, data.nexiSubscriptions, data.invoices]) {
      expect(family.some((record) => record.customerNumber === 100001)).toBe(true)
    }
    expect(data.payerTokens.some((t) => t.payerReference === '100004')).toBe(false)
    for (const family of [data.payexTokens, data.klarnaTokens, data.vippsAgreements, data.nexiSubscriptions]) {
      expect(family.some((record) => record.customerNumber === 100004)).toBe(false)
    }
  })

  it('has Swedbank Pay tokens of every documented type and both instruments, in the documented formats', () => {
    expect(new Set(data.payerTokens.map((t) => t.tokenType))).toEqual(new Set(['Payment', 'Recurrence', 'Unscheduled', 'TransactionOnFile']))
    expect(new Set(data.payerTokens.map((t) => t.instrument))).toEqual(new Set(['CreditCard', 'Trustly']))
    for (const t of data.payerTokens) {
      expect(t.token).toMatch(GUID)
      expect(data.customers.some((c) => String(c.customerNumber) === t.payerReference)).toBe(true)
      if (t.state === 'Archived') expect([t.archivedBy, typeof t.archiveReason]).toEqual([expect.stringMatching(/^(PAYEE|SWEDBANK_PAY|TOKEN_ISSUER)$/), 'string'])
      else expect('archivedBy' in t || 'archiveReason' in t).toBe(false)
      const p = t.instrumentParameters
      if (t.instrument === 'CreditCard') {
        expect(p.cardBrand).toMatch(/^(Visa|MasterCard)$/)
        expect(p.expiryDate).toMatch(/^(0[1-9]|1[0-2])\/20\d\d$/)
        expect(p.expiryPan).toBe(p.expiryDate)
        expect(p.lastFourPan).toMatch(/^\d{4}$/)
        expect(p.bin).toMatch(/^\d{6}$/)
        expect(p.countryCode).toMatch(/^(578|752)$/)
        expect(p.cardType).toMatch(/^(Credit|Debit)$/)
        expect(p.cardholderType).toBeTruthy()
        expect(p.issuerName).toBeTruthy()
      } else {
        expect(p.maskedAccountNumber).toMatch(/^\*{5}\d{3}$/)
        expect(p.accountId).toMatch(/^\d{10}$/)
      }
    }
    expect(data.payerTokens.filter((t) => t.state === 'Archived').length).toBeGreaterThan(1)
  })

  it('has invoices per customer and product code, with unique invoice numbers of at most 10 characters', () => {
    const numbers = data.invoices.map((i) => i.invoiceNumber)
    expect(new Set(numbers).size).toBe(numbers.length)
    expect(numbers.every((n) => n.length <= 10)).toBe(true)
    expect(new Set(data.invoices.map((i) => i.productCode))).toEqual(new Set(['AP001', 'BT001', 'SVD01', 'AB001']))
    expect(data.invoices.filter((i) => i.status === 'unpaid').every((i) => i.paidAmount === 0 && i.paymentDate === null)).toBe(true)
  })
})
