/**
 * Products, invoices and invoice payment through real HTTP: the services, the sandbox's Connect and
 * its payment page, and the console's loopback return listener, all on 127.0.0.1.
 */
import { describe, expect, it } from 'vitest'
import { agentTokens } from '../sandbox/agent-client.ts'
import { ROUTES, TEST_AGENT, core, httpTimeout, useCoreOnSandbox } from './support/sandbox.ts'

const TIMEOUT_MS = 800

useCoreOnSandbox({ tweak: httpTimeout(TIMEOUT_MS) })

const pay = { customerNumber: '100001', invoiceNumber: '7435368', productCode: 'AP001', companyCode: '68979834', paymentMethod: 'creditcardPayex' } as const

/** Signs the demo agent in at the sandbox's ConnectID and lets the services act with that token. */
async function actAsSignedInAgent(): Promise<void> {
  core.actAs(TEST_AGENT, (await agentTokens(core.sandbox)).access_token)
}
const postsFor = async (invoiceNumber: string) =>
  ((await core.admin('GET', '/transactions')) as { postsPerInvoice: Record<string, number> }).postsPerInvoice[invoiceNumber] ?? 0

describe('products and invoices', () => {
  it('lists the products', async () => {
    const result = await core.call('products:list', {})
    if (!result.ok) throw new Error(result.error.message)
    expect(result.data).toContainEqual({ productCode: 'AP001', productName: 'Aftenposten Digital', companyCode: '68979834' })
    expect(result.data.length).toBeGreaterThanOrEqual(4)
  })

  it('lists the invoices of 100001 for AP001 with dates, number amounts and status', async () => {
    const result = await core.call('invoices:list', { customerNumber: '100001', productCode: 'AP001' })
    if (!result.ok) throw new Error(result.error.message)
    expect(result.data.cachedAt).toBeNull()
    expect(result.data.invoices.map((invoice) => [invoice.invoiceNumber, invoice.status])).toEqual([
      ['7435367', 'paid'],
      ['7435368', 'unpaid'],
    ])
    const seeded = core.sandbox.state.data.invoices.find((invoice) => invoice.invoiceNumber === '7435368')!
    expect(result.data.invoices[1]).toEqual({
      invoiceNumber: '7435368',
      invoiceId: expect.any(String),
      customerNumber: '100001',
      productCode: 'AP001',
      productName: 'Aftenposten Digital',
      companyCode: '68979834',
      invoiceDate: seeded.invoiceDate,
      dueDate: seeded.dueDate,
      amount: seeded.amount,
      paidAmount: 0,
      status: 'unpaid',
    })
    const seen = (await core.requests()).find((request) => request.path.startsWith('/capi/v1/client/customer/invoice/'))
    expect(seen?.path).toBe('/capi/v1/client/customer/invoice/payment/100001/AP001')
  })

  it('passes from and to', async () => {
    const none = await core.call('invoices:list', { customerNumber: '100001', productCode: 'AP001', from: '2030-01-01' })
    expect(none).toEqual({ ok: true, data: { invoices: [], cachedAt: null } })
    const seen = (await core.requests()).find((request) => request.path.startsWith('/capi/v1/client/customer/invoice/'))
    expect(seen?.query).toEqual({ from: '2030-01-01' })
  })
})

