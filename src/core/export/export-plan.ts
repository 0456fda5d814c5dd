/**
 * What an export request becomes before anything is read or written: the request checked against the
 * contract, its columns against the table's allow-list (an unknown or repeated key refuses the whole
 * export), the suggested file name, and the rows as they may leave the console (token ids masked
 * unless revealed).
 */
import { describeIssues } from '../dispatch.ts'
import { AppError } from '../../shared/errors.ts'
import { EXPORT_COLUMNS, ExportRequest, maskTokenId } from '../../shared/records.ts'
import type { ExportSource } from '../../shared/records.ts'
import type { CsvColumn } from './csv.ts'

export type ExportSpec = Omit<ExportRequest, 'exportId'>

const ExportSpecSchema = ExportRequest.omit({ exportId: true })

export interface ExportPlan {
  spec: ExportSpec
  columns: CsvColumn[]
  /** Token ids written in full (tokens only; the audit log holds masked ones anyway). */
  reveal: boolean
}

export function planExport(request: unknown): ExportPlan {
  const parsed = ExportSpecSchema.safeParse(request)
  if (!parsed.success) throw new AppError('VALIDATION', describeIssues(parsed.error.issues))
  const spec = parsed.data
  return { spec, columns: allowedColumns(spec.source.table, spec.columns), reveal: spec.source.table === 'tokens' && spec.revealTokenIds }
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

/** The rows as written: a tokens row's `token` masked unless revealed; other tables as they come. */
export function rowsForExport<R extends object>(
  rows: Iterable<R> | AsyncIterable<R>,
  table: ExportSource['table'],
  reveal: boolean,
): Iterable<R> | AsyncIterable<R> {
  if (table !== 'tokens' || reveal) return rows
  const masked = (row: R): R => {
    const token = (row as { token?: unknown }).token
    return typeof token === 'string' ? { ...row, token: maskTokenId(token) } : row
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
