/**
 * `support-console` as a child process against a sandbox this test starts, configured through the
 * environment variables: outputs, exit codes, what the sandbox saw, and that no secret is printed.
 */
import { describe, expect, it } from 'vitest'
import { Customer, PaymentToken } from '../../../src/shared/domain.ts'
import { SHOWCASE_TOKENS } from '../../../src/sandbox/index.ts'
import { STACK_FRAME, createCliRunner, parseCsv, sandboxSecrets, useSandbox } from './support.ts'

const { run, runs } = createCliRunner()
const t = useSandbox()

const TOKEN_FIELDS = Object.keys(PaymentToken.shape)

describe('lookups', () => {
  it('customers search --format json prints ONE JSON array and nothing else', async () => {
    const result = await run(['customers', 'search', 'Nordmann', '--format', 'json'], t.env)
    expect(result).toMatchObject({ code: 0, stderr: '' })
    const customers = JSON.parse(result.stdout) as { customerNumber: string; lastName: string }[]
    expect(customers.map((customer) => customer.customerNumber).sort()).toEqual(['100001', '100002'])
    expect(customers.every((customer) => customer.lastName === 'Nordmann')).toBe(true)
  })

  it('customers search prints an aligned table by default', async () => {
    const result = await run(['customers', 'search', 'Kari', 'Nordmann'], t.env)
    expect(result.code).toBe(0)
    const [header, row, ...rest] = result.stdout.trimEnd().split('\n')
    expect(header).toMatch(/^customerNumber\s+firstName\s+lastName/)
    expect(row).toMatch(/^100001\s+Kari\s+Nordmann/)
    expect(rest).toEqual([])
    expect(row!.indexOf('Kari')).toBe(header!.indexOf('firstName'))
  })

  it('tokens --customer --format json is one array of PaymentTokens with exactly the contract field names', async () => {
    const result = await run(['tokens', '--customer', '100001', '--archived', '--format', 'json'], t.env)
    expect(result.code).toBe(0)
    const tokens = JSON.parse(result.stdout) as Record<string, unknown>[]
    expect(Array.isArray(tokens)).toBe(true)
    for (const token of tokens) expect(Object.keys(token)).toEqual(TOKEN_FIELDS)
    const swedbank = tokens.filter((token) => token.provider === 'swedbankpay')
    expect(swedbank.map((token) => token.token).sort()).toEqual(
      [SHOWCASE_TOKENS.kariVisaRecurrence, SHOWCASE_TOKENS.kariTrustlyUnscheduled, SHOWCASE_TOKENS.kariArchivedMasterCard].sort(),
    )
    expect(swedbank.find((token) => token.token === SHOWCASE_TOKENS.kariArchivedMasterCard)).toMatchObject({
      state: 'Archived',
      archiveReason: 'Card expired',
    })
  })

  it('without --archived only active tokens are listed', async () => {
    const result = await run(['tokens', '--customer', '100001', '--provider', 'swedbankpay', '--format', 'json'], t.env)
    expect(result.code).toBe(0)
    const tokens = JSON.parse(result.stdout) as PaymentToken[]
    expect(tokens.map((token) => token.state)).toEqual(['Active', 'Active'])
  })

  it('tokens --payer-reference asks Swedbank Pay only', async () => {
    const result = await run(['tokens', '--payer-reference', '100001', '--format', 'json'], t.env)
    expect(result.code).toBe(0)
    const tokens = JSON.parse(result.stdout) as PaymentToken[]
    expect(tokens.length).toBe(2)
    expect(new Set(tokens.map((token) => token.provider))).toEqual(new Set(['swedbankpay']))
    const paths = (await t.box.requests()).map((request) => request.path)
    expect(paths.length).toBeGreaterThan(0)
    expect(paths.every((path) => path.startsWith('/online/payers/'))).toBe(true)
  })

  it('--payer-reference with another provider is refused before any request', async () => {
    const result = await run(['tokens', '--payer-reference', '100001', '--provider', 'swedbankpay,klarna'], t.env)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--payer-reference')
    expect(await t.box.requests()).toEqual([])
  })
})

