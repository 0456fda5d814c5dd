/** The export service into a temp folder: files parsed back cell by cell, masking, audit entries, options, refusals. */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../../src/shared/errors.ts'
import { EXPORT_COLUMNS, maskEmail, maskPhone, maskTokenId } from '../../../../src/shared/records.ts'
import { record } from '../audit/support.ts'
import { CUSTOMERS, INVOICES, TOKENS, cellOf, exportSetup, filesIn, readCsv, request } from './support.ts'

const headersOf = (table: keyof typeof EXPORT_COLUMNS, keys: string[]) =>
  keys.map((key) => EXPORT_COLUMNS[table].find((column) => column.key === key)?.header)

describe('the file, parsed back', () => {
  it('tokens: every chosen cell equals the source, token ids masked; the dialog is asked with a dated name', async () => {
    const env = exportSetup()
    const columns = EXPORT_COLUMNS.tokens.map((column) => column.key)
    const outcome = await env.service.exportCsv(request({ columns }))
    expect(outcome).toEqual({ status: 'saved', path: env.target, rows: 3, bytes: statSync(env.target).size })
    expect(env.dialog.asked).toEqual(['tokens-100001-2026-11-21.csv'])
    const rows = readCsv(env.target, ';')
    expect(rows[0]).toEqual(headersOf('tokens', columns))
    expect(rows.slice(1)).toEqual(TOKENS.map((token) => columns.map((key) => cellOf(key === 'token' ? maskTokenId(token.token) : token[key as keyof typeof token]))))
    expect(rows.map((row) => row[3])).toEqual(['Token', '****0001', '****hfja', '****'])
    expect(readFileSync(env.target, 'utf8')).not.toContain('5f2c9a7e')
    expect(filesIn(env.out)).toEqual(['export.csv'])
    if (process.platform !== 'win32') expect(statSync(env.target).mode & 0o777).toBe(0o600)
  })

  it('tokens revealed: full ids, and the audit log gets a reveal entry beside the export entry', async () => {
    const env = exportSetup()
    await env.service.exportCsv(request({ reveal: true, columns: ['token', 'provider'] }))
    expect(readCsv(env.target, ';').slice(1)).toEqual(TOKENS.map((token) => [token.token, token.provider]))
    const entries = env.log.list({}).entries.map(({ action, agent, profile, customerNumber, outcome, errorCode, detail, token }) =>
      ({ action, agent, profile, customerNumber, outcome, errorCode, detail, token }))
    const common = { agent: 'agent-7', profile: 'test', customerNumber: '100001', outcome: 'ok', errorCode: null, token: null }
    expect(entries).toEqual([
      { ...common, action: 'export', detail: 'table=tokens rows=3 columns=2' },
      { ...common, action: 'reveal', detail: 'table=tokens rows=3' },
    ])
  })

  it('masked export: one export entry and no reveal', async () => {
    const env = exportSetup()
    await env.service.exportCsv(request())
    expect(env.log.list({}).entries.map((entry) => [entry.action, entry.detail])).toEqual([['export', 'table=tokens rows=3 columns=5']])
  })

  it('invoices: amounts stay numbers', async () => {
    const env = exportSetup()
    const columns = EXPORT_COLUMNS.invoices.map((column) => column.key)
    const text = () => readFileSync(env.target, 'utf8')
    await env.service.exportCsv(request({ source: { table: 'invoices', customerNumber: '100001', productCode: 'AP001' }, columns }))
    expect(readCsv(env.target, ';').slice(1)).toEqual(INVOICES.map((invoice) => columns.map((key) => cellOf(invoice[key as keyof typeof invoice]))))
    expect(text()).toContain(';1299.5;0;"unpaid"')
    expect(env.dialog.asked).toEqual(['invoices-100001-2026-11-21.csv'])
  })

  it('customers revealed: emails and phone numbers are one cell each, in full; the reveal is audited', async () => {
    const env = exportSetup()
    const columns = EXPORT_COLUMNS.customers.map((column) => column.key)
    await env.service.exportCsv(request({ source: { table: 'customers', from: 'search', query: 'Nordmann' }, columns, delimiter: ',', reveal: true }))
    const rows = readCsv(env.target, ',')
    expect(rows.slice(1)).toEqual(CUSTOMERS.map((customer) => columns.map((key) => cellOf(customer[key as keyof typeof customer]))))
    expect(rows[1]?.[5]).toBe('kari.nordmann@example.no, kari@work.example')
    expect(env.calls).toEqual(['customers:{"table":"customers","from":"search","query":"Nordmann"}'])
    expect(env.dialog.asked).toEqual(['customers-search-2026-11-21.csv'])
    expect([...env.log.iterate({})].map((entry) => [entry.action, entry.detail])).toEqual([
      ['reveal', 'table=customers rows=2'],
      ['export', `table=customers rows=2 columns=${columns.length}`],
    ])
  })

  it('customers masked by default: every email and phone number masked item by item, nothing else changed', async () => {
    const env = exportSetup()
    const columns = EXPORT_COLUMNS.customers.map((column) => column.key)
    await env.service.exportCsv(request({ source: { table: 'customers', from: 'search', query: 'Nordmann' }, columns, delimiter: ',' }))
    const masked = (key: string, value: unknown) =>
      key === 'emails' ? (value as string[]).map(maskEmail) : key === 'phoneNumbers' ? (value as string[]).map(maskPhone) : value
    expect(readCsv(env.target, ',').slice(1)).toEqual(CUSTOMERS.map((customer) => columns.map((key) => cellOf(masked(key, customer[key as keyof typeof customer])))))
    const text = readFileSync(env.target, 'utf8')
    for (const value of CUSTOMERS.flatMap((customer) => [...customer.emails, ...customer.phoneNumbers])) expect(text).not.toContain(value)
    expect([...env.log.iterate({})].map((entry) => entry.action)).toEqual(['export'])
  })

  it('audit: the entries of the filter, oldest first, tokens as stored (masked)', async () => {
    const env = exportSetup()
    env.log.append(record({ customerNumber: '100001', detail: 'a;b,"c"' }))
    env.log.append(record({ customerNumber: '100002' }))
    env.log.append(record({ customerNumber: '100001', action: 'token.remove', outcome: 'failed', errorCode: 'CONFLICT' }))
    const columns = EXPORT_COLUMNS.audit.map((column) => column.key)
    const expected = [...env.log.iterate({ customerNumber: '100001' })]
    await env.service.exportCsv(request({ source: { table: 'audit', filter: { customerNumber: '100001' } }, columns, reveal: true }))
    const rows = readCsv(env.target, ';')
    expect(rows.slice(1)).toEqual(expected.map((entry) => columns.map((key) => cellOf(entry[key as keyof typeof entry]))))
    expect(rows.slice(1).map((row) => row[6])).toEqual(['****0001', '****0001'])
    expect(env.dialog.asked).toEqual(['audit-100001-2026-11-21.csv'])
    // reveal means nothing for the audit table: no reveal entry.
    expect(env.log.list({ action: 'reveal' }).total).toBe(0)
    expect(env.log.list({ action: 'export' }).entries[0]?.detail).toBe('table=audit rows=2 columns=10')
  })
})

