import { describe, expect, it } from 'vitest'
import { agentTokens } from './agent-client.ts'
import { sandbox, token, useSandbox } from './sandbox-client.ts'

useSandbox({ token: true, reset: true })

const get = (path: string, bearer = token) => fetch(`${sandbox.connectApiUrl}${path}`, { headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/json' } })

interface InvoiceItem {
  invoiceId: string
  invoiceNumber: string
  invoiceDate: number
  paymentStatus: string
  invoiceAmount: number
  paidAmount: number
  paymentDate: number | null
  incltime: string
  [key: string]: unknown
}

async function invoices(query: string): Promise<InvoiceItem[]> {
  const response = await get(`/v1/client/customer/invoice/payment/${query}`)
  expect(response.status).toBe(200)
  return ((await response.json()) as { clientInvoiceInfoList: InvoiceItem[] }).clientInvoiceInfoList
}

describe('products (client mode)', () => {
  it('lists the catalog, and filters by productId', async () => {
    const response = await get('/v1/client/product')
    expect(response.status).toBe(200)
    expect(response.headers.get('x-ratelimit-remaining')).toBeTruthy()
    const { products } = (await response.json()) as { products: { productCode: string; productName: string; companyCode: string }[] }
    expect(products.map((p) => p.productCode)).toEqual(['AP001', 'BT001', 'SVD01', 'AB001'])
    expect(products[0]).toEqual({ productCode: 'AP001', productName: 'Aftenposten Digital', companyCode: '68979834' })
    expect(products.every((p) => p.companyCode.length <= 12)).toBe(true)
    const one = (await (await get('/v1/client/product?productId=SVD01')).json()) as { products: unknown[] }
    expect(one.products).toEqual([{ productCode: 'SVD01', productName: 'Svenska Dagbladet Digital', companyCode: '55667788' }])
  })

  it('is client mode: an agent token gets 401 invalid_token', async () => {
    const agent = await agentTokens(sandbox)
    expect((await get('/v1/client/product', agent.access_token)).status).toBe(401)
  })
})

describe('invoices for product (client mode)', () => {
  it('answers the documented shape with its oddities: epoch-ms invoiceDate, numeric invoiceAmount, lowercase incltime', async () => {
    const list = await invoices('100001/AP001')
    expect(list.map((i) => [i.invoiceNumber, i.paymentStatus])).toEqual([['7435367', '1'], ['7435368', '0']])
    expect(list[1]).toEqual({
      invoiceId: '2',
      invoiceNumber: '7435368',
      invoiceDate: Date.UTC(2026, 5, 1),
      invoiceOfferCount: '1',
      customerNumber: 100001,
      product: 'AP001',
      productName: 'Aftenposten Digital',
      amount: 299,
      companyCode: '68979834',
      paymentStatus: '0',
      invoiceAmount: 299,
      paidAmount: 0,
      paymentMethod: 'A',
      invoiceHotelUrl: 'https://invoicehotel.example.com/sandbox/7435368',
      paymentDate: null,
      dueDate: Date.UTC(2026, 5, 15),
      desc: [],
      period: 1,
      periodUnit: 'E',
      fromTime: '2026-06-01',
      incltime: '2026-06-30',
      invoiceLineInfo: [{ productCode: 'AP001', invoiceAmount: 299, invoiceVatAmount: 0, invoiceVatPercent: 0 }],
    })
    expect(list[0]).toMatchObject({ paidAmount: 299, paymentDate: Date.UTC(2026, 4, 10) })
  })

  it('computes Swedish VAT on the invoice lines', async () => {
    const [svd] = await invoices('100003/SVD01')
    expect(svd?.invoiceLineInfo).toEqual([{ productCode: 'SVD01', invoiceAmount: 229, invoiceVatAmount: 12.96, invoiceVatPercent: 6 }])
  })

  it('filters by from and to on the invoice date, and answers empty for unknown customers or products', async () => {
    expect((await invoices('100001/AP001?from=2026-06-01')).map((i) => i.invoiceNumber)).toEqual(['7435368'])
    expect((await invoices('100001/AP001?to=2026-05-31')).map((i) => i.invoiceNumber)).toEqual(['7435367'])
    expect(await invoices('100001/AP001?from=2026-07-01')).toEqual([])
    expect(await invoices('999999/AP001')).toEqual([])
    expect(await invoices('100001/BT001')).toEqual([])
  })

  it('refuses a non-numeric customer, a long product code and bad dates with 400 InvalidParameter', async () => {
    for (const query of ['kari/AP001', `100001/${'X'.repeat(13)}`, '100001/AP001?from=01.06.2026', '100001/AP001?to=2026-13-45']) {
      const response = await get(`/v1/client/customer/invoice/payment/${query}`)
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ exceptionType: 'InvalidParameter' })
    }
  })
})
