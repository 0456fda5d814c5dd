/**
 * What may leave the console in a CSV file: the tables, and per table the allow-listed columns in
 * their default order (key = the record's property, header = the header cell). Audit actions live here
 * too, so the renderer can offer them as filters. Free of zod (the renderer imports it as is).
 */

export const EXPORT_TABLES = ['tokens', 'invoices', 'customers', 'audit'] as const
export type ExportTable = (typeof EXPORT_TABLES)[number]

export interface ExportColumn {
  key: string
  header: string
  /** Chosen by default in the column chooser. */
  default: boolean
}

const column = (key: string, header: string, chosen = true): ExportColumn => ({ key, header, default: chosen })

export const EXPORT_COLUMNS: Readonly<Record<ExportTable, readonly ExportColumn[]>> = {
  tokens: [
    column('provider', 'Provider'),
    column('tokenType', 'Type'),
    column('state', 'State'),
    column('token', 'Token'),
    column('displayName', 'Display name'),
    column('instrument', 'Instrument'),
    column('cardBrand', 'Card brand'),
    column('lastFour', 'Last four'),
    column('expiry', 'Expiry'),
    column('payerReference', 'Payer reference'),
    column('customerNumber', 'Customer number'),
    column('archivedBy', 'Archived by', false),
    column('archiveReason', 'Archive reason', false),
  ],
  invoices: [
    column('invoiceNumber', 'Invoice number'),
    column('invoiceId', 'Invoice id', false),
    column('customerNumber', 'Customer number'),
    column('productCode', 'Product code'),
    column('productName', 'Product'),
    column('companyCode', 'Company code', false),
    column('invoiceDate', 'Invoice date'),
    column('dueDate', 'Due date'),
    column('amount', 'Amount'),
    column('paidAmount', 'Paid amount'),
    column('status', 'Status'),
  ],
  customers: [
    column('customerNumber', 'Customer number'),
    column('firstName', 'First name'),
    column('middleName', 'Middle name', false),
    column('lastName', 'Last name'),
    column('companyName', 'Company'),
    column('emails', 'Emails'),
    column('phoneNumbers', 'Phone numbers'),
    column('payerReference', 'Payer reference', false),
  ],
  audit: [
    column('at', 'Time'),
    column('agent', 'Agent'),
    column('profile', 'Profile'),
    column('action', 'Action'),
    column('customerNumber', 'Customer number'),
    column('provider', 'Provider'),
    column('token', 'Token'),
    column('outcome', 'Outcome'),
    column('errorCode', 'Error code'),
    column('detail', 'Detail'),
  ],
}

/** Every sensitive action the audit log records. */
export const AUDIT_ACTIONS = [
  'token.archive',
  'token.archiveAll',
  'token.rename',
  'token.remove',
  'token.legacyDelete',
  'invoice.pay',
  'export',
  'reveal',
  'auth.signIn',
  'auth.signOut',
  'profile.change',
  'localData.clear',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]
