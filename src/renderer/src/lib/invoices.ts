/** Invoice and payment rules the views and the store share. Pure functions, no Vue. */
import type { Invoice, PaymentMethod, PaymentResultStatus } from '../../../shared/domain.ts'
import { t } from '../i18n.ts'

const PAYMENT_METHODS: Readonly<Record<PaymentMethod, true>> = { creditcardPayex: true, swishPayex: true, vippsEcommerce: true, nexi: true }
/** The methods in the order offered; the Record above makes TypeScript insist on every one. */
export const PAYMENT_METHOD_OPTIONS = Object.keys(PAYMENT_METHODS) as PaymentMethod[]

/** "Card (PayEx)", "Swish" … in the agent's language. */
export function paymentMethodLabel(method: PaymentMethod): string {
  return t(`pay.methods.${method}`)
}

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

type Field = 'invoiceNumber' | 'productCode' | 'companyCode'

function checkText(field: Field, value: string | null, max: number, problems: string[]): void {
  const trimmed = value?.trim() ?? ''
  const label = t(`pay.problems.${field}`)
  if (trimmed.length === 0) problems.push(t('pay.problems.missing', { label }))
  else if (trimmed.length > max) problems.push(t('pay.problems.tooLong', { label, value: trimmed, max }))
  else if (CONTROL.test(trimmed)) problems.push(t('pay.problems.control', { label }))
}

/** Why Connect would refuse this payment, in the agent's words; empty when it may be sent. */
export function payProblems(input: PayInput): string[] {
  const problems: string[] = []
  if (!/^[0-9]{1,12}$/.test(input.customerNumber.trim())) problems.push(t('pay.problems.customerNumber'))
  checkText('invoiceNumber', input.invoiceNumber, PAY_LIMITS.invoiceNumber, problems)
  checkText('productCode', input.productCode, PAY_LIMITS.productCode, problems)
  checkText('companyCode', input.companyCode, PAY_LIMITS.companyCode, problems)
  return problems
}

/** Only an unpaid invoice is offered for payment. */
export function canPay(invoice: Pick<Invoice, 'status'>): boolean {
  return invoice.status === 'unpaid'
}

/** Unpaid, Partly paid, Paid, Unknown in the agent's language. */
export function invoiceStatusLabel(status: Invoice['status']): string {
  return t(`invoices.status.${status}`)
}

/** What the payment page reported, and what the agent does next. */
export function paymentResultText(status: PaymentResultStatus): { title: string; next: string } {
  return { title: t(`pay.result.${status}.title`), next: t(`pay.result.${status}.next`) }
}
