/**
 * The columns of the console's tables (tokens, customers, invoices, audit log, recent lookups):
 * what each shows and filters on, and how it sorts. Pure, no Vue; the table components render the
 * richer cells through slots named after the column ids. Labels are getters over the message files,
 * so a header follows the UI language (never spread a column: that would freeze its label).
 */
import type { Customer, Invoice, PaymentToken } from '../../../shared/domain.ts'
import type { AuditEntry, RecentLookup } from '../../../shared/records.ts'
import { auditActionLabel } from './audit.ts'
import { chosenName, customerName, formatAmount, formatDate, formatDateTime, providerLabel, tokenLabel } from './format.ts'
import { invoiceStatusLabel } from './invoices.ts'
import { t as tr } from '../i18n.ts'
import type { TableColumn } from './table.ts'

const dash = (value: string | null | undefined): string => (value === null || value === undefined || value === '' ? '—' : value)

/** "MM/YYYY" (or "MM/YY") as the first moment of that month, for sorting; null when unreadable. */
export function expiryTime(expiry: string | null): number | null {
  const match = expiry === null ? null : /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(expiry)
  if (match === null) return null
  const month = Number(match[1])
  const year = Number(match[2]) + (match[2]!.length === 2 ? 2000 : 0)
  return month >= 1 && month <= 12 ? Date.UTC(year, month - 1, 1) : null
}

const text = <Row>(value: (row: Row) => string | null): TableColumn<Row>['sort'] => ({ kind: 'text', value })

export const TOKEN_COLUMNS: readonly TableColumn<PaymentToken>[] = [
  { id: 'provider', get label() { return tr('columns.provider') }, width: '9rem', text: (t) => providerLabel(t.provider), sort: text((t) => providerLabel(t.provider)) },
  {
    id: 'method',
    get label() { return tr('columns.method') },
    // The full token id is searchable, though the cell shows it shortened.
    text: (t) => [tokenLabel(t), chosenName(t) ?? '', t.token].join(' '),
    sort: text((t) => tokenLabel(t)),
  },
  { id: 'type', get label() { return tr('columns.type') }, width: '8rem', text: (t) => t.tokenType, sort: text((t) => t.tokenType) },
  { id: 'instrument', get label() { return tr('columns.instrument') }, width: '8rem', text: (t) => dash(t.instrument), sort: text((t) => t.instrument) },
  { id: 'expiry', get label() { return tr('columns.expiry') }, width: '9rem', text: (t) => dash(t.expiry), sort: { kind: 'date', value: (t) => expiryTime(t.expiry) } },
  { id: 'state', get label() { return tr('columns.state') }, width: '7rem', text: (t) => t.state, sort: text((t) => t.state) },
  {
    id: 'archive',
    get label() { return tr('columns.archive') },
    text: (t) => [t.archivedBy ?? '', t.archiveReason ?? ''].join(' '),
    sort: text((t) => t.archivedBy ?? t.archiveReason),
  },
  { id: 'actions', get label() { return tr('columns.actions') }, labelHidden: true, hideable: false, width: '15rem', class: 'actions' },
]

export const CUSTOMER_COLUMNS: readonly TableColumn<Customer>[] = [
  {
    id: 'name',
    get label() { return tr('columns.name') },
    text: (c) => `${customerName(c)} ${c.companyName ?? ''}`,
    sort: text((c) => customerName(c)),
  },
  {
    id: 'customerNumber',
    get label() { return tr('columns.customerNumber') },
    width: '11rem',
    class: 'mono',
    text: (c) => c.customerNumber,
    sort: text((c) => c.customerNumber),
  },
  { id: 'email', get label() { return tr('columns.email') }, text: (c) => c.emails.join(' '), sort: text((c) => c.emails[0] ?? null) },
  { id: 'phone', get label() { return tr('columns.phone') }, width: '12rem', text: (c) => c.phoneNumbers.join(' '), sort: text((c) => c.phoneNumbers[0] ?? null) },
]

