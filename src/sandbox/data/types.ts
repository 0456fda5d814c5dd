/**
 * The sandbox's demo records. Connect-side records carry the customer number they belong to;
 * Swedbank Pay tokens carry the payerReference (the customer number as a string).
 */

export type Country = 'NO' | 'SE'

export interface DemoCustomer {
  customerNumber: number
  firstName: string
  middleName: string | null
  lastName: string
  companyName: string | null
  departmentName: string | null
  emails: string[]
  /** E.164, e.g. +4791234567 or +46701234567 */
  phoneNumbers: string[]
  invoiceEmailAddress: string | null
  city: string
  country: Country
}

export type PayerTokenType = 'Payment' | 'Recurrence' | 'Unscheduled' | 'TransactionOnFile'
/** 'Deleted' comes only from the old PaymentOrder endpoints (PATCH {state:"Deleted"}); the Payer API never shows it. */
export type PayerTokenState = 'Active' | 'Archived' | 'Deleted'

/** One Swedbank Pay Payer API token, stored as the API shows it (minus the operations). */
export interface PayerToken {
  payerReference: string
  token: string
  tokenType: PayerTokenType
  instrument: 'CreditCard' | 'Trustly'
  displayName: string
  correlationId: string
  state: PayerTokenState
  /** Present only when archived. */
  archivedBy?: string
  archiveReason?: string
  /** The comment of an old-API delete; present only when deleted. */
  deleteComment?: string
  networkTokenized: boolean
  instrumentParameters: Record<string, string>
}

/** Connect-side tokens are never deleted from state: a removed one is marked, for /__sandbox inspection. */
export type ConnectTokenState = 'Active' | 'Removed'

/** Connect "List PayEx tokens" item (paymentRecurrenceTokens[]). */
export interface PayexToken {
  customerNumber: number
  state: ConnectTokenState
  recurrenceToken: string
  paymentProviderId: number
  merchantId: string
  productCode: string
  maskedCardNumber: string
  expirationMonth: string
  expirationYear: string
  cardTypeName: string
}

/** Connect "List klarna recurring tokens" item (recurringTokens[]). */
export interface KlarnaToken {
  customerNumber: number
  state: ConnectTokenState
  token: string
  paymentProviderId: number
  productCode: string
}

/** Connect "List vipps agreements" item (recurringAgreements[]). */
export interface VippsAgreement {
  customerNumber: number
  state: ConnectTokenState
  agreementRef: string
  paymentProviderId: number
  productCode: string
}

/** Connect "List Nexi subscriptions" item. The public docs do not show its fields: these are assumed. */
export interface NexiSubscription {
  customerNumber: number
  state: ConnectTokenState
  subscriptionId: string
  paymentProviderId: number
  productCode: string
  maskedCardNumber: string
  cardTypeName: string
  expirationMonth: string
  expirationYear: string
}

/** A Connect invoice in neutral form; the invoice endpoints shape it per their documented format. */
export interface DemoInvoice {
  customerNumber: number
  /** <= 10 characters, digits */
  invoiceNumber: string
  productCode: string
  productName: string
  companyCode: string
  /** ISO dates (YYYY-MM-DD) */
  invoiceDate: string
  dueDate: string
  fromTime: string
  inclTime: string
  amount: number
  paidAmount: number
  paymentDate: string | null
  status: 'unpaid' | 'paid'
}

export interface SandboxData {
  customers: DemoCustomer[]
  payerTokens: PayerToken[]
  payexTokens: PayexToken[]
  klarnaTokens: KlarnaToken[]
  vippsAgreements: VippsAgreement[]
  nexiSubscriptions: NexiSubscription[]
  invoices: DemoInvoice[]
}

export function emptySandboxData(): SandboxData {
  return {
    customers: [],
    payerTokens: [],
    payexTokens: [],
    klarnaTokens: [],
    vippsAgreements: [],
    nexiSubscriptions: [],
    invoices: [],
  }
}
