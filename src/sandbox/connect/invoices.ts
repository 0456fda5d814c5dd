/**
 * Products and invoices, client mode:
 *   GET /capi/v1/client/product[?productId=]  -> {products:[{productCode, productName, companyCode}]} [C-client OC; shape loose]
 *   GET /capi/v1/client/customer/invoice/payment/<customerNumber:int>/<productCode:≤12>?from&to
 *       -> {clientInvoiceInfoList:[…]} [C MC-UNITE list-invoices-for-product-client-mode]
 * Kept as documented, oddities included: invoiceDate in epoch ms, numeric invoiceAmount, lowercase `incltime`.
 * ASSUMED: `invoiceNumber` on each item (Pay invoice needs it), paymentStatus "0" unpaid / "1" paid (the docs' one
 * example is "0"), dueDate and paymentDate in epoch ms like invoiceDate, and the from/to filter on the invoice date.
 */
import { ALL_PRODUCTS, findProduct } from '../data/index.ts'
import type { DemoInvoice } from '../data/index.ts'
import { ClientError } from '../http/reply.ts'
import type { Reply } from '../http/reply.ts'
import type { RequestContext, Route } from '../http/router.ts'
import { connectReply } from './respond.ts'

const epochMs = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`)
const roundOre = (amount: number): number => Math.round(amount * 100) / 100

function products(ctx: RequestContext): Reply {
  const productId = ctx.query.get('productId')
  const listed = ALL_PRODUCTS.filter((product) => productId === null || product.productCode === productId)
  return connectReply(
    ctx,
    200,
    { products: listed.map(({ productCode, productName, companyCode }) => ({ productCode, productName, companyCode })) },
    'products',
  )
}

export function invoiceView(invoice: DemoInvoice, index: number) {
  const vatPercent = findProduct(invoice.productCode)?.vatPercent ?? 0
  return {
    invoiceId: String(index + 1),
    invoiceNumber: invoice.invoiceNumber,
    invoiceDate: epochMs(invoice.invoiceDate),
    invoiceOfferCount: '1',
    customerNumber: invoice.customerNumber,
    product: invoice.productCode,
    productName: invoice.productName,
    amount: invoice.amount,
    companyCode: invoice.companyCode,
    paymentStatus: invoice.status === 'paid' ? '1' : '0',
    invoiceAmount: invoice.amount,
    paidAmount: invoice.paidAmount,
    paymentMethod: 'A',
    invoiceHotelUrl: `https://invoicehotel.example.com/sandbox/${invoice.invoiceNumber}`,
    paymentDate: invoice.paymentDate === null ? null : epochMs(invoice.paymentDate),
    dueDate: epochMs(invoice.dueDate),
    desc: [],
    period: 1,
    periodUnit: 'E',
    fromTime: invoice.fromTime,
    incltime: invoice.inclTime,
    invoiceLineInfo: [
      {
        productCode: invoice.productCode,
        invoiceAmount: invoice.amount,
        invoiceVatAmount: roundOre((invoice.amount * vatPercent) / (100 + vatPercent)),
        invoiceVatPercent: vatPercent,
      },
    ],
  }
}

function dateParam(ctx: RequestContext, name: 'from' | 'to'): string | undefined {
  const value = ctx.query.get(name)
  if (value === null || value === '') return undefined
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(epochMs(value))) throw new ClientError(400, `${name} must be a date, YYYY-MM-DD`)
  return value
}

function invoices(ctx: RequestContext): Reply {
  const rawCustomer = ctx.params.customerNumber ?? ''
  const productCode = ctx.params.productCode ?? ''
  if (!/^[0-9]{1,12}$/.test(rawCustomer)) throw new ClientError(400, 'The customer number must be 1 to 12 digits')
  if (productCode.length > 12) throw new ClientError(400, 'The product code must be at most 12 characters')
  const from = dateParam(ctx, 'from')
  const to = dateParam(ctx, 'to')
  const customerNumber = Number(rawCustomer)
  const found = ctx.state.data.invoices
    .filter((invoice) => invoice.customerNumber === customerNumber && invoice.productCode === productCode)
    .filter((invoice) => (from === undefined || invoice.invoiceDate >= from) && (to === undefined || invoice.invoiceDate <= to))
    .sort((a, b) => a.invoiceDate.localeCompare(b.invoiceDate) || a.invoiceNumber.localeCompare(b.invoiceNumber))
  return connectReply(ctx, 200, { clientInvoiceInfoList: found.map(invoiceView) }, 'clientInvoiceInfoList')
}

export const invoiceRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/capi/v1/client/product', handle: products },
  { method: 'GET', pattern: '/capi/v1/client/customer/invoice/payment/:customerNumber/:productCode', handle: invoices },
]
