import { describe, expect, it } from 'vitest'
import { wireAmount, wireDate } from '../../../src/core/http/wire.ts'
import { invoiceListReader, invoiceStatus, productListReader } from '../../../src/core/invoices/invoice-reader.ts'
import { clientInvoiceList, userModeInvoices } from './fixtures/connect.ts'

const context = { customerNumber: '100001', productCode: 'AP001' }

describe('wire values', () => {
  it('amounts become numbers from numbers or strings', () => {
    expect(['295.00', '295', 295, '295,50', '1 234,50', ' 12.5 '].map((value) => wireAmount.parse(value))).toEqual([295, 295, 295, 295.5, 1234.5, 12.5])
    expect(['', 'abc', '1,2,3', null, undefined, Number.NaN, {}].map((value) => wireAmount.parse(value))).toEqual([null, null, null, null, null, null, null])
  })

  it('dates become the Europe/Oslo calendar date, from epoch ms or ISO', () => {
    expect(wireDate.parse(1560333600000)).toBe('2019-06-12')
    expect(wireDate.parse('1560333600000')).toBe('2019-06-12')
    // 22:30 UTC on 11 June is 00:30 on 12 June in Oslo (summer time)...
    expect(wireDate.parse(Date.UTC(2019, 5, 11, 22, 30))).toBe('2019-06-12')
    // ...and 23:30 UTC on 21 February is 00:30 on the 22nd (winter time).
    expect(wireDate.parse('2022-02-21T23:30:00Z')).toBe('2022-02-22')
    expect(wireDate.parse('2022-02-21T23:30:00+01:00')).toBe('2022-02-21')
    expect(wireDate.parse('2022-01-07')).toBe('2022-01-07')
    expect(wireDate.parse('2022-01-07T10:00:00')).toBe('2022-01-07')
    expect(['07.01.2022', '', null, undefined, true].map((value) => wireDate.parse(value))).toEqual([null, null, null, null, null])
  })
})

describe('invoice status', () => {
  it('from the amounts when both are known, else from a status word', () => {
    expect(invoiceStatus(295, 295, null)).toBe('paid')
    expect(invoiceStatus(295, 300, '0')).toBe('paid')
    expect(invoiceStatus(295, 100, null)).toBe('partial')
    expect(invoiceStatus(295, 0, 'Paid')).toBe('unpaid')
    expect(invoiceStatus(null, null, 'PAID')).toBe('paid')
    expect(invoiceStatus(295, null, 'unpaid')).toBe('unpaid')
    expect(invoiceStatus(null, 0, null)).toBe('unknown')
    expect(invoiceStatus(null, null, '0')).toBe('unknown')
  })
})

describe('invoice list reader', () => {
  it('reads the documented client-mode list: epoch dates, numeric amounts, invoiceId as the number', () => {
    expect(invoiceListReader(context).parse(clientInvoiceList)).toEqual({
      skipped: 0,
      items: [
        {
          invoiceNumber: '1',
          invoiceId: '1',
          customerNumber: '100001',
          productCode: 'AP001',
          productName: 'Aftenposten Digital',
          companyCode: '68979834',
          invoiceDate: '2019-06-12',
          dueDate: '2019-06-28',
          amount: 295,
          paidAmount: 0,
          status: 'unpaid',
        },
      ],
    })
  })

  it('reads the user-mode spellings: string amounts, ISO dates, invoiceNumber string or int; skips an item without a number', () => {
    const { items, skipped } = invoiceListReader(context).parse(userModeInvoices)
    expect(skipped).toBe(1)
    expect(items.map((invoice) => [invoice.invoiceNumber, invoice.invoiceDate, invoice.dueDate, invoice.amount, invoice.paidAmount, invoice.status])).toEqual([
      ['7435367', '2022-01-07', '2022-01-21', 295, 0, 'unpaid'],
      ['7435368', null, '2022-02-22', 295, 100, 'partial'],
      ['7435369', null, null, 295, 295, 'paid'],
      ['7435370', null, null, null, null, 'paid'],
    ])
    expect(items[3]).toMatchObject({ customerNumber: '100001', productCode: 'AP001', invoiceId: null })
  })

  it('an envelope without a list is no invoices; a non-list is unreadable', () => {
    expect(invoiceListReader(context).parse({}).items).toEqual([])
    expect(invoiceListReader(context).safeParse({ clientInvoiceInfoList: 'x' }).success).toBe(false)
    expect(invoiceListReader(context).safeParse('text').success).toBe(false)
  })
})

describe('product list reader', () => {
  it('reads productCode or productId, productName or name, and skips items without a code', () => {
    const body = {
      products: [
        { productCode: 'AP001', productName: 'Aftenposten Digital', companyCode: '68979834' },
        { productId: 42, name: 'Numbered', partnerId: 7, accessType: 'A' },
        { productName: 'no code' },
      ],
    }
    expect(productListReader.parse(body)).toEqual({
      skipped: 1,
      items: [
        { productCode: 'AP001', productName: 'Aftenposten Digital', companyCode: '68979834' },
        { productCode: '42', productName: 'Numbered', companyCode: null },
      ],
    })
  })
})
