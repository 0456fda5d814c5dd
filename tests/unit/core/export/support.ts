/** The export service on real files in a temp folder, with a preset save dialog, fake row sources and a real audit log. */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { createAuditRecorder } from '../../../../src/core/audit/recorder.ts'
import { createExportService } from '../../../../src/core/export/export-service.ts'
import type { ExportRowSources } from '../../../../src/core/export/export-service.ts'
import { PresetSaveDialog } from '../../../../src/core/platform/node-dialog.ts'
import type { Customer, Invoice, PaymentToken } from '../../../../src/shared/domain.ts'
import type { ExportRequest } from '../../../../src/shared/records.ts'
import { auditSetup } from '../audit/support.ts'
import { parseCsv } from '../../../support/csv-reader.ts'

export const TOKENS: PaymentToken[] = [
  {
    provider: 'swedbankpay', token: '5f2c9a7e-3b1d-4c8e-9a01-100001000001', tokenType: 'Recurrence', state: 'Active', displayName: '492500******0004',
    instrument: 'CreditCard', cardBrand: 'Visa', lastFour: '0004', expiry: '12/2028', payerReference: '100001', customerNumber: '100001',
    archivedBy: null, archiveReason: null,
  },
  {
    provider: 'payex', token: '4v8nwodhfja', tokenType: 'recurrence', state: 'Archived', displayName: 'Kari\'s "work" card; æøå, line\r\ntwo',
    instrument: null, cardBrand: 'VISA', lastFour: '2348', expiry: null, payerReference: null, customerNumber: '100001',
    archivedBy: 'PAYEE', archiveReason: 'Customer asked',
  },
  {
    provider: 'klarna', token: 'abc', tokenType: 'recurring', state: 'Active', displayName: null, instrument: 'Klarna', cardBrand: null,
    lastFour: null, expiry: null, payerReference: null, customerNumber: '100001', archivedBy: null, archiveReason: null,
  },
]

export const INVOICES: Invoice[] = [
  { invoiceNumber: '7435367', invoiceId: null, customerNumber: '100001', productCode: 'AP001', productName: 'Aftenposten Digital', companyCode: '68979834',
    invoiceDate: '2026-05-01', dueDate: '2026-05-15', amount: 299, paidAmount: 299, status: 'paid' },
  { invoiceNumber: '7435368', invoiceId: 'x1', customerNumber: '100001', productCode: 'AP001', productName: null, companyCode: null,
    invoiceDate: null, dueDate: '2026-06-15', amount: 1299.5, paidAmount: 0, status: 'unpaid' },
]

export const CUSTOMERS: Customer[] = [
  { customerNumber: '100001', firstName: 'Kari', middleName: null, lastName: 'Nordmann', companyName: null,
    emails: ['kari.nordmann@example.no', 'kari@work.example'], phoneNumbers: ['91234567'], payerReference: '100001' },
  { customerNumber: '100002', firstName: 'Åsa', middleName: 'Li', lastName: 'Öberg', companyName: 'Öberg AB; "Stockholm"', emails: [], phoneNumbers: [],
    payerReference: 'SE-100002' },
]

/** A file's rows: BOM (expected or not) checked, then the strict reader. */
export function readCsv(path: string, delimiter: ',' | ';', bom = true): string[][] {
  const text = readFileSync(path, 'utf8')
  if (text.startsWith('\uFEFF') !== bom) throw new Error(`BOM ${bom ? 'missing' : 'unexpected'}`)
  return parseCsv(bom ? text.slice(1) : text, delimiter)
}

/** A value as the CSV holds it once read back (for plain values: no formula-like strings in these fixtures). */
export const cellOf = (value: unknown): string =>
  value === null || value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value)

export const filesIn = (dir: string): string[] => readdirSync(dir).sort()

export function exportSetup(options: { answer?: string | null; sources?: Partial<ExportRowSources> } = {}) {
  const audit = auditSetup()
  const log = audit.open()
  const out = join(audit.dir, 'out')
  mkdirSync(out)
  const target = join(out, 'export.csv')
  const dialog = new PresetSaveDialog(options.answer === undefined ? target : options.answer)
  const calls: string[] = []
  const sources: ExportRowSources = {
    tokens: async (source) => (calls.push(`tokens:${JSON.stringify(source)}`), TOKENS),
    invoices: async (source) => (calls.push(`invoices:${JSON.stringify(source)}`), INVOICES),
    customers: async (source) => (calls.push(`customers:${JSON.stringify(source)}`), CUSTOMERS),
    audit: (filter) => (calls.push(`audit:${JSON.stringify(filter)}`), { total: log.count(filter), rows: log.iterate(filter) }),
    ...options.sources,
  }
  const service = createExportService({
    sources,
    dialog,
    audit: createAuditRecorder(log, { profile: () => 'test', logger: audit.logger }),
    agent: () => 'agent-7',
    logger: audit.logger,
    now: audit.clock.now,
  })
  return { ...audit, log, out, target, dialog, calls, service }
}

let ids = 0
export function request(extra: Partial<ExportRequest> = {}): ExportRequest {
  ids += 1
  return {
    exportId: `export-${String(ids).padStart(4, '0')}`,
    source: { table: 'tokens', customerNumber: '100001' },
    columns: ['provider', 'token', 'displayName', 'lastFour', 'archiveReason'],
    delimiter: ';',
    bom: true,
    reveal: false,
    ...extra,
  }
}
