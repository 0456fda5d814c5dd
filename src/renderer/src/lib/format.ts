/**
 * Display helpers for the renderer: no components, no window.api. Words come from the message files
 * (locales/*.json); numbers, amounts, dates and times go through Intl in the UI language's locale
 * and the agent's time zone (Intl's default), with one memoised formatter per locale.
 */
import type { Customer, PaymentToken, Provider } from '../../../shared/domain.ts'
import { currentLocale, t } from '../i18n.ts'
import type { Locale } from '../i18n.ts'

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
  return t('common.customerFallback', { number: customer.customerNumber })
}

/** Long token GUIDs are shown as head…tail (4 + 6 characters), enough to tell them apart; short ids as they are. */
export function shortToken(token: string): string {
  return token.length > 12 ? `${token.slice(0, 4)}…${token.slice(-6)}` : token
}

/** "Visa •••• 1234" for cards; otherwise the provider's display name, the instrument, or a dash. */
export function tokenLabel(token: Pick<PaymentToken, 'cardBrand' | 'lastFour' | 'displayName' | 'instrument'>): string {
  const lastFour = token.lastFour?.trim() ?? ''
  if (lastFour.length > 0) {
    const brand = token.cardBrand?.trim() || token.instrument?.trim() || t('common.card')
    return `${brand} •••• ${lastFour}`
  }
  const name = token.displayName?.trim() ?? ''
  if (name.length > 0) return name
  const instrument = token.instrument?.trim() ?? ''
  return instrument.length > 0 ? instrument : '—'
}

/**
 * Whether tokenLabel shows a name the customer (or an agent, by a rename) gave a Swedbank Pay token:
 * personal, so masked in screen-share safe mode. Connect's display names are the provider's own.
 */
export function labelIsPersonalName(token: Pick<PaymentToken, 'provider' | 'lastFour' | 'displayName'>): boolean {
  return token.provider === 'swedbankpay' && (token.lastFour?.trim() ?? '') === '' && (token.displayName?.trim() ?? '') !== ''
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

/** Local wall-clock time as HH:MM (24 h), the way Nordic agents read it, in the agent's time zone. */
export function formatClock(date: Date): string {
  return memo(clockFormats, (locale) => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })).format(date)
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

/**
 * The Intl locale for a UI language: nb-NO and sv-SE; for English the system's own English variant
 * (en-US, en-GB …) when it has one, else en-GB (24-hour clock, day before month).
 */
export function intlLocale(locale: Locale = currentLocale()): string {
  if (locale === 'nb') return 'nb-NO'
  if (locale === 'sv') return 'sv-SE'
  const system = typeof navigator !== 'undefined' && navigator.language ? navigator.language : ''
  return system.toLowerCase().startsWith('en') ? system : 'en-GB'
}

/** The locale for Intl in the UI language now (collation, numbers, dates). */
export function agentLocale(): string {
  return intlLocale()
}

/** One formatter per Intl locale: building one costs far more than using one (10,000 audit rows). */
function memo<F>(cache: Map<string, F>, make: (locale: string) => F): F {
  const locale = intlLocale()
  let format = cache.get(locale)
  if (format === undefined) {
    format = make(locale)
    cache.set(locale, format)
  }
  return format
}
const amountFormats = new Map<string, Intl.NumberFormat>()
const dateFormats = new Map<string, Intl.DateTimeFormat>()
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>()
const clockFormats = new Map<string, Intl.DateTimeFormat>()

/**
 * Kroner in the UI language's convention: "1 234,50 kr" in Norwegian and Swedish, "NOK 1,234.50" in
 * English (Intl's English form, unambiguous for an English reader); a dash where the provider gave none.
 */
export function formatAmount(amount: number | null): string {
  if (amount === null || !Number.isFinite(amount)) return '—'
  return memo(amountFormats, (locale) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'NOK' })).format(amount)
}

/** An ISO date (YYYY-MM-DD) in the locale's short form (21.11.2026, 2026-11-21, 21/11/2026); anything else as it came, a dash for none. */
export function formatDate(iso: string | null): string {
  if (iso === null) return '—'
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso)
  if (match === null) return iso
  // A calendar date, not a moment: formatted in UTC so no time zone moves it to the day before.
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return memo(dateFormats, (locale) => new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' })).format(date)
}

/** An ISO timestamp as a short date and time in the agent's locale; anything unreadable as it came. */
export function formatDateTime(iso: string | null): string {
  if (iso === null) return '—'
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return memo(dateTimeFormats, (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' })).format(date)
}
