/**
 * Pure display helpers for the renderer: no Vue, no window.api. Strings stay simple so that a later
 * i18n pass can lift them into message files.
 */
import type { Customer, PaymentToken, Provider } from '../../../shared/domain.ts'

const PROVIDER_LABELS: Readonly<Record<Provider, string>> = {
  swedbankpay: 'Swedbank Pay',
  payex: 'PayEx',
  klarna: 'Klarna',
  vipps: 'Vipps',
  nexi: 'Nexi',
}

/** "swedbankpay" -> "Swedbank Pay"; unknown names are shown as they came. */
export function providerLabel(provider: string): string {
  return (PROVIDER_LABELS as Record<string, string>)[provider] ?? provider
}

/** The name an agent recognises: the person's name, else the company, else the customer number. */
export function customerName(customer: Pick<Customer, 'firstName' | 'middleName' | 'lastName' | 'companyName' | 'customerNumber'>): string {
  const person = [customer.firstName, customer.middleName, customer.lastName]
    .map((part) => part?.trim() ?? '')
    .filter((part) => part.length > 0)
    .join(' ')
  if (person.length > 0) return person
  const company = customer.companyName?.trim() ?? ''
  if (company.length > 0) return company
  return `Customer ${customer.customerNumber}`
}

/** Long token GUIDs are shown as head…tail (4 + 6 characters), enough to tell them apart; short ids as they are. */
export function shortToken(token: string): string {
  return token.length > 12 ? `${token.slice(0, 4)}…${token.slice(-6)}` : token
}

/** "Visa •••• 1234" for cards; otherwise the provider's display name, the instrument, or a dash. */
export function tokenLabel(token: Pick<PaymentToken, 'cardBrand' | 'lastFour' | 'displayName' | 'instrument'>): string {
  const lastFour = token.lastFour?.trim() ?? ''
  if (lastFour.length > 0) {
    const brand = token.cardBrand?.trim() || token.instrument?.trim() || 'Card'
    return `${brand} •••• ${lastFour}`
  }
  const name = token.displayName?.trim() ?? ''
  if (name.length > 0) return name
  const instrument = token.instrument?.trim() ?? ''
  return instrument.length > 0 ? instrument : '—'
}

/**
 * The name given to a token (Swedbank Pay's displayName after a rename), when it says more than the
 * card label: null for an empty name, a masked number such as "492500******0004", or the label itself.
 */
export function chosenName(token: Pick<PaymentToken, 'cardBrand' | 'lastFour' | 'displayName' | 'instrument'>): string | null {
  const name = token.displayName?.trim() ?? ''
  // A masked card number, with or without its brand in front ("VISA xxxx-xxxxxx-x2348"), is no name.
  const brand = (token.cardBrand ?? '').trim().toLowerCase()
  const unbranded = brand.length > 0 && name.toLowerCase().startsWith(brand) ? name.slice(brand.length) : name
  if (name.length === 0 || /^[0-9*•xX\s-]+$/.test(unbranded) || name === tokenLabel(token)) return null
  return name
}

/**
 * True when an "MM/YYYY" (or "MM/YY") expiry lies before the month of `now`.
 * Anything the function cannot read counts as not expired: we never guess against the agent.
 */
export function isExpired(expiry: string | null, now: Date = new Date()): boolean {
  if (expiry === null) return false
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(expiry)
  if (match === null) return false
  const month = Number(match[1])
  let year = Number(match[2])
  if (month < 1 || month > 12) return false
  if (year < 100) year += 2000
  const current = now.getFullYear() * 12 + now.getMonth()
  return year * 12 + (month - 1) < current
}

const pad = (value: number): string => String(value).padStart(2, '0')

/** Local wall-clock time as HH:MM (24 h), the way Nordic agents read it. */
export function formatClock(date: Date): string {
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/**
 * The moment a rate limit ends, rounded UP to the next whole minute so that "try again at 14:32"
 * is never too early.
 */
export function retryMoment(retryAfterMs: number, now: number = Date.now()): Date {
  const at = now + Math.max(0, retryAfterMs)
  const minute = 60_000
  return new Date(Math.ceil(at / minute) * minute)
}

/** "1 token" / "3 tokens". */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`
}

const AMOUNT = new Intl.NumberFormat('nb-NO', { style: 'currency', currency: 'NOK' })

/** Kroner the Norwegian way ("1 234,50 kr"); a dash where the provider gave no amount. */
export function formatAmount(amount: number | null): string {
  return amount === null || !Number.isFinite(amount) ? '—' : AMOUNT.format(amount)
}

/** An ISO date (YYYY-MM-DD) as DD.MM.YYYY; anything else as it came, a dash for none. */
export function formatDate(iso: string | null): string {
  if (iso === null) return '—'
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  return match === null ? iso : `${match[3]}.${match[2]}.${match[1]}`
}

/** The agent's locale, as the system reports it (nb-NO, sv-SE …); Intl's default where there is none. */
export function agentLocale(): string | undefined {
  return typeof navigator !== 'undefined' && navigator.language ? navigator.language : undefined
}

/** An ISO timestamp as a short date and time in the agent's locale; anything unreadable as it came. */
export function formatDateTime(iso: string | null): string {
  if (iso === null) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return dateTimeFormat(agentLocale()).format(date)
}

/** One formatter per locale: building an Intl.DateTimeFormat costs far more than using one (10,000 audit rows). */
const dateTimeFormats = new Map<string | undefined, Intl.DateTimeFormat>()
function dateTimeFormat(locale: string | undefined): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(locale)
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' })
    dateTimeFormats.set(locale, format)
  }
  return format
}