describe('options', () => {
  it.each([
    [';', true],
    [';', false],
    [',', true],
    [',', false],
  ] as const)('delimiter %s, BOM %s', async (delimiter, bom) => {
    const env = exportSetup()
    await env.service.exportCsv(request({ delimiter, bom, columns: ['provider', 'displayName'] }))
    const text = readFileSync(env.target, 'utf8')
    expect(text.startsWith('\uFEFF')).toBe(bom)
    expect(text.split('\r\n')[0]).toBe(`${bom ? '\uFEFF' : ''}"Provider"${delimiter}"Display name"`)
    expect(readCsv(env.target, delimiter, bom).slice(1)).toEqual(TOKENS.map((token) => [token.provider, cellOf(token.displayName)]))
  })

  it('writes the columns in the order asked', async () => {
    const env = exportSetup()
    await env.service.exportCsv(request({ columns: ['lastFour', 'provider'] }))
    expect(readCsv(env.target, ';')[0]).toEqual(['Last four', 'Provider'])
  })
})

describe('refusals and cancel', () => {
  it.each([
    [['provider', 'secretField'], /"secretField" is not a column of tokens/],
    [['provider', 'provider'], /"provider" is chosen twice/],
    [['amount'], /"amount" is not a column of tokens/],
    [['constructor'], /not a column/],
    [[], /columns/],
  ])('columns %j → VALIDATION before the dialog; nothing written, nothing read, no audit', async (columns, message) => {
    const env = exportSetup()
    const error = await env.service.exportCsv(request({ columns })).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(message) })
    expect(env.dialog.asked).toEqual([])
    expect(env.calls).toEqual([])
    expect(filesIn(env.out)).toEqual([])
    expect(env.log.count({})).toBe(0)
  })

  it('refuses a bad export id and a bad source before anything', async () => {
    const env = exportSetup()
    await expect(env.service.exportCsv(request({ exportId: 'x/../y' }))).rejects.toMatchObject({ code: 'VALIDATION' })
    await expect(env.service.exportCsv(request({ source: { table: 'invoices', customerNumber: '12a', productCode: 'AP001' } }))).rejects.toMatchObject({
      code: 'VALIDATION',
    })
    const { exportId: _id, ...spec } = request()
    await expect(env.service.exportToFile({ ...spec, delimiter: '\t' as ';' }, env.target)).rejects.toMatchObject({ code: 'VALIDATION' })
    expect(env.calls).toEqual([])
    expect(filesIn(env.out)).toEqual([])
  })

  it('cancelled in the dialog: nothing read, nothing written, no audit entry', async () => {
    const env = exportSetup({ answer: null })
    const exportRequest = request()
    expect(await env.service.exportCsv(exportRequest)).toEqual({ status: 'cancelled' })
    expect(env.dialog.asked).toHaveLength(1)
    expect(env.calls).toEqual([])
    expect(filesIn(env.out)).toEqual([])
    expect(env.log.count({})).toBe(0)
    expect(env.service.progress(exportRequest.exportId).state).toBe('unknown')
  })

  it('exportToFile writes the same document without asking', async () => {
    const env = exportSetup()
    const { exportId: _id, ...spec } = request()
    const path = join(env.out, 'cli.csv')
    expect(await env.service.exportToFile(spec, path)).toEqual({ rows: 3, bytes: statSync(path).size })
    await env.service.exportCsv(request())
    expect(readFileSync(path, 'utf8')).toBe(readFileSync(env.target, 'utf8'))
    expect(env.dialog.asked).toHaveLength(1)
    expect(existsSync(env.target)).toBe(true)
  })
})
