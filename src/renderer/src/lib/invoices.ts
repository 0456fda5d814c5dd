/** Invoice and payment rules the views and the store share. Pure functions, no Vue. */
import type { Invoice, PaymentMethod, PaymentResultStatus } from '../../../shared/domain.ts'

export const PAYMENT_METHOD_LABELS: Readonly<Record<PaymentMethod, string>> = {
  creditcardPayex: 'Card (PayEx)',
  swishPayex: 'Swish',
  vippsEcommerce: 'Vipps',
  nexi: 'Nexi',
}
/** The methods in the order offered; the Record above makes TypeScript insist on every one. */
export const PAYMENT_METHOD_OPTIONS = Object.keys(PAYMENT_METHOD_LABELS) as PaymentMethod[]

/** Connect's documented limits for invoices:pay, checked before anything is sent. */
export const PAY_LIMITS = { invoiceNumber: 10, productCode: 12, companyCode: 12 } as const

export interface PayInput {
  customerNumber: string
  invoiceNumber: string
  productCode: string
  companyCode: string | null
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/

function checkText(label: string, value: string | null, max: number, problems: string[]): void {
  const trimmed = value?.trim() ?? ''
  if (trimmed.length === 0) problems.push(`The ${label} is missing.`)
  else if (trimmed.length > max) problems.push(`The ${label} “${trimmed}” is longer than Connect accepts (at most ${max} characters).`)
  else if (CONTROL.test(trimmed)) problems.push(`The ${label} contains control characters.`)
}

/** Why Connect would refuse this payment, in the agent's words; empty when it may be sent. */
export function payProblems(input: PayInput): string[] {
  const problems: string[] = []
  if (!/^[0-9]{1,12}$/.test(input.customerNumber.trim())) problems.push('The customer number is not 1 to 12 digits.')
  checkText('invoice number', input.invoiceNumber, PAY_LIMITS.invoiceNumber, problems)
  checkText('product code', input.productCode, PAY_LIMITS.productCode, problems)
  checkText('company code', input.companyCode, PAY_LIMITS.companyCode, problems)
  return problems
}

/** Only an unpaid invoice is offered for payment. */
export function canPay(invoice: Pick<Invoice, 'status'>): boolean {
  return invoice.status === 'unpaid'
}

export const INVOICE_STATUS_LABELS: Readonly<Record<Invoice['status'], string>> = {
  unpaid: 'Unpaid',
  partial: 'Partly paid',
  paid: 'Paid',
  unknown: 'Unknown',
}

/** What the payment page reported, and what the agent does next. */
export const PAYMENT_RESULT_TEXT: Readonly<Record<PaymentResultStatus, { title: string; next: string }>> = {
  pending: {
    title: 'Waiting for the customer to pay…',
    next: 'Send or open the link. The result shows here as soon as the payment page reports it.',
  },
  finished: { title: 'Payment completed', next: 'The invoice list has been refreshed. Nothing more to do.' },
  cancelled: {
    title: 'The customer cancelled the payment',
    next: 'Nothing was charged. If the customer wants to try again, close this and start a new payment.',
  },
  failed: {
    title: 'The payment failed',
    next: 'Nothing was charged. Suggest another payment method, then start a new payment.',
  },
  unknown: {
    title: 'The payment page could not tell the outcome',
    next: 'Check the invoice’s status before trying again.',
  },
  initiated: {
    title: 'The payment was started but not completed',
    next: 'Check the invoice’s status before trying again: the customer may still be paying.',
  },
  error: {
    title: 'The payment page reported an error',
    next: 'Check the invoice’s status, then try again or pick another payment method.',
  },
}