describe('archive', () => {
  it('archives one token; the sandbox then holds it Archived with the reason', async () => {
    const token = SHOWCASE_TOKENS.kariVisaRecurrence
    const args = ['archive', '--payer-reference', '100001', '--token', token, '--token-type', 'Recurrence', '--reason', 'Customer asked by phone']
    const result = await run(args, t.env)
    expect(result).toMatchObject({ code: 0, stderr: '' })
    const archived = JSON.parse(result.stdout) as PaymentToken
    expect(archived).toMatchObject({ provider: 'swedbankpay', token, state: 'Archived' })
    expect(Object.keys(archived)).toEqual(TOKEN_FIELDS)

    const payer = (await t.box.get('/payers/100001')) as { tokens: { token: string; state: string; archiveReason?: string }[] }
    expect(payer.tokens.find((candidate) => candidate.token === token)).toMatchObject({ state: 'Archived', archiveReason: 'Customer asked by phone' })
    expect(payer.tokens.find((candidate) => candidate.token === SHOWCASE_TOKENS.kariTrustlyUnscheduled)?.state).toBe('Active')
  })

  it('--all archives every active token of the payer', async () => {
    const result = await run(['archive', '--payer-reference', '100001', '--all', '--reason', 'Moved abroad'], t.env)
    expect(result.code).toBe(0)
    expect(Array.isArray(JSON.parse(result.stdout))).toBe(true)
    const payer = (await t.box.get('/payers/100001')) as { tokens: { state: string }[] }
    expect(payer.tokens.map((token) => token.state)).toEqual(['Archived', 'Archived', 'Archived'])
  })

  it('--token without --token-type, or --all with --token, is a usage error (2) before any request', async () => {
    const missingType = await run(['archive', '--payer-reference', '100001', '--token', SHOWCASE_TOKENS.kariVisaRecurrence, '--reason', 'x'], t.env)
    const both = await run(['archive', '--payer-reference', '100001', '--all', '--token', 'abc', '--reason', 'x'], t.env)
    expect([missingType.code, both.code]).toEqual([2, 2])
    expect(await t.box.requests()).toEqual([])
  })
})

describe('invalid input is refused with exit code 2 before any request', () => {
  it.each([
    ['a customer number with letters', ['tokens', '--customer', 'abc']],
    ['an invoice number over 10 characters', ['pay-invoice', '--invoice', '12345678901', '--product', 'AP001', '--company', 'AP', '--method', 'nexi', '--customer', '100001']],
    ['an unknown payment method', ['pay-invoice', '--invoice', '7435368', '--product', 'AP001', '--company', 'AP', '--method', 'cash', '--customer', '100001']],
    ['an unknown provider', ['tokens', '--customer', '100001', '--provider', 'paypal']],
    ['a query over 100 characters', ['customers', 'search', 'x'.repeat(101)]],
    ['a reason over 250 characters', ['archive', '--payer-reference', '100001', '--all', '--reason', 'r'.repeat(251)]],
    ['both --customer and --payer-reference', ['tokens', '--customer', '100001', '--payer-reference', '100001']],
    ['neither --customer nor --payer-reference', ['tokens']],
    ['an unknown format', ['customers', 'search', 'Kari', '--format', 'xml']],
    ['a bad --timeout', ['--timeout', 'soon', 'customers', 'search', 'Kari']],
    ['an unknown command', ['delete-everything']],
  ])('%s', async (_name, args) => {
    const result = await run(args, t.env)
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).not.toMatch(STACK_FRAME)
    expect(await t.box.requests()).toEqual([])
  })

  it('names the refused field', async () => {
    const result = await run(['tokens', '--customer', 'abc'], t.env)
    expect(result.stderr.trim()).toBe('error: VALIDATION: The request was refused: customerNumber: a customer number is 1 to 12 digits.')
  })
})

describe('configuration', () => {
  it('with no variables and no --sandbox: exit 2, saying what to set', async () => {
    const result = await run(['customers', 'search', 'Kari'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('CONNECT_API_URL')
    expect(result.stderr).toContain('--sandbox')
  })

  it('a partial set names the missing variable and sends nothing', async () => {
    const { CONNECT_CLIENT_SECRET: _secret, ...partial } = t.env
    const result = await run(['customers', 'search', 'Kari'], partial)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/CONNECT_CLIENT_SECRET is not set/)
    expect(await t.box.requests()).toEqual([])
  })

  it('Swedbank Pay alone is enough for a payer lookup; Connect is then not configured', async () => {
    const only = { SWEDBANKPAY_API_URL: t.env.SWEDBANKPAY_API_URL!, SWEDBANKPAY_TOKEN: t.env.SWEDBANKPAY_TOKEN! }
    const tokens = await run(['tokens', '--payer-reference', '100002', '--format', 'json'], only)
    expect(tokens.code).toBe(0)
    expect((JSON.parse(tokens.stdout) as PaymentToken[]).map((token) => token.token)).toEqual([SHOWCASE_TOKENS.olaMasterCardTransactionOnFile])
    const search = await run(['customers', 'search', 'Kari'], only)
    expect(search.code).toBe(1)
    expect(search.stderr).toMatch(/^error: connect: NOT_CONFIGURED: /)
  })
  it('PAYER_REFERENCE_TEMPLATE maps a customer to its payerReference; a bad one is refused before any request', async () => {
    const mapped = await run(['tokens', '--customer', '100001', '--provider', 'swedbankpay'], { ...t.env, PAYER_REFERENCE_TEMPLATE: 'NO-{customerNumber}' })
    expect(mapped.code).toBe(0)
    expect((await t.box.requests()).map((request) => request.path)).toContain('/online/payers/NO-100001')
    await t.box.reset()
    const bad = await run(['tokens', '--customer', '100001'], { ...t.env, PAYER_REFERENCE_TEMPLATE: 'NO-customer' })
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^error: VALIDATION: .*\{customerNumber\}/)
    expect(await t.box.requests()).toEqual([])
  })
})

