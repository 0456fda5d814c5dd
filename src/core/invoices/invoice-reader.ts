/**
 * Tolerant readers of Connect's products and invoices (connect.md §2.5).
 * Invoices, client mode: `{clientInvoiceInfoList:[{invoiceId:"1", invoiceNumber?, invoiceDate:<epoch ms>,
 * customerNumber, product, productName, amount, companyCode, paymentStatus, invoiceAmount:295, paidAmount,
 * dueDate, fromTime:"2019-06-12", incltime:"2020-06-12" (lowercase t), …}]}`; the user-mode list spells
 * `invoiceAmount:"295.00"` and ISO dates, and reminders carry an int invoiceNumber and epoch-ms dates.
 * Every one of those spellings reads: amounts become numbers, dates become the Europe/Oslo calendar date.
 * Products: `{products:[…]}` with item fields not documented: productCode | productId, productName | name, companyCode.
 */
import { z } from 'zod'
import type { Invoice, Product } from '../../shared/domain.ts'
import { envelopeListReader, wireAmount, wireDate, wireId, wireText } from '../http/wire.ts'

type InvoiceStatus = Invoice['status']

const PAID_WORDS = /^(paid|betalt|betald|settled)$/i
const PARTIAL_WORDS = /^(partial|partially ?paid|delvis ?betalt|delbetald)$/i
const UNPAID_WORDS = /^(unpaid|open|ubetalt|obetald|invoiced)$/i

/** From the amounts when both are known (paid when paidAmount >= invoiceAmount), else from a status word. */
export function invoiceStatus(amount: number | null, paidAmount: number | null, paymentStatus: string | null): InvoiceStatus {
  if (amount !== null && paidAmount !== null) {
    if (paidAmount >= amount) return 'paid'
    return paidAmount > 0 ? 'partial' : 'unpaid'
  }
  if (paymentStatus === null) return 'unknown'
  if (PAID_WORDS.test(paymentStatus)) return 'paid'
  if (PARTIAL_WORDS.test(paymentStatus)) return 'partial'
  if (UNPAID_WORDS.test(paymentStatus)) return 'unpaid'
  return 'unknown'
}

const InvoiceFields = z.looseObject({
  invoiceNumber: wireText,
  invoiceId: wireText,
  customerNumber: wireText,
  product: wireText,
  productCode: wireText,
  productName: wireText,
  companyCode: wireText,
  invoiceDate: wireDate,
  dueDate: wireDate,
  invoiceAmount: wireAmount,
  amount: wireAmount,
  paidAmount: wireAmount,
  paymentStatus: wireText,
})

/** What the request said, for fields an item leaves out. */
export interface InvoiceContext {
  customerNumber: string
  productCode: string
}

export function invoiceItemReader(context: InvoiceContext) {
  return InvoiceFields.transform((wire, ctx): Invoice => {
    const invoiceNumber = wire.invoiceNumber ?? wire.invoiceId
    if (invoiceNumber === null) {
      ctx.addIssue({ code: 'custom', message: 'an invoice without invoiceNumber or invoiceId' })
      return z.NEVER
    }
    const amount = wire.invoiceAmount ?? wire.amount
    return {
      invoiceNumber,
      invoiceId: wire.invoiceId,
      customerNumber: wire.customerNumber ?? context.customerNumber,
      productCode: wire.product ?? wire.productCode ?? context.productCode,
      productName: wire.productName,
      companyCode: wire.companyCode,
      invoiceDate: wire.invoiceDate,
      dueDate: wire.dueDate,
      amount,
      paidAmount: wire.paidAmount,
      status: invoiceStatus(amount, wire.paidAmount, wire.paymentStatus),
    }
  })
}

/** `{clientInvoiceInfoList:[…]}` (or the user-mode `{invoices:[…]}`, or a bare array); unreadable items skipped. */
export function invoiceListReader(context: InvoiceContext) {
  return envelopeListReader(['clientInvoiceInfoList', 'invoices'], invoiceItemReader(context))
}

export const ProductItem = z
  .looseObject({ productCode: wireId.optional(), productId: wireId.optional(), productName: wireText, name: wireText, companyCode: wireText })
  .transform((wire, ctx): Product => {
    const productCode = wire.productCode ?? wire.productId
    if (productCode === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a product without productCode or productId' })
      return z.NEVER
    }
    return { productCode, productName: wire.productName ?? wire.name, companyCode: wire.companyCode }
  })

export const productListReader = envelopeListReader(['products'], ProductItem)
