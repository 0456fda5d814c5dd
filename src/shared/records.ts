/**
 * What the console keeps on this machine and hands out again: the offline lookup cache ("local data"),
 * whether the providers are reachable, the audit log and CSV exports.
 * Pure TypeScript + zod: no Node, DOM or Electron imports.
 */
import { z } from 'zod'
import { AUDIT_ACTIONS } from './export-columns.ts'
import { CustomerNumber, PayerReference, ProductCode, ProfileKind, boundedText } from './domain.ts'
import { ERROR_CODES } from './errors.ts'

export { AUDIT_ACTIONS, EXPORT_COLUMNS, EXPORT_TABLES, type ExportColumn, type ExportTable } from './export-columns.ts'
export { MASKED_EXPORT_COLUMNS, maskEmail, maskField, maskPhone, maskTokenId } from './masking.ts'

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
/** An ISO 8601 timestamp as the console writes it (Date#toISOString). */
const isoTime = z.string()

// ---------------------------------------------------------------- local data (the offline cache)

export const LocalDataSettings = z
  .object({
    /** Cached lookups older than this are neither shown nor kept. Default 30. */
    retentionDays: z.number().int().min(1).max(365),
    /** At most this many cached lookups are kept (the newest). Default 50,000. */
    maxEntries: z.number().int().min(100).max(200_000),
  })
  .strict()
export type LocalDataSettings = z.infer<typeof LocalDataSettings>

export const LocalDataState = z.object({
  settings: LocalDataSettings,
  /** False when the OS offers no secret storage: nothing is cached then (and nothing written in plaintext). */
  available: z.boolean(),
  /** Why the cache is unavailable, when it is. */
  unavailableReason: z.string().nullable(),
  entries: z.number().int().nonnegative(),
  oldestCachedAt: isoTime.nullable(),
  /** Something the agent should know once, e.g. an unreadable cache file was moved aside. */
  notice: z.string().nullable(),
})
export type LocalDataState = z.infer<typeof LocalDataState>

/** One cached customer, for the Recent lookups view (decrypted on demand, never stored like this). */
export const RecentLookup = z.object({
  customerNumber: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  cachedAt: isoTime,
})
export type RecentLookup = z.infer<typeof RecentLookup>

// ---------------------------------------------------------------- connectivity

export const ConnectivityState = z.enum(['online', 'degraded', 'offline', 'unknown'])
export type ConnectivityState = z.infer<typeof ConnectivityState>

export const Connectivity = z.object({
  /** online: every API answered last time; degraded: some did not; offline: none did; unknown: not asked yet. */
  state: ConnectivityState,
  services: z.array(
    z.object({
      service: z.enum(['connect', 'swedbankpay']),
      /** null until the console has talked to it. */
      reachable: z.boolean().nullable(),
      checkedAt: isoTime.nullable(),
    }),
  ),
})
export type Connectivity = z.infer<typeof Connectivity>

// ---------------------------------------------------------------- audit log

export const AuditAction = z.enum(AUDIT_ACTIONS)
export type AuditAction = z.infer<typeof AuditAction>
export const AuditOutcome = z.enum(['ok', 'failed'])

export const AuditEntry = z.object({
  id: z.number().int().positive(),
  at: isoTime,
  /** The acting agent's user id (`cli:<os user>` for the CLI); null when nobody was signed in. */
  agent: z.string().nullable(),
  profile: ProfileKind,
  action: AuditAction,
  customerNumber: z.string().nullable(),
  provider: z.string().nullable(),
  /** Always masked (last four characters kept). */
  token: z.string().nullable(),
  outcome: AuditOutcome,
  errorCode: z.enum(ERROR_CODES).nullable(),
  /** Structured, non-personal detail (e.g. "table=tokens rows=12"); never free text typed by the agent. */
  detail: z.string().nullable(),
})
export type AuditEntry = z.infer<typeof AuditEntry>

export const AuditFilter = z
  .object({
    action: AuditAction.optional(),
    agent: boundedText(100).optional(),
    customerNumber: CustomerNumber.optional(),
    outcome: AuditOutcome.optional(),
    /** Inclusive dates in the agent's calendar, YYYY-MM-DD (interpreted as UTC days). */
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict()
export type AuditFilter = z.infer<typeof AuditFilter>

export const AuditPage = z.object({
  entries: z.array(AuditEntry),
  /** How many entries match the filter in all. */
  total: z.number().int().nonnegative(),
})
export type AuditPage = z.infer<typeof AuditPage>

// ---------------------------------------------------------------- CSV export

export const ExportSource = z.discriminatedUnion('table', [
  z
    .object({
      table: z.literal('tokens'),
      customerNumber: CustomerNumber.optional(),
      payerReference: PayerReference.optional(),
      includeArchived: z.boolean().optional(),
    })
    .strict(),
  z.object({ table: z.literal('invoices'), customerNumber: CustomerNumber, productCode: ProductCode }).strict(),
  z
    .object({
      table: z.literal('customers'),
      /** search: Connect's customer search; customer: one customer; recent: the cached Recent lookups. */
      from: z.enum(['search', 'customer', 'recent']),
      query: boundedText(100).optional(),
      customerNumber: CustomerNumber.optional(),
    })
    .strict(),
  z.object({ table: z.literal('audit'), filter: AuditFilter.optional() }).strict(),
])
export type ExportSource = z.infer<typeof ExportSource>

export const ExportId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'an export id is 8 to 64 letters, digits or dashes')

export const ExportRequest = z
  .object({
    /** Chosen by the caller so it can ask for progress while the export runs. */
    exportId: ExportId,
    source: ExportSource,
    /** Keys from EXPORT_COLUMNS[source.table], in the order wanted; anything else is refused. */
    columns: z.array(z.string().max(40)).min(1).max(20),
    delimiter: z.enum([',', ';']),
    bom: z.boolean(),
    /** Full token ids, emails and phone numbers instead of masked ones (MASKED_EXPORT_COLUMNS); written to the audit log as a reveal. */
    reveal: z.boolean(),
  })
  .strict()
export type ExportRequest = z.infer<typeof ExportRequest>

export const ExportOutcome = z.discriminatedUnion('status', [
  z.object({ status: z.literal('saved'), path: z.string(), rows: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }),
  z.object({ status: z.literal('cancelled') }),
])
export type ExportOutcome = z.infer<typeof ExportOutcome>

export const ExportProgress = z.object({
  exportId: z.string(),
  state: z.enum(['running', 'done', 'failed', 'unknown']),
  rowsWritten: z.number().int().nonnegative(),
  /** null while the total is not known yet. */
  totalRows: z.number().int().nonnegative().nullable(),
})
export type ExportProgress = z.infer<typeof ExportProgress>
