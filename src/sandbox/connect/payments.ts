/**
 * Pay invoice, user mode [C MC-REDOC Payment]:
 *   POST /capi/v1/api/payment/invoice  {invoiceNumber ≤10, productCode ≤12, companyCode ≤12, paymentMethod}
 *     -> {success:true, transactionId:<int>}
 * Documented in user mode only. The console sends the signed-in agent's token, and falls back to its
 * client-credentials token without one (OUR ASSUMPTION, as for the token lists): both are accepted here.
 * The transaction starts 'initiated'; the login server's payment page (connectid/payment-page.ts) completes it.
 * Our assumption: an optional ?customerNumber= (as the console sends on token calls) must match the invoice's customer.
 */
import type { DemoInvoice } from '../data/index.ts'
import { parseJsonObject } from '../http/body.ts'
import { ClientError } from '../http/reply.ts'
import type { Reply } from '../http/reply.ts'
import type { RequestContext, Route } from '../http/router.ts'
import type { SandboxState } from '../state.ts'
import { connectReply } from './respond.ts'

export const PAYMENT_METHODS = ['creditcardPayex', 'swishPayex', 'vippsEcommerce', 'nexi'] as const
/** The results the payment page reports on the returnUrl [C MC-REDOC]; 'error' is the system error (to errorUrl). */
export const PAYMENT_RESULTS = ['finished', 'cancelled', 'failed', 'unknown', 'initiated'] as const
export type PaymentStatus = (typeof PAYMENT_RESULTS)[number] | 'error'

export interface PaymentTransaction {
  transactionId: number
  invoiceNumber: string
  customerNumber: number
  productCode: string
  companyCode: string
  paymentMethod: string
  amount: number
  /** The demo agent who started it (null with a client-credentials token), and the client it used. */
  agent: string | null
  clientId: string
  status: PaymentStatus
  /** ISO times. */
  createdAt: string
  completedAt: string | null
}

export const PAY_INVOICE_PATH = '/capi/v1/api/payment/invoice'

function invalid(message: string): never {
  throw new ClientError(400, message)
}

function text(body: Record<string, unknown>, name: string, max: number): string {
  const value = body[name]
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) invalid(`${name} is required: a string of 1 to ${max} characters`)
  return value
}

export function findInvoice(state: SandboxState, invoiceNumber: string): DemoInvoice | undefined {
  return state.data.invoices.find((invoice) => invoice.invoiceNumber === invoiceNumber)
}

/** Records the page's result; 'finished' marks the invoice paid, so the next invoice list shows it. */
export function completePayment(state: SandboxState, transaction: PaymentTransaction, result: PaymentStatus, now = new Date()): void {
  transaction.status = result
  if (result === 'initiated') return
  transaction.completedAt = now.toISOString()
  const invoice = findInvoice(state, transaction.invoiceNumber)
  if (result === 'finished' && invoice) {
    Object.assign(invoice, { status: 'paid', paidAmount: invoice.amount, paymentDate: now.toISOString().slice(0, 10) })
  }
}

async function payInvoice(ctx: RequestContext): Promise<Reply> {
  const body = parseJsonObject(await ctx.body())
  const invoiceNumber = text(body, 'invoiceNumber', 10)
  const productCode = text(body, 'productCode', 12)
  const companyCode = text(body, 'companyCode', 12)
  const paymentMethod = body.paymentMethod
  if (typeof paymentMethod !== 'string' || !(PAYMENT_METHODS as readonly string[]).includes(paymentMethod)) {
    invalid(`paymentMethod must be one of ${PAYMENT_METHODS.join(', ')}`)
  }
  const invoice = findInvoice(ctx.state, invoiceNumber)
  if (!invoice) invalid(`Invoice ${invoiceNumber} not found`)
  if (invoice.productCode !== productCode || invoice.companyCode !== companyCode) {
    invalid(`Invoice ${invoiceNumber} does not belong to product ${productCode} of company ${companyCode}`)
  }
  const customerNumber = ctx.query.get('customerNumber')
  if (customerNumber !== null && customerNumber !== String(invoice.customerNumber)) invalid(`Invoice ${invoiceNumber} not found for customer ${customerNumber}`)
  if (invoice.status === 'paid') invalid(`Invoice ${invoiceNumber} is already paid`)

  const payments = ctx.state.payments
  const transactionId = payments.nextTransactionId++
  payments.transactions.set(transactionId, {
    transactionId,
    invoiceNumber,
    customerNumber: invoice.customerNumber,
    productCode,
    companyCode,
    paymentMethod,
    amount: invoice.amount,
    agent: ctx.agentId ?? null,
    clientId: ctx.clientId ?? '',
    status: 'initiated',
    createdAt: new Date().toISOString(),
    completedAt: null,
  })
  return connectReply(ctx, 200, { success: true, transactionId }, 'response')
}

/** Counts every POST per invoiceNumber, before faults, auth and validation: e2e tests check one POST per click. */
async function countPost(ctx: RequestContext): Promise<void> {
  let key = '(no invoiceNumber)'
  try {
    const value: unknown = JSON.parse(await ctx.body())
    const invoiceNumber = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).invoiceNumber : undefined
    if (typeof invoiceNumber === 'string') key = invoiceNumber.slice(0, 32)
  } catch {
    // Unreadable bodies are counted under the placeholder.
  }
  const posts = ctx.state.payments.postsPerInvoice
  posts.set(key, (posts.get(key) ?? 0) + 1)
}

export const paymentRoutes: readonly Route[] = [{ method: 'POST', pattern: PAY_INVOICE_PATH, handle: payInvoice, observe: countPost }]
