/**
 * exports:csv wired to the services' own lookups (real HTTP to the sandbox, a real cache and audit log):
 * the file is read back and compared with what the lookups answer, cached rows included, and each
 * source (tokens, invoices, customers from search / one customer / recent lookups, the audit log).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openAuditLog } from '../../../../src/core/audit/audit-log.ts'
import { createAuditRecorder } from '../../../../src/core/audit/recorder.ts'
import { silentLogger } from '../../../../src/core/log.ts'
import { FolderSaveDialog } from '../../../../src/core/platform/node-dialog.ts'
import type { ExportRequest, ExportSource } from '../../../../src/shared/records.ts'
import { parseCsv } from '../../../support/csv-reader.ts'
import { ROUTES, core, useCoreOnSandbox } from '../support/sandbox.ts'
import { useTempCache } from '../support/cache.ts'

const dir = mkdtempSync(join(tmpdir(), 'export-wiring-'))
const log = openAuditLog({ file: join(dir, 'audit.sqlite') })
afterAll(() => {
  log.close()
  rmSync(dir, { recursive: true, force: true })
})
const temp = useTempCache()
useCoreOnSandbox({
  services: {
    cache: temp.binding('sandbox'),
    audit: createAuditRecorder(log, { profile: () => 'sandbox', logger: silentLogger() }),
    auditLog: log,
    saveDialog: new FolderSaveDialog(dir),
  },
})

let exports = 0
/** Exports `source` with the given columns; the file read back as rows (header first). */
async function exported(source: ExportSource, columns: string[]): Promise<string[][]> {
  exports += 1
  const request: ExportRequest = { exportId: `wiring-${exports}-export`, source, columns, delimiter: ',', bom: false, reveal: false }
  const result = await core.call('exports:csv', request)
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code })
  if (result.data.status !== 'saved') throw new Error('cancelled')
  expect(await core.call('exports:progress', { exportId: request.exportId })).toMatchObject({ ok: true, data: { state: 'done' } })
  return parseCsv(readFileSync(result.data.path, 'utf8'))
}

describe('exports:csv sources', () => {
  it('tokens: the rows of tokens:list, ids masked; with Swedbank Pay down, its cached tokens', async () => {
    const listed = await core.call('tokens:list', { customerNumber: '100001' })
    if (!listed.ok) throw new Error(listed.error.message)
    const expected = listed.data.tokens.map((token) => [token.provider, `****${token.token.slice(-4)}`])
    const rows = await exported({ table: 'tokens', customerNumber: '100001' }, ['provider', 'token'])
    expect(rows).toEqual([['Provider', 'Token'], ...expected])

    await core.fault({ route: ROUTES.listActive, status: 503 })
    expect(await exported({ table: 'tokens', customerNumber: '100001' }, ['provider', 'token'])).toEqual(rows)
  })

  it('tokens: a provider that failed outright fails the export, rather than leave its tokens out', async () => {
    await core.fault({ route: ROUTES.listActive, status: 503 })
    await expect(exported({ table: 'tokens', customerNumber: '100001' }, ['token'])).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' })
    await expect(exported({ table: 'tokens' }, ['token'])).rejects.toMatchObject({ code: 'VALIDATION' })
  })

  it('invoices: the rows of invoices:list', async () => {
    const rows = await exported({ table: 'invoices', customerNumber: '100001', productCode: 'AP001' }, ['invoiceNumber', 'status'])
    expect(rows).toEqual([['Invoice number', 'Status'], ['7435367', 'paid'], ['7435368', 'unpaid']])
  })

  it('customers: from a search, one customer, and the recent lookups (newest first)', async () => {
    const search = await exported({ table: 'customers', from: 'search', query: 'Nordmann' }, ['customerNumber', 'lastName'])
    expect(search.slice(1)).toContainEqual(['100001', 'Nordmann'])
    expect(await exported({ table: 'customers', from: 'customer', customerNumber: '100002' }, ['customerNumber'])).toEqual([['Customer number'], ['100002']])
    await core.call('customers:get', { customerNumber: '100001' })
    const recent = await exported({ table: 'customers', from: 'recent' }, ['customerNumber'])
    expect(recent).toEqual([['Customer number'], ['100001'], ['100002']])
    expect(await exported({ table: 'customers', from: 'recent', query: 'KARI' }, ['customerNumber'])).toEqual([['Customer number'], ['100001']])
  })

  it('audit: the log, filtered, oldest first, including the entries of these exports', async () => {
    await core.call('tokens:remove', { provider: 'klarna', customerNumber: '100001', token: '0b1d9815-165e-42e2-8867-35bc03789e00' })
    const rows = await exported({ table: 'audit', filter: { action: 'token.remove' } }, ['action', 'customerNumber', 'token', 'outcome'])
    expect(rows).toEqual([['Action', 'Customer number', 'Token', 'Outcome'], ['token.remove', '100001', '****9e00', 'ok']])
    await expect(exported({ table: 'tokens' }, ['token'])).rejects.toMatchObject({ code: 'VALIDATION' })
    const before = log.list({ action: 'export' }, { limit: 100 }).entries.reverse().map((e) => [e.action, e.outcome])
    expect(before.at(-1)).toEqual(['export', 'failed'])
    const exportsLogged = await exported({ table: 'audit', filter: { action: 'export' } }, ['action', 'outcome'])
    expect(exportsLogged.slice(1)).toEqual(before) // this one is recorded after writing
    expect(log.count({ action: 'export' })).toBe(before.length + 1)
  })
})
