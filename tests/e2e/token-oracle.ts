/**
 * What a token row must say, derived from the sandbox's raw records (GET /__sandbox/customers/<n>/tokens):
 * the truth an export is compared with, cell by cell. It follows the documented reading of each family
 * (src/core/providers/*.ts): Connect lists show active tokens only, Swedbank Pay active and archived ones.
 */
import { maskTokenId } from '../../src/shared/masking.ts'

type Raw = Record<string, unknown>
export type TokenCells = Record<string, string>

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value))
const lastDigits = (masked: unknown): string => text(masked).replace(/\D/g, '').slice(-4)
const expiry = (month: unknown, year: unknown): string => {
  const y = text(year)
  return `${text(month).padStart(2, '0')}/${y.length === 2 ? `20${y}` : y}`
}

function swedbankPay(token: Raw, customerNumber: string): TokenCells {
  const p = (token.instrumentParameters ?? {}) as Raw
  return {
    provider: 'swedbankpay',
    tokenType: text(token.tokenType),
    state: token.state === 'Active' ? 'Active' : 'Archived',
    token: text(token.token),
    displayName: text(token.displayName),
    instrument: text(token.instrument),
    cardBrand: text(p.cardBrand),
    lastFour: text(p.lastFourPan ?? lastDigits(p.maskedAccountNumber)),
    expiry: text(p.expiryDate),
    payerReference: text(token.payerReference),
    customerNumber,
    archivedBy: text(token.archivedBy),
    archiveReason: text(token.archiveReason),
  }
}

function connect(provider: string, id: string, cells: Partial<TokenCells>, customerNumber: string): TokenCells {
  const blank = { displayName: '', instrument: '', cardBrand: '', lastFour: '', expiry: '' }
  return { provider, tokenType: '', state: 'Active', token: id, ...blank, ...cells, payerReference: '', customerNumber, archivedBy: '', archiveReason: '' }
}

const card = (item: Raw): Partial<TokenCells> => ({
  displayName: `${text(item.cardTypeName)} ${text(item.maskedCardNumber)}`,
  instrument: 'CreditCard',
  cardBrand: text(item.cardTypeName),
  lastFour: lastDigits(item.maskedCardNumber),
  expiry: expiry(item.expirationMonth, item.expirationYear),
})

/** Every row the customer's token table lists (Connect: active only; Swedbank Pay: active and archived). */
export function expectedTokenRows(families: Record<string, unknown>, customerNumber: string): TokenCells[] {
  const list = (name: string): Raw[] => ((families[name] ?? []) as Raw[]).filter((item) => item.state !== 'Removed')
  return [
    ...list('swedbankpay').filter((t) => t.state === 'Active' || t.state === 'Archived').map((t) => swedbankPay(t, customerNumber)),
    ...list('payex').map((t) => connect('payex', text(t.recurrenceToken), { tokenType: 'recurrence', ...card(t) }, customerNumber)),
    ...list('klarna').map((t) =>
      connect('klarna', text(t.token), { tokenType: 'recurring', displayName: `Klarna (${text(t.productCode)})`, instrument: 'Klarna' }, customerNumber),
    ),
    ...list('vipps').map((t) =>
      connect('vipps', text(t.agreementRef), { tokenType: 'agreement', displayName: `Vipps (${text(t.productCode)})`, instrument: 'Vipps' }, customerNumber),
    ),
    ...list('nexi').map((t) => connect('nexi', text(t.subscriptionId), { tokenType: 'subscription', ...card(t) }, customerNumber)),
  ]
}

/** Every token identifier of a customer in the sandbox, any state (for leak scans). */
export function allTokenIds(families: Record<string, unknown>): string[] {
  const ids: string[] = []
  for (const [name, items] of Object.entries(families)) {
    if (!Array.isArray(items)) continue
    for (const item of items as Raw[]) {
      const id = name === 'payex' ? item.recurrenceToken : name === 'vipps' ? item.agreementRef : name === 'nexi' ? item.subscriptionId : item.token
      if (typeof id === 'string' && id !== '') ids.push(id)
    }
  }
  return ids
}

/** Rows in one canonical order (every cell compared), so two lists of rows compare cell by cell. */
export function sortRows(rows: readonly TokenCells[]): TokenCells[] {
  const key = (row: TokenCells) => JSON.stringify(Object.entries(row))
  return [...rows].sort((a, b) => key(a).localeCompare(key(b)))
}

/** The rows as an export writes them: only the chosen columns, the token masked unless revealed. */
export function asExported(rows: readonly TokenCells[], columns: readonly string[], reveal: boolean): TokenCells[] {
  return sortRows(
    rows.map((row) => Object.fromEntries(columns.map((key) => [key, key === 'token' && !reveal ? maskTokenId(row.token ?? '') : (row[key] ?? '')]))),
  )
}
