/**
 * The columns of the console's tables (tokens, customers, invoices, audit log, recent lookups):
 * what each shows and filters on, and how it sorts. Pure, no Vue; the table components render the
 * richer cells through slots named after the column ids.
 */
import type { Customer, Invoice, PaymentToken } from '../../../shared/domain.ts'
import type { AuditEntry, RecentLookup } from '../../../shared/records.ts'
import { auditActionLabel } from './audit.ts'
import { chosenName, customerName, formatAmount, formatDate, formatDateTime, providerLabel, tokenLabel } from './format.ts'
import { INVOICE_STATUS_LABELS } from './invoices.ts'
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
  { id: 'provider', label: 'Provider', width: '9rem', text: (t) => providerLabel(t.provider), sort: text((t) => providerLabel(t.provider)) },
  {
    id: 'method',
    label: 'Payment method',
    // The full token id is searchable, though the cell shows it shortened.
    text: (t) => [tokenLabel(t), chosenName(t) ?? '', t.token].join(' '),
    sort: text((t) => tokenLabel(t)),
  },
  { id: 'type', label: 'Type', width: '8rem', text: (t) => t.tokenType, sort: text((t) => t.tokenType) },
  { id: 'instrument', label: 'Instrument', width: '8rem', text: (t) => dash(t.instrument), sort: text((t) => t.instrument) },
  { id: 'expiry', label: 'Expiry', width: '9rem', text: (t) => dash(t.expiry), sort: { kind: 'date', value: (t) => expiryTime(t.expiry) } },
  { id: 'state', label: 'State', width: '7rem', text: (t) => t.state, sort: text((t) => t.state) },
  {
    id: 'archive',
    label: 'Archived by / reason',
    text: (t) => [t.archivedBy ?? '', t.archiveReason ?? ''].join(' '),
    sort: text((t) => t.archivedBy ?? t.archiveReason),
  },
  { id: 'actions', label: 'Actions', labelHidden: true, hideable: false, width: '15rem', class: 'actions' },
]

export const CUSTOMER_COLUMNS: readonly TableColumn<Customer>[] = [
  {
    id: 'name',
    label: 'Name',
    text: (c) => `${customerName(c)} ${c.companyName ?? ''}`,
    sort: text((c) => customerName(c)),
  },
  {
    id: 'customerNumber',
    label: 'Customer number',
    width: '11rem',
    class: 'mono',
    text: (c) => c.customerNumber,
    sort: text((c) => c.customerNumber),
  },
  { id: 'email', label: 'Email', text: (c) => c.emails.join(' '), sort: text((c) => c.emails[0] ?? null) },
  { id: 'phone', label: 'Phone', width: '12rem', text: (c) => c.phoneNumbers.join(' '), sort: text((c) => c.phoneNumbers[0] ?? null) },
]

export const INVOICE_COLUMNS: readonly TableColumn<Invoice>[] = [
  { id: 'invoice', label: 'Invoice', class: 'mono', text: (i) => i.invoiceNumber, sort: text((i) => i.invoiceNumber) },
  { id: 'product', label: 'Product', text: (i) => `${i.productCode} ${i.productName ?? ''}`, sort: text((i) => i.productCode) },
  { id: 'date', label: 'Date', class: 'nowrap', text: (i) => formatDate(i.invoiceDate), sort: { kind: 'date', value: (i) => i.invoiceDate } },
  { id: 'due', label: 'Due', class: 'nowrap', text: (i) => formatDate(i.dueDate), sort: { kind: 'date', value: (i) => i.dueDate } },
  { id: 'amount', label: 'Amount', class: 'num', text: (i) => formatAmount(i.amount), sort: { kind: 'number', value: (i) => i.amount } },
  { id: 'paid', label: 'Paid', class: 'num', text: (i) => formatAmount(i.paidAmount), sort: { kind: 'number', value: (i) => i.paidAmount } },
  { id: 'status', label: 'Status', text: (i) => INVOICE_STATUS_LABELS[i.status], sort: text((i) => INVOICE_STATUS_LABELS[i.status]) },
  { id: 'actions', label: 'Actions', labelHidden: true, hideable: false, class: 'actions' },
]

export const AUDIT_COLUMNS: readonly TableColumn<AuditEntry>[] = [
  { id: 'at', label: 'Time', class: 'nowrap', text: (e) => formatDateTime(e.at), sort: { kind: 'date', value: (e) => e.at } },
  { id: 'agent', label: 'Agent', text: (e) => dash(e.agent), sort: text((e) => e.agent) },
  { id: 'profile', label: 'Profile', text: (e) => e.profile, sort: text((e) => e.profile) },
  { id: 'action', label: 'Action', class: 'nowrap', text: (e) => auditActionLabel(e.action), sort: text((e) => auditActionLabel(e.action)) },
  { id: 'customer', label: 'Customer', class: 'mono', text: (e) => dash(e.customerNumber), sort: text((e) => e.customerNumber) },
  { id: 'provider', label: 'Provider', text: (e) => (e.provider ? providerLabel(e.provider) : '—'), sort: text((e) => e.provider && providerLabel(e.provider)) },
  { id: 'token', label: 'Token', class: 'mono', text: (e) => dash(e.token), sort: text((e) => e.token) },
  { id: 'outcome', label: 'Outcome', text: (e) => (e.outcome === 'ok' ? 'OK' : 'Failed'), sort: text((e) => e.outcome) },
  { id: 'errorCode', label: 'Error code', class: 'mono', text: (e) => dash(e.errorCode), sort: text((e) => e.errorCode) },
  { id: 'detail', label: 'Detail', class: 'detail', text: (e) => dash(e.detail), sort: text((e) => e.detail) },
]

export const RECENT_COLUMNS: readonly TableColumn<RecentLookup>[] = [
  { id: 'name', label: 'Name', class: 'strong', text: (r) => r.name ?? `Customer ${r.customerNumber}`, sort: text((r) => r.name) },
  {
    id: 'customerNumber',
    label: 'Customer number',
    class: 'mono',
    text: (r) => r.customerNumber,
    sort: text((r) => r.customerNumber),
  },
  { id: 'email', label: 'Email', text: (r) => dash(r.email), sort: text((r) => r.email) },
  { id: 'cachedAt', label: 'Cached at', text: (r) => formatDateTime(r.cachedAt), sort: { kind: 'date', value: (r) => r.cachedAt } },
]
