/**
 * The token writes beyond archive, the Connect providers, invoices and payment, through the CLI as a
 * child process against a sandbox this test starts; each write is checked in the sandbox's state.
 */
import { describe, expect, it } from 'vitest'
import type { Invoice, PaymentToken } from '../../../src/shared/domain.ts'
import { SHOWCASE_TOKENS } from '../../../src/sandbox/index.ts'
import { STACK_FRAME, createCliRunner, sandboxSecrets, useSandbox } from './support.ts'

const { run, runs } = createCliRunner()
const t = useSandbox()

interface RawCustomerTokens {
  swedbankpay: { token: string; state: string; displayName: string; deleteComment?: string }[]
  klarna: { token: string; state: string }[]
}
const customerTokens = async (customerNumber: string) => (await t.box.get(`/customers/${customerNumber}/tokens`)) as RawCustomerTokens

describe('tokens at every provider', () => {
  it('lists the tokens of all five providers for a customer', async () => {
    const result = await run(['tokens', '--customer', '100001', '--format', 'json'], t.env)
    expect(result).toMatchObject({ code: 0, stderr: '' })
    const tokens = JSON.parse(result.stdout) as PaymentToken[]
    expect(new Set(tokens.map((token) => token.provider))).toEqual(new Set(['swedbankpay', 'payex', 'klarna', 'vipps', 'nexi']))
  })

  it('--provider limits the providers asked', async () => {
    const result = await run(['tokens', '--customer', '100001', '--provider', 'klarna,vipps', '--format', 'json'], t.env)
    expect(result.code).toBe(0)
    expect((JSON.parse(result.stdout) as PaymentToken[]).map((token) => token.provider).sort()).toEqual(['klarna', 'vipps'])
    const paths = (await t.box.requests()).map((request) => request.path)
    expect(paths.some((path) => path.includes('/online/'))).toBe(false)
    expect(paths.some((path) => path.includes('/payex/'))).toBe(false)
  })

  it('one failing provider: exit 1, one stderr line for it, the others still printed', async () => {
    await t.box.fault({ route: 'GET /capi/v1/customer/payment/klarna/token', status: 500 })
    const result = await run(['tokens', '--customer', '100001', '--format', 'json'], t.env)
    expect(result.code).toBe(1)
    const providers = new Set((JSON.parse(result.stdout) as PaymentToken[]).map((token) => token.provider))
    expect(providers).toEqual(new Set(['swedbankpay', 'payex', 'vipps', 'nexi']))
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^error: klarna: PROVIDER_UNAVAILABLE, HTTP 500: /)])
    expect(result.stderr).not.toMatch(STACK_FRAME)
  })
})

describe('writes', () => {
  it('rename sets the display name at Swedbank Pay', async () => {
    const token = SHOWCASE_TOKENS.kariVisaRecurrence
    const result = await run(['rename', '--token', token, '--token-type', 'Recurrence', '--name', 'Work card'], t.env)
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ token, displayName: 'Work card' })
    expect((await customerTokens('100001')).swedbankpay.find((entry) => entry.token === token)?.displayName).toBe('Work card')
  })

  it('remove takes a Klarna token away', async () => {
    const token = '0b1d9815-165e-42e2-8867-35bc03789e00'
    const result = await run(['remove', '--provider', 'klarna', '--customer', '100001', '--token', token], t.env)
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({ provider: 'klarna', token, removed: true })
    expect((await customerTokens('100001')).klarna.find((entry) => entry.token === token)?.state).toBe('Removed')
  })

  it('remove refuses swedbankpay (archive it instead) before any request', async () => {
    const result = await run(['remove', '--provider', 'swedbankpay', '--customer', '100001', '--token', 'x'], t.env)
    expect(result.code).toBe(2)
    expect(await t.box.requests()).toEqual([])
  })

  it('legacy-delete --kind --token deletes one token through the old API, with the comment', async () => {
    const token = SHOWCASE_TOKENS.kariVisaRecurrence
    const result = await run(['legacy-delete', '--kind', 'recurrence', '--token', token, '--comment', 'Customer asked'], t.env)
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ kind: 'recurrence', deleted: true })
    expect((await customerTokens('100001')).swedbankpay.find((entry) => entry.token === token)).toMatchObject({
      state: 'Deleted',
      deleteComment: 'Customer asked',
    })
  })

  it('legacy-delete --payer-reference deletes the payer-owned tokens (kind payerOwned)', async () => {
    const result = await run(['legacy-delete', '--payer-reference', '100002', '--comment', 'Customer asked'], t.env)
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toMatchObject({ kind: 'payerOwned', deleted: true })
    expect((await customerTokens('100002')).swedbankpay.map((entry) => entry.state)).toEqual(['Deleted'])
  })

  it('legacy-delete with both forms, or neither, is a usage error before any request', async () => {
    const both = await run(['legacy-delete', '--kind', 'payment', '--token', 'x', '--payer-reference', '1', '--comment', 'c'], t.env)
    const neither = await run(['legacy-delete', '--comment', 'c'], t.env)
    expect([both.code, neither.code]).toEqual([2, 2])
    expect(await t.box.requests()).toEqual([])
  })
})