export const INVOICE_COLUMNS: readonly TableColumn<Invoice>[] = [
  { id: 'invoice', get label() { return tr('columns.invoice') }, class: 'mono', text: (i) => i.invoiceNumber, sort: text((i) => i.invoiceNumber) },
  { id: 'product', get label() { return tr('columns.product') }, text: (i) => `${i.productCode} ${i.productName ?? ''}`, sort: text((i) => i.productCode) },
  { id: 'date', get label() { return tr('columns.date') }, class: 'nowrap', text: (i) => formatDate(i.invoiceDate), sort: { kind: 'date', value: (i) => i.invoiceDate } },
  { id: 'due', get label() { return tr('columns.due') }, class: 'nowrap', text: (i) => formatDate(i.dueDate), sort: { kind: 'date', value: (i) => i.dueDate } },
  { id: 'amount', get label() { return tr('columns.amount') }, class: 'num', text: (i) => formatAmount(i.amount), sort: { kind: 'number', value: (i) => i.amount } },
  { id: 'paid', get label() { return tr('columns.paid') }, class: 'num', text: (i) => formatAmount(i.paidAmount), sort: { kind: 'number', value: (i) => i.paidAmount } },
  { id: 'status', get label() { return tr('columns.status') }, text: (i) => invoiceStatusLabel(i.status), sort: text((i) => invoiceStatusLabel(i.status)) },
  { id: 'actions', get label() { return tr('columns.actions') }, labelHidden: true, hideable: false, class: 'actions' },
]

export const AUDIT_COLUMNS: readonly TableColumn<AuditEntry>[] = [
  { id: 'at', get label() { return tr('columns.at') }, class: 'nowrap', text: (e) => formatDateTime(e.at), sort: { kind: 'date', value: (e) => e.at } },
  { id: 'agent', get label() { return tr('columns.agent') }, text: (e) => dash(e.agent), sort: text((e) => e.agent) },
  { id: 'profile', get label() { return tr('columns.profile') }, text: (e) => e.profile, sort: text((e) => e.profile) },
  { id: 'action', get label() { return tr('columns.action') }, class: 'nowrap', text: (e) => auditActionLabel(e.action), sort: text((e) => auditActionLabel(e.action)) },
  { id: 'customer', get label() { return tr('columns.customer') }, class: 'mono', text: (e) => dash(e.customerNumber), sort: text((e) => e.customerNumber) },
  { id: 'provider', get label() { return tr('columns.provider') }, text: (e) => (e.provider ? providerLabel(e.provider) : '—'), sort: text((e) => e.provider && providerLabel(e.provider)) },
  { id: 'token', get label() { return tr('columns.token') }, class: 'mono', text: (e) => dash(e.token), sort: text((e) => e.token) },
  { id: 'outcome', get label() { return tr('columns.outcome') }, text: (e) => (e.outcome === 'ok' ? tr('common.ok') : tr('common.failed')), sort: text((e) => e.outcome) },
  { id: 'errorCode', get label() { return tr('columns.errorCode') }, class: 'mono', text: (e) => dash(e.errorCode), sort: text((e) => e.errorCode) },
  { id: 'detail', get label() { return tr('columns.detail') }, class: 'detail', text: (e) => dash(e.detail), sort: text((e) => e.detail) },
]

export const RECENT_COLUMNS: readonly TableColumn<RecentLookup>[] = [
  { id: 'name', get label() { return tr('columns.name') }, class: 'strong', text: (r) => r.name ?? tr('common.customerFallback', { number: r.customerNumber }), sort: text((r) => r.name) },
  {
    id: 'customerNumber',
    get label() { return tr('columns.customerNumber') },
    class: 'mono',
    text: (r) => r.customerNumber,
    sort: text((r) => r.customerNumber),
  },
  { id: 'email', get label() { return tr('columns.email') }, text: (r) => dash(r.email), sort: text((r) => r.email) },
  { id: 'cachedAt', get label() { return tr('columns.cachedAt') }, text: (r) => formatDateTime(r.cachedAt), sort: { kind: 'date', value: (r) => r.cachedAt } },
]
