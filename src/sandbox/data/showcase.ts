/**
 * The fixed showcase customers, the same for every seed, so tests and demos can rely on them:
 * 100001 Kari Nordmann (tokens everywhere), 100002 Ola Nordmann, 100003 Astrid Lindqvist (Sweden),
 * 100004 Ingrid Sæther (no tokens anywhere).
 */
import { PRODUCTS } from './catalog.ts'
import type { Product } from './catalog.ts'
import {
  archived,
  cardToken,
  demoCustomer,
  klarnaToken,
  monthlyInvoice,
  nexiSubscription,
  payexToken,
  trustlyToken,
  vippsAgreement,
} from './factories.ts'
import type { SandboxData } from './types.ts'

/** Fixed Swedbank Pay token GUIDs of the showcase customers. */
export const SHOWCASE_TOKENS = {
  kariVisaRecurrence: '5f2c9a7e-3b1d-4c8e-9a01-100001000001',
  kariTrustlyUnscheduled: '5f2c9a7e-3b1d-4c8e-9a01-100001000002',
  kariArchivedMasterCard: '5f2c9a7e-3b1d-4c8e-9a01-100001000003',
  olaMasterCardTransactionOnFile: '5f2c9a7e-3b1d-4c8e-9a01-100002000001',
  astridVisaRecurrence: '5f2c9a7e-3b1d-4c8e-9a01-100003000001',
  astridTrustlyPayment: '5f2c9a7e-3b1d-4c8e-9a01-100003000002',
} as const

const [aftenposten, bergensTidende] = PRODUCTS.NO as [Product, Product]
const [svenskaDagbladet] = PRODUCTS.SE as [Product]

const TRUSTLY_CORRELATION = '895e495f71a0b8e9f8085024f2947704a18ada29bc7ef78b59302c414fb6c190c295c088bd1a8707db5f507dd0e8349405414eee393f98538e00b1f7360f0d52'

export function showcaseData(): SandboxData {
  return {
    customers: [
      demoCustomer({ customerNumber: 100001, firstName: 'Kari', lastName: 'Nordmann', city: 'Oslo', country: 'NO', phone: '+4791234567' }),
      demoCustomer({ customerNumber: 100002, firstName: 'Ola', lastName: 'Nordmann', city: 'Bergen', country: 'NO', phone: '+4747123456' }),
      demoCustomer({ customerNumber: 100003, firstName: 'Astrid', lastName: 'Lindqvist', city: 'Stockholm', country: 'SE', phone: '+46701234567' }),
      demoCustomer({ customerNumber: 100004, firstName: 'Ingrid', lastName: 'Sæther', city: 'Trondheim', country: 'NO', phone: '+4798765432' }),
    ],
    payerTokens: [
      cardToken({
        payerReference: '100001', token: SHOWCASE_TOKENS.kariVisaRecurrence, tokenType: 'Recurrence',
        correlationId: '8e7752b2-016f-4b9f-ac39-2844907d8f9c', cardBrand: 'Visa', bin: '492500', lastFourPan: '0004',
        expiryDate: '12/2028', cardType: 'Credit', cardholderType: 'Consumer', country: 'NO', issuerName: 'DNB Bank ASA',
      }),
      trustlyToken({
        payerReference: '100001', token: SHOWCASE_TOKENS.kariTrustlyUnscheduled, tokenType: 'Unscheduled',
        correlationId: TRUSTLY_CORRELATION, accountId: '6224691047', lastThree: '232',
      }),
      archived(
        cardToken({
          payerReference: '100001', token: SHOWCASE_TOKENS.kariArchivedMasterCard, tokenType: 'Payment',
          correlationId: 'b5c14a0d-e098-4a49-9019-abcd181176c5', cardBrand: 'MasterCard', bin: '522661', lastFourPan: '3406',
          expiryDate: '03/2025', cardType: 'Debit', cardholderType: 'Consumer', country: 'NO', issuerName: 'Sbanken',
        }),
        'TOKEN_ISSUER',
        'Card expired',
      ),
      cardToken({
        payerReference: '100002', token: SHOWCASE_TOKENS.olaMasterCardTransactionOnFile, tokenType: 'TransactionOnFile',
        correlationId: 'e2f06785-805d-4605-bf40-426a725d313d', cardBrand: 'MasterCard', bin: '545454', lastFourPan: '7781',
        expiryDate: '06/2027', cardType: 'Debit', cardholderType: 'Consumer', country: 'NO', issuerName: 'SpareBank 1 SR-Bank',
      }),
      cardToken({
        payerReference: '100003', token: SHOWCASE_TOKENS.astridVisaRecurrence, tokenType: 'Recurrence',
        correlationId: '3c1f0b9e-6a2d-4f7e-8b15-0d9e4a7c2f61', cardBrand: 'Visa', bin: '476173', lastFourPan: '0416',
        expiryDate: '09/2029', cardType: 'Credit', cardholderType: 'Consumer', country: 'SE', issuerName: 'Swedbank AB',
        networkToken: { lastFourDPan: '1234', expiryDPan: '02/2030' },
      }),
      trustlyToken({
        payerReference: '100003', token: SHOWCASE_TOKENS.astridTrustlyPayment, tokenType: 'Payment',
        correlationId: TRUSTLY_CORRELATION.split('').reverse().join(''), accountId: '7531902468', lastThree: '918',
      }),
    ],
    payexTokens: [
      payexToken({ customerNumber: 100001, recurrenceToken: '4v8nwodhfja', productCode: 'AP001', cardTypeName: 'VISA', lastFour: '2348', expirationMonth: '12', expirationYear: '28' }),
      payexToken({ customerNumber: 100002, recurrenceToken: 'k2m9q7xw3pe', productCode: 'BT001', cardTypeName: 'MASTERCARD', lastFour: '7781', expirationMonth: '06', expirationYear: '27' }),
    ],
    klarnaTokens: [
      klarnaToken(100001, '0b1d9815-165e-42e2-8867-35bc03789e00', 'AP001'),
      klarnaToken(100003, '7a4e2c91-58d3-4b6f-9e20-c1f83d5a6b74', 'SVD01'),
    ],
    vippsAgreements: [vippsAgreement(100001, 'agr_5kSeqz7', 'AP001')],
    nexiSubscriptions: [
      nexiSubscription({ customerNumber: 100001, subscriptionId: 'a3f1c2e4b5d6978801234567890abcde', productCode: 'AP001', cardTypeName: 'VISA', lastFour: '5521', expirationMonth: '04', expirationYear: '29' }),
    ],
    invoices: [
      monthlyInvoice({ customerNumber: 100001, invoiceNumber: '7435367', product: aftenposten, month: '2026-05', paid: true }),
      monthlyInvoice({ customerNumber: 100001, invoiceNumber: '7435368', product: aftenposten, month: '2026-06', paid: false }),
      monthlyInvoice({ customerNumber: 100002, invoiceNumber: '7435401', product: bergensTidende, month: '2026-06', paid: false }),
      monthlyInvoice({ customerNumber: 100003, invoiceNumber: '8120033', product: svenskaDagbladet, month: '2026-06', paid: false }),
      monthlyInvoice({ customerNumber: 100004, invoiceNumber: '7435502', product: aftenposten, month: '2026-06', paid: false }),
    ],
  }
}
