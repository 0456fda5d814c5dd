/**
 * `support-console export` as a child process against a sandbox: each file parsed back and compared
 * with the sandbox's own data, the audit log in SUPPORT_CONSOLE_DATA_DIR, options, refusals, failures.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { auditLogPath, openAuditLog } from '../../../src/core/audit/audit-log.ts'
import { EXPORT_COLUMNS, maskEmail, maskPhone, maskTokenId } from '../../../src/shared/records.ts'
import { STACK_FRAME, createCliRunner, parseCsv, sandboxSecrets, useSandbox } from './support.ts'

const { run, runs } = createCliRunner()
const t = useSandbox()
const roots: string[] = []
let dir = ''

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-export-'))
  roots.push(dir)
})
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true })
})

const out = (name = 'out.csv') => join(dir, name)
const exportRun = (args: string[], env: Record<string, string> = t.env) => run(['export', ...args], { ...env, SUPPORT_CONSOLE_DATA_DIR: join(dir, 'data') })
const auditEntries = () => {
  const log = openAuditLog({ file: auditLogPath(join(dir, 'data')) })
  try {
    return [...log.iterate({})]
  } finally {
    log.close()
  }
}
function csv(path: string, delimiter: ',' | ';' = ';', bom = true): string[][] {
  const text = readFileSync(path, 'utf8')
  expect(text.startsWith('\uFEFF')).toBe(bom)
  return parseCsv(bom ? text.slice(1) : text, delimiter)
}
const headers = (table: keyof typeof EXPORT_COLUMNS) => EXPORT_COLUMNS[table].filter((column) => column.default).map((column) => column.header)

/** Every token of a customer as the sandbox holds it: [provider, token id, state]. */
async function sandboxTokens(customerNumber: string): Promise<string[][]> {
  const raw = (await t.box.get(`/customers/${customerNumber}/tokens`)) as Record<string, Record<string, string>[]>
  const idField = { swedbankpay: 'token', payex: 'recurrenceToken', klarna: 'token', vipps: 'agreementRef', nexi: 'subscriptionId' }
  return Object.entries(idField).flatMap(([provider, field]) => (raw[provider] ?? []).map((token) => [provider, String(token[field]), token.state ?? '']))
}

describe('export tokens', () => {
  it('--archived: every token of the sandbox, ids masked, default columns, ";" and a BOM', async () => {
    const result = await exportRun(['tokens', '--customer', '100001', '--archived', '--out', out()])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    const rows = csv(out())
    expect(JSON.parse(result.stdout)).toEqual({ path: out(), rows: rows.length - 1, bytes: readFileSync(out()).length })
    expect(rows[0]).toEqual(headers('tokens'))
    const expected = (await sandboxTokens('100001')).map(([provider, token, state]) => [provider, maskTokenId(token ?? ''), state])
    expect(expected.length).toBeGreaterThan(5)
    expect(rows.slice(1).map((row) => [row[0], row[3], row[2]]).sort()).toEqual(expected.sort())
    const text = readFileSync(out(), 'utf8')
    for (const [, token] of await sandboxTokens('100001')) expect(text).not.toContain(token)
  })

  it('--reveal --columns --delimiter , --no-bom: full ids, only those columns; the audit log has reveal and export', async () => {
    const result = await exportRun(['tokens', '--customer', '100001', '--archived', '--reveal', '--columns', 'token,provider', '--delimiter', ',', '--no-bom', '--out', out()])
    expect(result.code).toBe(0)
    expect(result.stderr).toMatch(/^note: Unmasked values were written/)
    const rows = csv(out(), ',', false)
    expect(rows[0]).toEqual(['Token', 'Provider'])
    expect(rows.slice(1).sort()).toEqual((await sandboxTokens('100001')).map(([provider, token]) => [token, provider]).sort())
    const entries = auditEntries()
    expect(entries.map((entry) => entry.action)).toEqual(['reveal', 'export'])
    expect(entries[1]).toMatchObject({ agent: expect.stringMatching(/^cli:/), profile: 'production', customerNumber: '100001', outcome: 'ok',
      detail: `table=tokens rows=${rows.length - 1} columns=2` })
  })

  it('--payer-reference: Swedbank Pay only, active only', async () => {
    const result = await exportRun(['tokens', '--payer-reference', '100001', '--columns', 'provider,state,token', '--out', out()])
    expect(result.code).toBe(0)
    const expected = (await sandboxTokens('100001')).filter(([provider, , state]) => provider === 'swedbankpay' && state === 'Active')
    expect(csv(out()).slice(1)).toEqual(expected.map(([provider, token, state]) => [provider, state, maskTokenId(token ?? '')]))
  })

  it('a provider that fails: exit 1, no file, no temp file, the audit says failed', async () => {
    await t.box.fault({ route: 'GET /capi/v1/customer/payment/klarna/token', status: 500 })
    const result = await exportRun(['tokens', '--customer', '100001', '--out', out()])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^error: klarna: /)
    expect(result.stderr).toContain('Nothing was exported.')
    expect(readdirSync(dir)).toEqual(['data'])
    expect(auditEntries()).toMatchObject([{ action: 'export', outcome: 'failed' }])
  })
})

