/** Builders for demo records, shared by the fixed showcase customers and the generated ones. */
import { CARD_COUNTRY_CODE, EMAIL_DOMAIN, PAYEX_MERCHANT_ID, PAYMENT_PROVIDER_ID, emailLocalPart } from './catalog.ts'
import type { Product } from './catalog.ts'
import type {
  Country,
  DemoCustomer,
  DemoInvoice,
  KlarnaToken,
  NexiSubscription,
  PayerToken,
  PayerTokenType,
  PayexToken,
  VippsAgreement,
} from './types.ts'

export interface CustomerSpec {
  customerNumber: number
  firstName: string
  middleName?: string
  lastName: string
  company?: { name: string; department: string }
  city: string
  country: Country
  phone: string
  /** Appended to the e-mail's local part to keep addresses unique, e.g. "2" -> kari.nordmann2@... */
  emailTag?: string
  /** A second, work-style address. */
  secondEmail?: boolean
}

export function demoCustomer(spec: CustomerSpec): DemoCustomer {
  const local = emailLocalPart(spec.firstName, spec.lastName) + (spec.emailTag ?? '')
  const email = `${local}@${EMAIL_DOMAIN[spec.country]}`
  const emails = spec.secondEmail ? [email, `${local}@work.${EMAIL_DOMAIN[spec.country]}`] : [email]
  return {
    customerNumber: spec.customerNumber,
    firstName: spec.firstName,
    middleName: spec.middleName ?? null,
    lastName: spec.lastName,
    companyName: spec.company?.name ?? null,
    departmentName: spec.company?.department ?? null,
    emails,
    phoneNumbers: [spec.phone],
    invoiceEmailAddress: email,
    city: spec.city,
    country: spec.country,
  }
}

export interface CardSpec {
  payerReference: string
  token: string
  tokenType: PayerTokenType
  correlationId: string
  cardBrand: 'Visa' | 'MasterCard'
  bin: string
  lastFourPan: string
  /** MM/YYYY */
  expiryDate: string
  cardType: 'Credit' | 'Debit'
  cardholderType: 'Consumer' | 'Corporate'
  country: Country
  issuerName: string
  /** Network-tokenized cards also carry lastFourDPan / expiryDPan. */
  networkToken?: { lastFourDPan: string; expiryDPan: string }
}

export function cardToken(spec: CardSpec): PayerToken {
  const parameters: Record<string, string> = {
    cardBrand: spec.cardBrand,
    expiryDate: spec.expiryDate,
    expiryPan: spec.expiryDate,
    issuerName: spec.issuerName,
    bin: spec.bin,
    cardholderType: spec.cardholderType,
    cardType: spec.cardType,
    countryCode: CARD_COUNTRY_CODE[spec.country],
    lastFourPan: spec.lastFourPan,
  }
  if (spec.networkToken) Object.assign(parameters, spec.networkToken)
  return {
    payerReference: spec.payerReference,
    token: spec.token,
    tokenType: spec.tokenType,
    instrument: 'CreditCard',
    displayName: `${spec.bin}******${spec.lastFourPan}`,
    correlationId: spec.correlationId,
    state: 'Active',
    networkTokenized: spec.networkToken !== undefined,
    instrumentParameters: parameters,
  }
}

export interface TrustlySpec {
  payerReference: string
  token: string
  tokenType: PayerTokenType
  /** The docs' Trustly example uses a 128-hex-character correlationId. */
  correlationId: string
  accountId: string
  lastThree: string
}

export function trustlyToken(spec: TrustlySpec): PayerToken {
  const masked = `*****${spec.lastThree}`
  return {
    payerReference: spec.payerReference,
    token: spec.token,
    tokenType: spec.tokenType,
    instrument: 'Trustly',
    displayName: masked,
    correlationId: spec.correlationId,
    state: 'Active',
    networkTokenized: false,
    instrumentParameters: { maskedAccountNumber: masked, accountId: spec.accountId },
  }
}

export function archived(token: PayerToken, archivedBy: string, archiveReason: string): PayerToken {
  return { ...token, state: 'Archived', archivedBy, archiveReason }
}

export interface ConnectCardSpec {
  customerNumber: number
  productCode: string
  cardTypeName: string
  lastFour: string
  /** MM */
  expirationMonth: string
  /** YY, as in the docs' example */
  expirationYear: string
}

export function payexToken(spec: ConnectCardSpec & { recurrenceToken: string }): PayexToken {
  return {
    customerNumber: spec.customerNumber,
    state: 'Active',
    recurrenceToken: spec.recurrenceToken,
    paymentProviderId: PAYMENT_PROVIDER_ID.payex,
    merchantId: PAYEX_MERCHANT_ID,
    productCode: spec.productCode,
    maskedCardNumber: `xxxx-xxxxxx-x${spec.lastFour.slice(-4)}`,
    expirationMonth: spec.expirationMonth,
    expirationYear: spec.expirationYear,
    cardTypeName: spec.cardTypeName,
  }
}

export function nexiSubscription(spec: ConnectCardSpec & { subscriptionId: string }): NexiSubscription {
  return {
    customerNumber: spec.customerNumber,
    state: 'Active',
    subscriptionId: spec.subscriptionId,
    paymentProviderId: PAYMENT_PROVIDER_ID.nexi,
    productCode: spec.productCode,
    maskedCardNumber: `xxxx-xxxxxx-x${spec.lastFour.slice(-4)}`,
    cardTypeName: spec.cardTypeName,
    expirationMonth: spec.expirationMonth,
    expirationYear: spec.expirationYear,
  }
}

export function klarnaToken(customerNumber: number, token: string, productCode: string): KlarnaToken {
  return { customerNumber, state: 'Active', token, paymentProviderId: PAYMENT_PROVIDER_ID.klarna, productCode }
}

export function vippsAgreement(customerNumber: number, agreementRef: string, productCode: string): VippsAgreement {
  return { customerNumber, state: 'Active', agreementRef, paymentProviderId: PAYMENT_PROVIDER_ID.vipps, productCode }
}

export interface InvoiceSpec {
  customerNumber: number
  invoiceNumber: string
  product: Product
  /** The first day of the invoiced month, YYYY-MM */
  month: string
  paid: boolean
}

/** A one-month invoice: issued on the 1st, due on the 15th, covering the whole month. */
export function monthlyInvoice(spec: InvoiceSpec): DemoInvoice {
  const [year, month] = spec.month.split('-').map(Number) as [number, number]
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const amount = spec.product.monthlyPrice
  return {
    customerNumber: spec.customerNumber,
    invoiceNumber: spec.invoiceNumber,
    productCode: spec.product.productCode,
    productName: spec.product.productName,
    companyCode: spec.product.companyCode,
    invoiceDate: `${spec.month}-01`,
    dueDate: `${spec.month}-15`,
    fromTime: `${spec.month}-01`,
    inclTime: `${spec.month}-${String(lastDay).padStart(2, '0')}`,
    amount,
    paidAmount: spec.paid ? amount : 0,
    paymentDate: spec.paid ? `${spec.month}-10` : null,
    status: spec.paid ? 'paid' : 'unpaid',
  }
}