describe('paying an invoice', () => {
  it('pay → the documented link → the payment page → the loopback returnUrl → finished, and the invoice is paid', async () => {
    await actAsSignedInAgent()
    const started = await core.call('invoices:pay', pay)
    if (!started.ok) throw new Error(started.error.message)
    const link = new URL(started.data.paymentUrl)
    expect(`${link.origin}${link.pathname}`).toBe(`${core.sandbox.connectIdUrl}/payment/invoice/pay`)
    expect(link.searchParams.get('clientId')).toBe(core.sandbox.credentials.clientId)
    expect(link.searchParams.get('transactionId')).toBe(started.data.transactionId)
    const returnUrl = link.searchParams.get('returnUrl')!
    expect(returnUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/payment/return/${started.data.transactionId}$`))
    expect(link.searchParams.get('errorUrl')).toBe(returnUrl.replace('/return/', '/error/'))
    expect(await postsFor('7435368')).toBe(1)

    expect(await core.call('invoices:openPaymentLink', { transactionId: started.data.transactionId })).toEqual({ ok: true, data: { opened: true } })
    expect(core.opened).toEqual([started.data.paymentUrl])
    expect(await core.call('invoices:paymentResult', { transactionId: started.data.transactionId })).toEqual({
      ok: true,
      data: { transactionId: started.data.transactionId, status: 'pending', receivedAt: null },
    })

    // The customer's browser: open the page, press "Pay", follow the 302 to the loopback returnUrl.
    const page = await fetch(started.data.paymentUrl)
    expect(page.status).toBe(200)
    const form = new URLSearchParams([...link.searchParams.entries(), ['result', 'finished']])
    const submitted = await fetch(`${link.origin}${link.pathname}`, { method: 'POST', body: form, redirect: 'manual' })
    expect(submitted.status).toBe(302)
    const location = submitted.headers.get('location')!
    expect(location.startsWith(`${returnUrl}?`)).toBe(true)
    const waiting = core.call('invoices:paymentResult', { transactionId: started.data.transactionId, waitMs: 10_000 })
    const landed = await fetch(location)
    expect(await landed.text()).toContain('You can close this tab')

    const result = await waiting
    expect(result).toMatchObject({ ok: true, data: { transactionId: started.data.transactionId, status: 'finished' } })
    const invoices = await core.call('invoices:list', { customerNumber: '100001', productCode: 'AP001' })
    expect(invoices.ok && invoices.data.invoices.find((invoice) => invoice.invoiceNumber === '7435368')?.status).toBe('paid')
    expect(core.sink.text()).not.toContain(core.sandbox.credentials.clientSecret)
  })

  it("the POST carries the agent's token when there is one, else the client token (both accepted by the sandbox)", async () => {
    const transactions = async () =>
      ((await core.admin('GET', '/transactions')) as { transactions: { invoiceNumber: string; agent: string | null }[] }).transactions
    const withClientToken = await core.call('invoices:pay', pay)
    expect(withClientToken.ok).toBe(true)
    expect((await transactions()).map((transaction) => transaction.agent)).toEqual([null])
    const post = (await core.requests()).find((request) => request.method === 'POST' && request.path === '/capi/v1/api/payment/invoice')
    expect(post?.query).toEqual({ customerNumber: '100001' })
    expect(post?.headers['content-type']).toBe('application/json')

    await core.reset()
    await actAsSignedInAgent()
    expect((await core.call('invoices:pay', pay)).ok).toBe(true)
    expect((await transactions()).map((transaction) => transaction.agent)).toEqual(['silje'])
  })

  it("another customer's invoice is refused by Connect (PROVIDER_ERROR) and nothing is started", async () => {
    const result = await core.call('invoices:pay', { ...pay, customerNumber: '100002' })
    expect(result).toMatchObject({ ok: false, error: { code: 'PROVIDER_ERROR', httpStatus: 400 } })
  })

  for (const fault of [{ status: 503 }, { delayMs: TIMEOUT_MS * 3 }]) {
    it(`a ${fault.status ?? 'timeout'} on the POST is OUTCOME_UNKNOWN and the sandbox saw exactly one POST`, async () => {
      await actAsSignedInAgent()
      await core.fault({ route: ROUTES.payInvoice, ...fault, times: 1 })
      const result = await core.call('invoices:pay', pay)
      expect(result).toMatchObject({ ok: false, error: { code: 'OUTCOME_UNKNOWN', provider: 'connect' } })
      if (!result.ok) expect(result.error.message).toContain("The payment may or may not have been registered. Check the invoice's status before trying again.")
      expect(await postsFor('7435368')).toBe(1)
    })
  }

  it('an 11-character invoiceNumber is VALIDATION and nothing is sent', async () => {
    await actAsSignedInAgent()
    await core.admin('DELETE', '/requests')
    const result = await core.call('invoices:pay', { ...pay, invoiceNumber: '12345678901' })
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await core.requests()).toEqual([])
    expect(await postsFor('12345678901')).toBe(0)
  })

  it('a transaction this console did not start is NOT_FOUND', async () => {
    expect(await core.call('invoices:paymentResult', { transactionId: '999' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await core.call('invoices:openPaymentLink', { transactionId: '999' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(core.opened).toEqual([])
  })
})

describe('secrets', () => {
  it('no client secret, merchant token or access token in any result or log line of this file', () => {
    const everything = `${JSON.stringify(core.results)}\n${core.sink.text()}`
    expect(core.results.length).toBeGreaterThan(10)
    for (const secret of core.secrets()) expect(everything).not.toContain(secret)
  })
})
