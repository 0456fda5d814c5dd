/**
 * The login server's invoice payment page [C MC-REDOC Pay invoice]:
 *   GET  /user/payment/invoice/pay?clientId&returnUrl&errorUrl&transactionId -> the invoice, its amount, and one
 *        button per documented result (finished, cancelled, failed, unknown, initiated) plus "System error"
 *   POST /user/payment/invoice/pay (form: the same + result) -> 302 returnUrl?result=<result>&transactionId=<id>,
 *        or errorUrl?transactionId=<id> for a system error.
 * The name of the result parameter is not documented: `result` is OUR ASSUMPTION (so is errorUrl's transactionId).
 * returnUrl and errorUrl must be loopback http (127.0.0.1 or [::1]) or https; otherwise a 400 page, never a redirect.
 */
import { findProduct } from '../data/index.ts'
import { completePayment, findInvoice, PAYMENT_RESULTS } from '../connect/payments.ts'
import type { PaymentStatus, PaymentTransaction } from '../connect/payments.ts'
import type { DemoInvoice } from '../data/index.ts'
import { errorPage, escapeHtml, formPageRoutes, hiddenFields, htmlPage, redirectReply } from '../http/html.ts'
import type { Refusable } from '../http/html.ts'
import type { Reply } from '../http/reply.ts'
import type { RequestContext, Route } from '../http/router.ts'
import { isHttpsUrl, isLoopbackHttpUrl, withQuery } from '../http/urls.ts'

export const PAYMENT_PAGE_PATH = '/user/payment/invoice/pay'

const FIELDS = ['clientId', 'returnUrl', 'errorUrl', 'transactionId'] as const

interface PaymentRequest {
  clientId: string
  returnUrl: string
  errorUrl: string
  transaction: PaymentTransaction
  invoice: DemoInvoice
}

const allowedTarget = (url: string): boolean => isLoopbackHttpUrl(url, false) || isHttpsUrl(url)

function readRequest(ctx: RequestContext, params: URLSearchParams): Refusable<PaymentRequest> {
  const repeated = FIELDS.find((name) => params.getAll(name).length > 1)
  if (repeated) return { refused: `The parameter ${repeated} is repeated` }
  const get = (name: (typeof FIELDS)[number]): string => params.get(name) ?? ''
  if (get('clientId') !== ctx.state.credentials.clientId) return { refused: 'Unknown clientId' }
  for (const name of ['returnUrl', 'errorUrl'] as const) {
    if (!allowedTarget(get(name))) return { refused: `${name} must be an https URL or a loopback http://127.0.0.1 or http://[::1] URL` }
  }
  const id = get('transactionId')
  const transaction = /^[0-9]{1,12}$/.test(id) ? ctx.state.payments.transactions.get(Number(id)) : undefined
  if (!transaction) return { refused: 'Unknown transactionId' }
  if (transaction.status !== 'initiated') return { refused: `Transaction ${id} is already completed (${transaction.status})` }
  const invoice = findInvoice(ctx.state, transaction.invoiceNumber)
  if (!invoice || invoice.status === 'paid') return { refused: `Invoice ${transaction.invoiceNumber} is already paid` }
  return { clientId: get('clientId'), returnUrl: get('returnUrl'), errorUrl: get('errorUrl'), transaction, invoice }
}

const BUTTONS: readonly { result: PaymentStatus; label: string }[] = [
  { result: 'finished', label: 'Pay (finished)' },
  { result: 'cancelled', label: 'Cancel payment (cancelled)' },
  { result: 'failed', label: 'Payment fails (failed)' },
  { result: 'unknown', label: 'Outcome unknown (unknown)' },
  { result: 'initiated', label: 'Leave it initiated (initiated)' },
  { result: 'error', label: 'System error (to errorUrl)' },
]

function amountText(invoice: DemoInvoice): string {
  const currency = findProduct(invoice.productCode)?.currency ?? ''
  return `${invoice.amount.toFixed(2).replace('.', ',')} ${currency}`.trim()
}

function page(request: PaymentRequest): Reply {
  const { invoice, transaction } = request
  const fields = hiddenFields({
    clientId: request.clientId,
    returnUrl: request.returnUrl,
    errorUrl: request.errorUrl,
    transactionId: String(transaction.transactionId),
  })
  const buttons = BUTTONS.map(
    ({ result, label }) =>
      `<button type="submit" name="result" value="${result}" data-testid="pay-${result}"${result === 'finished' ? ' class="primary"' : ''}>${escapeHtml(label)}</button>`,
  ).join('\n')
  const details: [string, string][] = [
    ['Invoice', invoice.invoiceNumber],
    ['Product', `${invoice.productName} (${invoice.productCode})`],
    ['Amount', amountText(invoice)],
    ['Due', invoice.dueDate],
    ['Payment method', transaction.paymentMethod],
    ['Transaction', String(transaction.transactionId)],
  ]
  return htmlPage(
    200,
    `Pay invoice ${invoice.invoiceNumber} – sandbox`,
    `<h1>Pay invoice ${escapeHtml(invoice.invoiceNumber)}</h1>
<dl data-testid="payment-details">${details.map(([term, value]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>
<form method="post" action="${PAYMENT_PAGE_PATH}">
${fields}
<fieldset><legend>Sandbox: choose the payment's result</legend>
${buttons}
</fieldset>
</form>`,
  )
}

function submit(ctx: RequestContext, request: PaymentRequest, form: URLSearchParams): Reply {
  const result = form.get('result') ?? ''
  const transactionId = String(request.transaction.transactionId)
  if (result === 'error') {
    completePayment(ctx.state, request.transaction, 'error')
    return redirectReply(withQuery(request.errorUrl, { transactionId }))
  }
  const known = PAYMENT_RESULTS.find((candidate) => candidate === result)
  if (!known) return errorPage(400, `result must be one of ${PAYMENT_RESULTS.join(', ')} or error`)
  completePayment(ctx.state, request.transaction, known)
  return redirectReply(withQuery(request.returnUrl, { result: known, transactionId }))
}

export const paymentPageRoutes: readonly Route[] = formPageRoutes(PAYMENT_PAGE_PATH, readRequest, page, submit)