describe('export invoices, customers, audit', () => {
  it('invoices: cell by cell equal to the sandbox, amounts as numbers', async () => {
    const result = await exportRun(['invoices', '--customer', '100001', '--product', 'AP001', '--out', out()])
    expect(result.code).toBe(0)
    const rows = csv(out())
    expect(rows[0]).toEqual(headers('invoices'))
    const keys = EXPORT_COLUMNS.invoices.filter((column) => column.default).map((column) => column.key)
    const seeded = t.sandbox.state.data.invoices.filter((invoice) => invoice.customerNumber === 100001 && invoice.productCode === 'AP001')
    expect(seeded.length).toBeGreaterThan(1)
    expect(rows.slice(1)).toEqual(seeded.map((invoice) => keys.map((key) => String((invoice as unknown as Record<string, unknown>)[key] ?? ''))))
    expect(readFileSync(out(), 'utf8')).toMatch(/"AP001";"Aftenposten Digital";"[0-9-]+";"[0-9-]+";\d+;\d+;"paid"\r\n/)
  })

  it('customers --customer --reveal: the sandbox customer, emails and phones one cell each (a leading + neutralised)', async () => {
    const result = await exportRun(['customers', '--customer', '100001', '--reveal', '--columns', 'customerNumber,firstName,lastName,emails,phoneNumbers', '--out', out()])
    expect(result.code).toBe(0)
    const kari = t.sandbox.state.data.customers.find((customer) => customer.customerNumber === 100001)!
    expect(csv(out()).slice(1)).toEqual([
      ['100001', kari.firstName, kari.lastName, kari.emails.join(', '), kari.phoneNumbers.map((phone, i) => (i === 0 ? `'${phone}` : phone)).join(', ')],
    ])
  })

  it('customers without --reveal: emails and phone numbers masked item by item, names as they are', async () => {
    const result = await exportRun(['customers', '--customer', '100001', '--columns', 'firstName,emails,phoneNumbers', '--out', out()])
    expect(result.code).toBe(0)
    const kari = t.sandbox.state.data.customers.find((customer) => customer.customerNumber === 100001)!
    const [row] = csv(out()).slice(1)
    expect(row).toEqual([kari.firstName, kari.emails.map(maskEmail).join(', '), kari.phoneNumbers.map((phone, i) => (i === 0 ? `'${maskPhone(phone)}` : maskPhone(phone))).join(', ')])
    for (const value of [...kari.emails, ...kari.phoneNumbers]) expect(readFileSync(out(), 'utf8')).not.toContain(value)
  })

  it('customers --query: the search result', async () => {
    const result = await exportRun(['customers', '--query', 'Nordmann', '--columns', 'customerNumber,lastName', '--out', out()])
    expect(result.code).toBe(0)
    expect(csv(out()).slice(1).sort()).toEqual([['100001', 'Nordmann'], ['100002', 'Nordmann']])
  })

  it('audit: the entries of earlier exports, also with no provider configured; --customer filters', async () => {
    expect((await exportRun(['tokens', '--customer', '100001', '--out', out('t.csv')])).code).toBe(0)
    expect((await exportRun(['invoices', '--customer', '100002', '--product', 'AP001', '--out', out('i.csv')])).code).toBe(0)
    const result = await exportRun(['audit', '--out', out()], {})
    expect(result).toMatchObject({ code: 0, stderr: '' })
    const rows = csv(out())
    expect(rows[0]).toEqual(headers('audit'))
    expect(rows.slice(1).map((row) => [row[3], row[4], row[7], row[9]])).toEqual([
      ['export', '100001', 'ok', expect.stringMatching(/^table=tokens rows=\d+ columns=11$/)],
      ['export', '100002', 'ok', 'table=invoices rows=0 columns=9'],
    ])
    expect((await exportRun(['audit', '--customer', '100002', '--out', out('a2.csv')], {})).code).toBe(0)
    expect(csv(out('a2.csv')).slice(1).map((row) => row[4])).toEqual(['100002'])
  })
})

