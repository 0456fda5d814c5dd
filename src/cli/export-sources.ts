/**
 * The CLI's export: core's export service (the one code path that writes CSV files) with rows from
 * core's export sources over the CLI's own dispatcher (`ctx.call`) and the audit log in the CLI's data
 * folder, which records every export (agent `cli:<os user>`) and is itself exportable.
 */
import { auditLogPath, openAuditLog } from '../core/audit/audit-log.ts'
import { createAuditRecorder } from '../core/audit/recorder.ts'
import type { AuditLog } from '../core/audit/types.ts'
import { createExportService } from '../core/export/export-service.ts'
import { createExportSources } from '../core/export-sources.ts'
import type { ExportRowSources, ExportService } from '../core/export/export-service.ts'
import type { SaveDialog } from '../core/platform/ports.ts'
import { AppError } from '../shared/errors.ts'
import type { CliContext } from './context.ts'
import { DATA_DIR_VARIABLE, dataDirOf } from './data-dir.ts'
import { cliAgent } from './session.ts'

/** The CLI always names its file: nothing asks where to save. */
const noDialog: SaveDialog = {
  async chooseSavePath() {
    throw new AppError('INTERNAL', 'The CLI has no save dialog.')
  },
}

/** Core's export sources, with every lookup made through the CLI's dispatcher (the contract checks each answer). */
export function cliExportSources(ctx: CliContext, log: AuditLog): ExportRowSources {
  return createExportSources({
    tokens: (request) => ctx.call('tokens:list', request),
    invoices: (request) => ctx.call('invoices:list', request),
    customer: (customerNumber) => ctx.call('customers:get', { customerNumber }),
    search: (query) => ctx.call('customers:search', { query }),
    cache: null,
    auditLog: log,
  })
}

export interface CliExport {
  service: ExportService
  close(): void
}

/** Opens the audit log (an export that cannot be audited is not made) and builds the export service on it. */
export function openCliExport(ctx: CliContext): CliExport {
  const logger = ctx.logger()
  let log: AuditLog
  try {
    log = openAuditLog({ file: auditLogPath(dataDirOf(ctx.io.env)), logger })
  } catch (error) {
    if (error instanceof AppError) throw error
    logger.error('the audit log could not be opened', { reason: error instanceof Error ? error.message : 'unknown' })
    throw new AppError('INTERNAL', `The audit log could not be opened: set ${DATA_DIR_VARIABLE} to a folder you may write to.`)
  }
  const agent = cliAgent(ctx.io.env).userId
  const service = createExportService({
    sources: cliExportSources(ctx, log),
    dialog: noDialog,
    audit: createAuditRecorder(log, { profile: ctx.profile, logger }),
    agent: () => agent,
    logger,
  })
  return { service, close: () => log.close() }
}
