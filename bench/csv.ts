/**
 * CSV export cost: 100,000 token rows through the export service (column plan, masking, quoting,
 * formula guard, streaming temp file, fsync, rename) against writing the very same bytes, already
 * joined, with one writeFile + fsync. Rounds alternate so noise hits both alike; medians compared.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, openSync, fsyncSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { noAudit } from '../src/core/audit/types.ts'
import { createExportService } from '../src/core/export/export-service.ts'
import { silentLogger } from '../src/core/log.ts'
import { PresetSaveDialog } from '../src/core/platform/node-dialog.ts'
import type { PaymentToken } from '../src/shared/domain.ts'
import { EXPORT_COLUMNS } from '../src/shared/export-columns.ts'
import { median, round, timed } from './stats.ts'

const ROWS = 100_000
const ROUNDS = 5

export interface CsvBench {
  rows: number
  bytes: number
  exportMs: number
  rawWriteMs: number
  csvRatio: number
}

function tokens(): PaymentToken[] {
  const providers = ['swedbankpay', 'payex', 'klarna', 'vipps', 'nexi'] as const
  return Array.from({ length: ROWS }, (_, index) => ({
    provider: providers[index % providers.length]!,
    token: randomBytes(16).toString('hex'),
    tokenType: index % 2 === 0 ? 'Recurrence' : 'Unscheduled',
    state: index % 7 === 0 ? 'Archived' : 'Active',
    displayName: index % 11 === 0 ? '=HYPERLINK("x")' : `Visa •••• ${String(index % 10_000).padStart(4, '0')}`,
    instrument: 'CreditCard',
    cardBrand: 'Visa',
    lastFour: String(index % 10_000).padStart(4, '0'),
    expiry: '12/2029',
    payerReference: String(100_000 + (index % 5_000)),
    customerNumber: String(100_000 + (index % 5_000)),
    archivedBy: index % 7 === 0 ? 'PAYEE' : null,
    archiveReason: index % 7 === 0 ? 'Customer asked; "card lost"' : null,
  }))
}

/** Writes bytes to a file and syncs it, as the export does before its rename. */
function writeSynced(path: string, bytes: Buffer): void {
  writeFileSync(path, bytes)
  const fd = openSync(path, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

export async function benchCsv(): Promise<CsvBench> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-csv-'))
  const rows = tokens()
  const service = createExportService({
    sources: {
      tokens: async () => rows,
      invoices: async () => [],
      customers: async () => [],
      audit: () => ({ total: 0, rows: [] }),
    },
    dialog: new PresetSaveDialog(null),
    audit: noAudit,
    agent: () => 'bench',
    logger: silentLogger(),
  })
  const spec = {
    source: { table: 'tokens' as const, customerNumber: '100001' },
    columns: EXPORT_COLUMNS.tokens.map((column) => column.key),
    delimiter: ';' as const,
    bom: true,
    reveal: false,
  }
  try {
    const exported = join(dir, 'export.csv')
    const { bytes } = await service.exportToFile(spec, exported)
    const joined = readFileSync(exported)
    const exportTimes: number[] = []
    const rawTimes: number[] = []
    for (let round = 0; round < ROUNDS; round += 1) {
      exportTimes.push(await timed(() => service.exportToFile(spec, join(dir, `export-${round}.csv`))))
      rawTimes.push(await timed(() => writeSynced(join(dir, `raw-${round}.csv`), joined)))
    }
    const exportMs = median(exportTimes)
    const rawWriteMs = median(rawTimes)
    return { rows: ROWS, bytes, exportMs: round(exportMs, 1), rawWriteMs: round(rawWriteMs, 1), csvRatio: round(exportMs / rawWriteMs) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