describe('refused before anything starts (exit 2)', () => {
  it.each([
    [['tokens', '--out', 'x.csv'], /export tokens needs one of --customer/],
    [['tokens', '--customer', '100001', '--payer-reference', '100001', '--out', 'x.csv'], /needs one of --customer/],
    [['tokens', '--customer', '100001', '--product', 'AP001', '--out', 'x.csv'], /--product does not apply to export tokens/],
    [['invoices', '--customer', '100001', '--out', 'x.csv'], /export invoices needs --customer <customerNumber> and --product/],
    [['invoices', '--customer', '100001', '--product', 'AP001', '--reveal', '--out', 'x.csv'], /--reveal does not apply to export invoices/],
    [['customers', '--customer', '100001', '--query', 'Kari', '--out', 'x.csv'], /needs one of --customer <customerNumber> or --query/],
    [['audit', '--archived', '--out', 'x.csv'], /--archived does not apply to export audit/],
    [['tokens', '--customer', '100001', '--columns', 'provider,secret', '--out', 'x.csv'], /"secret" is not a column of tokens/],
    [['tokens', '--customer', '100001', '--columns', 'token,token', '--out', 'x.csv'], /"token" is chosen twice/],
    [['tokens', '--customer', '12x', '--out', 'x.csv'], /customerNumber/],
    [['tokens', '--customer', '100001', '--delimiter', '|', '--out', 'x.csv'], /--delimiter/],
    [['tokens', '--customer', '100001'], /--out/],
    [['payments', '--out', 'x.csv'], /payments/],
  ])('export %j', async (args, message) => {
    const result = await exportRun(args.map((arg) => (arg === 'x.csv' ? out() : arg)))
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stdout).toBe('')
    expect(readdirSync(dir)).toEqual([])
    expect(await t.box.requests()).toEqual([])
  })
})

describe('files and output', () => {
  it('an --out folder that does not exist: exit 1, a plain message, nothing left behind', async () => {
    const result = await exportRun(['tokens', '--customer', '100001', '--out', join(dir, 'missing', 'x.csv')])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^error: LOCAL_FILE: The CSV file could not be saved: the folder does not exist\./)
    expect(result.stderr).not.toMatch(STACK_FRAME)
    expect(existsSync(join(dir, 'missing'))).toBe(false)
    expect(readdirSync(dir)).toEqual(['data'])
  })

  it('--help names the tables, the columns and the data folder variable', async () => {
    const result = await run(['export', '--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/tokens\s+provider\*,tokenType\*/)
    expect(result.stdout).toContain('SUPPORT_CONSOLE_DATA_DIR')
    expect((await run(['--help'])).stdout).toContain('SUPPORT_CONSOLE_DATA_DIR')
  })

  it('no secret in any output or exported file of this file, and no stack trace', () => {
    const secrets = sandboxSecrets(t.sandbox)
    expect(runs.length).toBeGreaterThan(20)
    for (const { stdout, stderr } of runs) {
      expect(stderr).not.toMatch(STACK_FRAME)
      for (const secret of secrets) expect(stdout + stderr).not.toContain(secret)
    }
    const files = roots.flatMap((root) => readdirSync(root).filter((name) => name.endsWith('.csv')).map((name) => readFileSync(join(root, name), 'utf8')))
    expect(files.length).toBeGreaterThan(5)
    for (const text of files) for (const secret of secrets) expect(text).not.toContain(secret)
  })
})