describe('invoices and payment', () => {
  it("invoices --format json lists the customer's invoices for the product", async () => {
    const result = await run(['invoices', '--customer', '100001', '--product', 'AP001', '--format', 'json'], t.env)
    expect(result.code).toBe(0)
    const invoices = JSON.parse(result.stdout) as Invoice[]
    expect(invoices.map((invoice) => [invoice.invoiceNumber, invoice.status])).toEqual([
      ['7435367', 'paid'],
      ['7435368', 'unpaid'],
    ])
  })

  it('invoices --from with a bad date is refused before any request', async () => {
    const result = await run(['invoices', '--customer', '100001', '--product', 'AP001', '--from', '1.6.2026'], t.env)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('YYYY-MM-DD')
    expect(await t.box.requests()).toEqual([])
  })

  it('pay-invoice starts the payment once and prints {transactionId, paymentUrl}', async () => {
    const args = ['pay-invoice', '--invoice', '7435368', '--product', 'AP001', '--company', '68979834', '--method', 'creditcardPayex', '--customer', '100001']
    const result = await run(args, t.env)
    expect(result).toMatchObject({ code: 0, stderr: '' })
    const started = JSON.parse(result.stdout) as { transactionId: string; paymentUrl: string }
    expect(Object.keys(started)).toEqual(['transactionId', 'paymentUrl'])
    expect(started.paymentUrl.startsWith(`${t.sandbox.connectIdUrl}/payment/invoice/pay?`)).toBe(true)
    expect(new URL(started.paymentUrl).searchParams.get('transactionId')).toBe(started.transactionId)
    const { transactions } = (await t.box.get('/transactions')) as { transactions: { transactionId: number; invoiceNumber: string; customerNumber: number }[] }
    expect(transactions).toEqual([expect.objectContaining({ transactionId: Number(started.transactionId), invoiceNumber: '7435368', customerNumber: 100001 })])
    const posts = (await t.box.requests()).filter((request) => request.method === 'POST' && request.path.endsWith('/payment/invoice'))
    expect(posts).toHaveLength(1)
  })

  it("pay-invoice for another customer's invoice is refused by Connect: exit 1, nothing started", async () => {
    const args = ['pay-invoice', '--invoice', '7435368', '--product', 'AP001', '--company', '68979834', '--method', 'nexi', '--customer', '100002']
    const result = await run(args, t.env)
    expect(result).toMatchObject({ code: 1, stdout: '' })
    expect(result.stderr).toMatch(/^error: connect: [A-Z_]+, HTTP 4\d\d: /)
    expect(((await t.box.get('/transactions')) as { transactions: unknown[] }).transactions).toEqual([])
  })

  it('pay-invoice whose outcome is unclear says "outcome unknown" and is not resent', async () => {
    await t.box.fault({ route: 'POST /capi/v1/api/payment/invoice', status: 503 })
    const args = ['pay-invoice', '--invoice', '7435368', '--product', 'AP001', '--company', '68979834', '--method', 'nexi', '--customer', '100001']
    const result = await run(args, t.env)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^error: connect: OUTCOME_UNKNOWN \(outcome unknown\), HTTP 503: /)
    const posts = (await t.box.requests()).filter((request) => request.method === 'POST' && request.path.endsWith('/payment/invoice'))
    expect(posts).toHaveLength(1)
  })

  it('pay-invoice works without --customer, exactly as in the public interface (no customer scope sent)', async () => {
    const result = await run(['pay-invoice', '--invoice', '7435368', '--product', 'AP001', '--company', '68979834', '--method', 'nexi'], t.env)
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(JSON.parse(result.stdout)).toEqual({ transactionId: expect.any(String), paymentUrl: expect.stringContaining('/payment/invoice/pay?') })
    const posts = (await t.box.requests()).filter((request) => request.method === 'POST' && request.path.endsWith('/payment/invoice'))
    expect(posts.length).toBeGreaterThan(0)
    expect(Object.keys((posts.at(-1) as unknown as { query: Record<string, string> }).query)).not.toContain('customerNumber')
  })
})

it('no secret appeared in any output of this file', () => {
  expect(runs.length).toBeGreaterThan(10)
  for (const { stdout, stderr } of runs) {
    for (const secret of sandboxSecrets(t.sandbox)) expect(stdout + stderr).not.toContain(secret)
  }
})