describe('failures', () => {
  it('a failing provider: exit 1, one stderr line naming it, and the JSON document still on stdout', async () => {
    await t.box.fault({ route: 'GET /online/payers/:payerReference', status: 500 })
    const result = await run(['tokens', '--customer', '100001', '--provider', 'swedbankpay', '--format', 'json'], t.env)
    expect(result.code).toBe(1)
    expect(JSON.parse(result.stdout)).toEqual([])
    const lines = result.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^error: swedbankpay: PROVIDER_UNAVAILABLE, HTTP 500: Swedbank Pay .*\(HTTP 500\)/)
    expect(result.stderr).not.toMatch(STACK_FRAME)
  })

  it('a failing search: exit 1 with the provider, the status and the message', async () => {
    await t.box.fault({ route: 'GET /capi/v1/client/customer/search', status: 403 })
    const result = await run(['customers', 'search', 'Kari', '--format', 'json'], t.env)
    expect(result).toMatchObject({ code: 1, stdout: '' })
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^error: connect: FORBIDDEN, HTTP 403: Connect /)])
  })

  it('a write that fails on the provider side says "outcome unknown"', async () => {
    await t.box.fault({ route: 'PATCH /online/payers/tokens/:tokenId/archives', status: 502 })
    const args = ['archive', '--payer-reference', '100001', '--token', SHOWCASE_TOKENS.kariVisaRecurrence, '--token-type', 'Recurrence', '--reason', 'x']
    const result = await run(args, t.env)
    expect(result.code).toBe(1)
    // The archive is reconciled by reading the token again: the fault stopped it, so it is not archived.
    expect(result.stderr).toMatch(/^error: swedbankpay: OUTCOME_UNKNOWN \(outcome unknown\), HTTP 502: Swedbank Pay did not confirm the archive; .*not archived \(yet\)/)
    expect(result.stderr).not.toMatch(STACK_FRAME)
  })

  it('--timeout bounds a slow provider: TIMEOUT, exit 1', async () => {
    // Without the 200 ms timeout the delayed answer would arrive (after 5 s) and the search succeed.
    await t.box.fault({ route: 'GET /capi/v1/client/customer/search', delayMs: 5_000 })
    const result = await run(['--timeout', '200', 'customers', 'search', 'Kari'], t.env)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^error: connect: TIMEOUT: /)
  })
})

describe('csv', () => {
  it('neutralises formula cells from a provider and round-trips quotes, separators and newlines', async () => {
    const ingrid = t.sandbox.state.data.customers.find((customer) => customer.customerNumber === 100004)!
    ingrid.firstName = '=HYPERLINK("http://evil.example","x")'
    ingrid.middleName = '+1;2\n-3'
    ingrid.companyName = '@SUM(A1), "quoted"'
    const result = await run(['customers', 'search', 'Sæther', '--format', 'csv'], t.env)
    expect(result.code).toBe(0)
    const [header, row, ...rest] = parseCsv(result.stdout)
    expect(rest).toEqual([])
    expect(header).toEqual(Object.keys(Customer.shape))
    const cell = (name: string) => row![header!.indexOf(name)]
    expect(cell('customerNumber')).toBe('100004')
    expect(cell('firstName')).toBe(`'=HYPERLINK("http://evil.example","x")`)
    expect(cell('middleName')).toBe(`'+1;2\n-3`)
    expect(cell('lastName')).toBe('Sæther')
    expect(cell('companyName')).toBe(`'@SUM(A1), "quoted"`)
    expect(cell('phoneNumbers')).toBe(`'+4798765432`)
  })
})

describe('endpoints and help', () => {
  it('endpoints --format json lists both APIs, each path confirmed or assumed', async () => {
    const result = await run(['endpoints', '--format', 'json'])
    expect(result.code).toBe(0)
    const rows = JSON.parse(result.stdout) as { api: string; method: string; path: string; status: string }[]
    expect(rows.some((row) => row.api === 'connect' && row.path === '/v1/client/customer/search')).toBe(true)
    expect(rows.some((row) => row.api.startsWith('swedbankpay') && row.path === '/online/payers/{payerReference}')).toBe(true)
    expect(new Set(rows.map((row) => row.status))).toEqual(new Set(['confirmed', 'assumed']))
  })

  it('--help exits 0 and documents the variables and exit codes', async () => {
    const result = await run(['--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('SWEDBANKPAY_TOKEN')
    expect(result.stdout).toContain('Exit codes')
  })
})

describe('secrets', () => {
  it('--verbose logs to stderr only, redacted', async () => {
    const result = await run(['--verbose', 'tokens', '--customer', '100001', '--format', 'json'], t.env)
    expect(result.code).toBe(0)
    expect(() => JSON.parse(result.stdout)).not.toThrow()
    expect(result.stderr).toMatch(/INFO|WARN/)
  })

  it('no client secret, merchant token or access token appeared in any output of this file', () => {
    expect(runs.length).toBeGreaterThan(20)
    const secrets = sandboxSecrets(t.sandbox)
    expect(secrets.length).toBeGreaterThan(2)
    for (const { stdout, stderr } of runs) {
      for (const secret of secrets) {
        expect(stdout).not.toContain(secret)
        expect(stderr).not.toContain(secret)
      }
    }
  })
})
