import { describe, expect, it } from 'vitest'
import { customerReaders } from '../../../src/core/connect/customer-reader.ts'
import { payerReferenceFor, payerReferenceMapper } from '../../../src/core/payer-reference.ts'
import { createSwedbankPayAdapter } from '../../../src/core/providers/swedbankpay.ts'
import type { PayerApi } from '../../../src/core/swedbankpay/payer-api.ts'

describe('payerReference mapping', () => {
  it('defaults to the customer number, and fills every {customerNumber} of a template', () => {
    expect(payerReferenceFor('100001')).toBe('100001')
    expect(payerReferenceMapper()('7')).toBe('7')
    expect(payerReferenceMapper('AP-{customerNumber}')('100001')).toBe('AP-100001')
    expect(payerReferenceMapper('{customerNumber}/{customerNumber}')('1')).toBe('1/1')
  })

  it('refuses a template without the placeholder, or too long', () => {
    expect(() => payerReferenceMapper('AP-')).toThrow(expect.objectContaining({ code: 'VALIDATION' }))
    expect(() => payerReferenceMapper(`{customerNumber}${'x'.repeat(50)}`)).toThrow(expect.objectContaining({ code: 'VALIDATION' }))
  })

  it('customers and the Swedbank Pay adapter both use it', async () => {
    const mapper = payerReferenceMapper('NO-{customerNumber}')
    expect(customerReaders(mapper).customer.parse({ customerNumber: 100001 }).payerReference).toBe('NO-100001')
    const asked: string[] = []
    const api = { listActive: async (payer: string) => (asked.push(payer), []), listArchived: async () => [] } as unknown as PayerApi
    await createSwedbankPayAdapter(api, { payerReferenceOf: mapper }).list({ customerNumber: '100001' }, { includeArchived: false })
    expect(asked).toEqual(['NO-100001'])
  })
})
