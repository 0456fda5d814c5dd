/**
 * What an export request becomes before anything is read or written: the request checked against the
 * contract, its columns against the table's allow-list (an unknown or repeated key refuses the whole
 * export), the suggested file name, and the rows as they may leave the console (token ids, emails and
 * phone numbers masked unless revealed: MASKED_EXPORT_COLUMNS).
 */
import { describeIssues } from '../dispatch.ts'
import { AppError } from '../../shared/errors.ts'
import { EXPORT_COLUMNS, ExportRequest, MASKED_EXPORT_COLUMNS, maskField } from '../../shared/records.ts'
import type { ExportSource } from '../../shared/records.ts'
import type { CsvColumn } from './csv.ts'

export type ExportSpec = Omit<ExportRequest, 'exportId'>

const ExportSpecSchema = ExportRequest.omit({ exportId: true })

export interface ExportPlan {
  spec: ExportSpec
  columns: CsvColumn[]
  /** Masked columns written in full (only for a table that has any: tokens, customers). */
  reveal: boolean
}

export function planExport(request: unknown): ExportPlan {
  const parsed = ExportSpecSchema.safeParse(request)
  if (!parsed.success) throw new AppError('VALIDATION', describeIssues(parsed.error.issues))
  const spec = parsed.data
  return { spec, columns: allowedColumns(spec.source.table, spec.columns), reveal: spec.reveal && MASKED_EXPORT_COLUMNS[spec.source.table] !== undefined }
}

function allowedColumns(table: ExportSource['table'], keys: readonly string[]): CsvColumn[] {
  const allowed = EXPORT_COLUMNS[table]
  const seen = new Set<string>()
  return keys.map((key) => {
    const column = allowed.find((candidate) => candidate.key === key)
    if (column === undefined) throw new AppError('VALIDATION', `columns: "${key.slice(0, 40)}" is not a column of ${table}`)
    if (seen.has(key)) throw new AppError('VALIDATION', `columns: "${key}" is chosen twice`)
    seen.add(key)
    return { key: column.key, header: column.header }
  })
}

/** The rows as written: the table's masked columns (MASKED_EXPORT_COLUMNS) masked unless revealed. */
export function rowsForExport<R extends object>(
  rows: Iterable<R> | AsyncIterable<R>,
  table: ExportSource['table'],
  reveal: boolean,
): Iterable<R> | AsyncIterable<R> {
  const maskedColumns = Object.entries(MASKED_EXPORT_COLUMNS[table] ?? {})
  if (reveal || maskedColumns.length === 0) return rows
  const masked = (row: R): R => {
    const copy = { ...row } as Record<string, unknown>
    for (const [key, field] of maskedColumns) {
      const value = copy[key]
      if (typeof value === 'string') copy[key] = maskField(field, value)
      else if (Array.isArray(value)) copy[key] = value.map((item: unknown) => (typeof item === 'string' ? maskField(field, item) : item))
    }
    return copy as R
  }
  // Sync stays sync: the CSV writer loops over it without a microtask per row.
  if (Symbol.iterator in rows) {
    return (function* () {
      for (const row of rows) yield masked(row)
    })()
  }
  return (async function* () {
    for await (const row of rows) yield masked(row)
  })()
}

/** The customer an export is about (for the audit entry), when there is one. */
export function customerOf(source: ExportSource): string | null {
  if (source.table === 'audit') return source.filter?.customerNumber ?? null
  return source.customerNumber ?? null
}

/** e.g. `tokens-100001-2026-11-21.csv`, `customers-search-2026-11-21.csv`, `audit-log-2026-11-21.csv`. */
export function defaultFileName(source: ExportSource, now: number): string {
  const date = new Date(now).toISOString().slice(0, 10)
  const subject =
    source.table === 'tokens'
      ? (source.customerNumber ?? source.payerReference ?? '')
      : source.table === 'customers' && source.from !== 'customer'
        ? source.from
        : (customerOf(source) ?? (source.table === 'audit' ? 'log' : ''))
  const safe = subject.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40)
  return `${[source.table, safe, date].filter((part) => part !== '').join('-')}.csv`
}
