/** Generated demo customers (after the showcase ones), driven by a seeded PRNG. */
import { CARD_BRANDS, CARD_ISSUERS, CITIES, COMPANIES, FIRST_NAMES, LAST_NAMES, MIDDLE_NAMES, PRODUCTS, emailLocalPart } from './catalog.ts'
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
import type { ConnectCardSpec } from './factories.ts'
import type { Random } from './random.ts'
import type { Country, PayerToken, PayerTokenType, SandboxData } from './types.ts'

const TOKEN_TYPES: readonly PayerTokenType[] = ['Payment', 'Recurrence', 'Unscheduled', 'TransactionOnFile']
const ARCHIVED_BY = ['PAYEE', 'SWEDBANK_PAY', 'TOKEN_ISSUER'] as const
const ARCHIVE_REASONS = ['Customer asked to remove the card', 'Card expired', 'Card reported lost', 'Duplicate token']
const INVOICE_MONTHS = ['2026-04', '2026-05', '2026-06']

function phoneNumber(random: Random, country: Country): string {
  return country === 'NO' ? `+47${random.pick(['4', '9'])}${random.digits(7)}` : `+467${random.pick(['0', '2', '3', '6'])}${random.digits(7)}`
}

function randomPayerToken(random: Random, payerReference: string, country: Country): PayerToken {
  const token = random.guid()
  const tokenType = random.pick(TOKEN_TYPES)
  const made = random.chance(0.7)
    ? (() => {
        const brand = random.pick(CARD_BRANDS)
        return cardToken({
          payerReference, token, tokenType, correlationId: random.guid(),
          cardBrand: brand.cardBrand, bin: random.pick(brand.bins), lastFourPan: random.digits(4),
          expiryDate: `${String(random.int(1, 12)).padStart(2, '0')}/${random.int(2026, 2031)}`,
          cardType: random.pick(['Credit', 'Debit'] as const),
          cardholderType: random.chance(0.9) ? 'Consumer' : 'Corporate',
          country, issuerName: random.pick(CARD_ISSUERS[country]),
          ...(random.chance(0.15) ? { networkToken: { lastFourDPan: random.digits(4), expiryDPan: `0${random.int(1, 9)}/2031` } } : {}),
        })
      })()
    : trustlyToken({ payerReference, token, tokenType, correlationId: random.hex(128), accountId: random.digits(10), lastThree: random.digits(3) })
  return random.chance(0.2) ? archived(made, random.pick(ARCHIVED_BY), random.pick(ARCHIVE_REASONS)) : made
}

function connectCard(random: Random, customerNumber: number, product: Product): ConnectCardSpec {
  return {
    customerNumber,
    productCode: product.productCode,
    cardTypeName: random.pick(CARD_BRANDS).cardTypeName,
    lastFour: random.digits(4),
    expirationMonth: String(random.int(1, 12)).padStart(2, '0'),
    expirationYear: String(random.int(26, 31)),
  }
}

/** Adds `count` generated customers, numbered from `firstCustomerNumber`, with their tokens and invoices. */
export function addGeneratedCustomers(data: SandboxData, random: Random, firstCustomerNumber: number, count: number): void {
  const usedEmails = new Set(data.customers.flatMap((customer) => customer.emails))
  let nextInvoiceNumber = 7_600_000

  for (let i = 0; i < count; i++) {
    const customerNumber = firstCustomerNumber + i
    const country: Country = random.chance(0.6) ? 'NO' : 'SE'
    const firstName = random.pick(FIRST_NAMES[country])
    const lastName = random.pick(LAST_NAMES[country])
    const emailTaken = [...usedEmails].some((email) => email.startsWith(`${emailLocalPart(firstName, lastName)}@`))
    const customer = demoCustomer({
      customerNumber, firstName, lastName, country,
      ...(random.chance(0.2) ? { middleName: random.pick(MIDDLE_NAMES[country]) } : {}),
      ...(i % 8 === 7 ? { company: random.pick(COMPANIES[country]) } : {}),
      city: random.pick(CITIES[country]),
      phone: phoneNumber(random, country),
      ...(emailTaken ? { emailTag: String(customerNumber % 100) } : {}),
      secondEmail: random.chance(0.2),
    })
    customer.emails.forEach((email) => usedEmails.add(email))
    data.customers.push(customer)

    const products = random.chance(0.3) ? [...PRODUCTS[country]] : [random.pick(PRODUCTS[country])]
    const product = products[0] as Product
    const payerReference = String(customerNumber)
    for (let t = random.int(0, 3); t > 0; t--) data.payerTokens.push(randomPayerToken(random, payerReference, country))
    if (random.chance(0.4)) data.payexTokens.push(payexToken({ ...connectCard(random, customerNumber, product), recurrenceToken: random.alphanumeric(11) }))
    if (random.chance(0.3)) data.klarnaTokens.push(klarnaToken(customerNumber, random.guid(), product.productCode))
    if (country === 'NO' && random.chance(0.3)) data.vippsAgreements.push(vippsAgreement(customerNumber, `agr_${random.alphanumeric(7)}`, product.productCode))
    if (random.chance(0.2)) data.nexiSubscriptions.push(nexiSubscription({ ...connectCard(random, customerNumber, product), subscriptionId: random.hex(32) }))

    for (const invoiced of products) {
      const months = INVOICE_MONTHS.slice(-random.int(1, INVOICE_MONTHS.length))
      months.forEach((month, index) => {
        const paid = index < months.length - 1 || random.chance(0.5)
        data.invoices.push(monthlyInvoice({ customerNumber, invoiceNumber: String(nextInvoiceNumber++), product: invoiced, month, paid }))
      })
    }
  }
}
