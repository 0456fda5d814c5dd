/**
 * CSV export of the console's tables (tokens, invoices, customers, the audit log), for the app (save
 * dialog, progress by exportId) and the CLI (a given path). One code path writes every export:
 * the request is checked (columns from the allow-list only) before anything happens, the rows come
 * from the host's sources, token ids are masked unless revealed, the document goes through THE CSV
 * writer into a temp file that is renamed into place (atomic-file.ts), and the audit log gets an
 * 'export' entry (and a 'reveal' entry when full token ids were written), failed or not.
 * Errors are AppErrors: the source's own, or INTERNAL with a plain message; never a path or a stack.
 */
import type { AuditEntry, AuditFilter, ExportOutcome, ExportProgress, ExportRequest, ExportSource } from '../../shared/records.ts'
import { ExportId } from '../../shared/records.ts'
import type { Customer, Invoice, PaymentToken } from '../../shared/domain.ts'
import { AppError, isAppError } from '../../shared/errors.ts'
import type { ErrorCode } from '../../shared/errors.ts'
import type { AuditRecorder } from '../audit/types.ts'
import type { Logger } from '../log.ts'
import type { SaveDialog } from '../platform/ports.ts'
import { writeFileAtomically } from './atomic-file.ts'
import { writeCsv } from './csv.ts'
import { customerOf, defaultFileName, planExport, rowsForExport } from './export-plan.ts'
import type { ExportPlan, ExportSpec } from './export-plan.ts'
import { createProgressBoard } from './progress.ts'

export interface ExportRowSources {
  tokens(source: Extract<ExportSource, { table: 'tokens' }>): Promise<PaymentToken[]>
  invoices(source: Extract<ExportSource, { table: 'invoices' }>): Promise<Invoice[]>
  customers(source: Extract<ExportSource, { table: 'customers' }>): Promise<Customer[]>
  audit(filter: AuditFilter): { total: number; rows: Iterable<AuditEntry> }
}

export interface ExportServiceOptions {
  sources: ExportRowSources
  dialog: SaveDialog
  audit: AuditRecorder
  /** The acting agent's user id, or null when nobody is signed in. */
  agent: () => string | null
  logger: Logger
  now?: () => number
}

export interface ExportService {
  /** Asks where to save (null: cancelled, nothing written), then writes; progress under request.exportId. */
  exportCsv(request: ExportRequest): Promise<ExportOutcome>
  progress(exportId: string): ExportProgress
  /** Writes to `path` without asking (the CLI). */
  exportToFile(request: ExportSpec, path: string): Promise<{ rows: number; bytes: number }>
}

type Row = Readonly<Record<string, unknown>>

interface ProgressSink {
  total(totalRows: number): void
  rows(rowsWritten: number): void
}

export const CSV_FILTERS = [{ name: 'CSV', extensions: ['csv'] }]

export function createExportService(options: ExportServiceOptions): ExportService {
  const { sources, logger } = options
  const now = options.now ?? Date.now
  const board = createProgressBoard({ now })

  const load = async (source: ExportSource): Promise<{ total: number; rows: Iterable<Row> }> => {
    if (source.table === 'audit') return sources.audit(source.filter ?? {})
    const rows: Row[] =
      source.table === 'tokens' ? await sources.tokens(source) : source.table === 'invoices' ? await sources.invoices(source) : await sources.customers(source)
    return { total: rows.length, rows }
  }

  const recordExport = (plan: ExportPlan, outcome: 'ok' | 'failed', rows: number, errorCode: ErrorCode | null) => {
    const { table } = plan.spec.source
    const base = { agent: options.agent(), customerNumber: customerOf(plan.spec.source), outcome, errorCode }
    if (plan.reveal) options.audit.record({ ...base, action: 'reveal', detail: `table=${table} rows=${rows}` })
    options.audit.record({ ...base, action: 'export', detail: `table=${table} rows=${rows} columns=${plan.columns.length}` })
  }

  const run = async (plan: ExportPlan, path: string, progress?: ProgressSink): Promise<{ rows: number; bytes: number }> => {
    const { source, bom, delimiter } = plan.spec
    let rowsWritten = 0
    try {
      const { total, rows } = await load(source)
      progress?.total(total)
      const { bytes } = await writeFileAtomically(path, async (write) => {
        await writeCsv(rowsForExport(rows, source.table, plan.reveal), {
          columns: plan.columns,
          bom,
          delimiter,
          write,
          onProgress(written) {
            rowsWritten = written
            progress?.rows(written)
          },
        })
      })
      recordExport(plan, 'ok', rowsWritten, null)
      return { rows: rowsWritten, bytes }
    } catch (error) {
      const failure = exportError(error, source.table, logger)
      recordExport(plan, 'failed', rowsWritten, failure.code)
      throw failure
    }
  }

  return {
    async exportCsv(request) {
      const { exportId, ...spec } = request
      if (!ExportId.safeParse(exportId).success) throw new AppError('VALIDATION', 'exportId: an export id is 8 to 64 letters, digits or dashes')
      const plan = planExport(spec)
      if (board.get(exportId).state === 'running') throw new AppError('CONFLICT', 'An export with this id is already running.')
      const path = await options.dialog.chooseSavePath({ defaultName: defaultFileName(plan.spec.source, now()), filters: CSV_FILTERS })
      if (path === null) return { status: 'cancelled' }
      if (!board.start(exportId)) throw new AppError('CONFLICT', 'An export with this id is already running.')
      try {
        const written = await run(plan, path, {
          total: (totalRows) => board.total(exportId, totalRows),
          rows: (rowsWritten) => board.rows(exportId, rowsWritten),
        })
        board.end(exportId, 'done')
        return { status: 'saved', path, ...written }
      } catch (error) {
        board.end(exportId, 'failed')
        throw error
      }
    },

    progress: (exportId) => board.get(exportId),

    exportToFile: async (request, path) => run(planExport(request), path),
  }
}

const IO_MESSAGES: Record<string, string> = {
  ENOENT: 'The CSV file could not be saved: the folder does not exist.',
  ENOTDIR: 'The CSV file could not be saved: the folder does not exist.',
  EACCES: 'The CSV file could not be saved: the console may not write to that folder.',
  EPERM: 'The CSV file could not be saved: the console may not write to that folder.',
  EROFS: 'The CSV file could not be saved: the disk is read-only.',
  ENOSPC: 'The CSV file could not be saved: the disk is full.',
  EISDIR: 'The CSV file could not be saved: a folder has that name.',
}

/** The source's AppError as is; a file-system error as LOCAL_FILE with a plain message; anything else logged. */
function exportError(error: unknown, table: string, logger: Logger): AppError {
  if (isAppError(error)) return error
  const code = typeof (error as { code?: unknown } | null)?.code === 'string' ? (error as { code: string }).code : null
  if (code !== null && /^E[A-Z]+$/.test(code)) {
    logger.warn('export could not be written', { table, reason: code })
    return new AppError('LOCAL_FILE', IO_MESSAGES[code] ?? `The CSV file could not be saved (${code}).`)
  }
  logger.error('export failed', { table, error })
  return new AppError('INTERNAL', 'The export failed; details are in the log.')
}
