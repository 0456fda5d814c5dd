import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox } from '../../../src/sandbox/index.ts'
import type { SandboxHandle } from '../../../src/sandbox/index.ts'
import { agentTokens, postForm } from './agent-client.ts'
import { clientToken, sandboxPost } from './sandbox-client.ts'

let sandbox: SandboxHandle
let clientBearer: string
let agentBearer: string

beforeAll(async () => {
  sandbox = await startSandbox()
  clientBearer = await clientToken(sandbox)
  agentBearer = (await agentTokens(sandbox, 'silje')).access_token
})
afterAll(() => sandbox.close())
beforeEach(async () => {
  await sandboxPost(sandbox, '/__sandbox/reset')
})

const KARI_UNPAID = { invoiceNumber: '7435368', productCode: 'AP001', companyCode: '68979834', paymentMethod: 'creditcardPayex' }
const RETURN_URL = 'http://127.0.0.1:53124/payment/return'
const ERROR_URL = 'http://127.0.0.1:53124/payment/error'

function pay(body: unknown, bearer = agentBearer, query = ''): Promise<Response> {
  return fetch(`${sandbox.connectApiUrl}/v1/api/payment/invoice${query}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/json', 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

async function startPayment(): Promise<number> {
  const response = await pay(KARI_UNPAID)
  expect(response.status).toBe(200)
  const body = (await response.json()) as { success: boolean; transactionId: number }
  expect(body).toEqual({ success: true, transactionId: expect.any(Number) })
  expect(Number.isInteger(body.transactionId)).toBe(true)
  return body.transactionId
}

const pageParams = (transactionId: number, overrides: Record<string, string> = {}) => ({
  clientId: 'sandbox-console',
  returnUrl: RETURN_URL,
  errorUrl: ERROR_URL,
  transactionId: String(transactionId),
  ...overrides,
})
const paymentPage = (params: Record<string, string>) => fetch(`${sandbox.connectIdUrl}/payment/invoice/pay?${new URLSearchParams(params)}`, { redirect: 'manual' })
const submit = (params: Record<string, string>, result: string) => postForm(`${sandbox.connectIdUrl}/payment/invoice/pay`, { ...params, result })

async function kariInvoiceStatus(): Promise<string | undefined> {
  const response = await fetch(`${sandbox.connectApiUrl}/v1/client/customer/invoice/payment/100001/AP001`, {
    headers: { Authorization: `Bearer ${clientBearer}`, Accept: 'application/json' },
  })
  const { clientInvoiceInfoList } = (await response.json()) as { clientInvoiceInfoList: { invoiceNumber: string; paymentStatus: string }[] }
  return clientInvoiceInfoList.find((invoice) => invoice.invoiceNumber === '7435368')?.paymentStatus
}

async function transactions() {
  return (await (await fetch(`${sandbox.url}/__sandbox/transactions`)).json()) as {
    transactions: { transactionId: number; status: string; agent: string; invoiceNumber: string }[]
    postsPerInvoice: Record<string, number>
  }
}

describe('Pay invoice (user mode)', () => {
  it('starts a transaction for a signed-in agent and records it as initiated', async () => {
    const transactionId = await startPayment()
    const { transactions: all, postsPerInvoice } = await transactions()
    expect(all).toEqual([expect.objectContaining({ transactionId, status: 'initiated', agent: 'silje', invoiceNumber: '7435368', customerNumber: 100001, amount: 299 })])
    expect(postsPerInvoice).toEqual({ '7435368': 1 })
    expect(await startPayment()).toBe(transactionId + 1)
  })

  it('accepts a client-credentials token too (our assumption), recording no agent', async () => {
    const response = await pay(KARI_UNPAID, clientBearer)
    expect(response.status).toBe(200)
    const { transactionId } = (await response.json()) as { transactionId: number }
    const { transactions: all } = await transactions()
    expect(all).toEqual([expect.objectContaining({ transactionId, agent: null, invoiceNumber: KARI_UNPAID.invoiceNumber })])
  })

  it('refuses every documented violation, an unknown or paid invoice, with 400 InvalidParameter', async () => {
    const bad: unknown[] = [
      { ...KARI_UNPAID, invoiceNumber: '12345678901' },
      { ...KARI_UNPAID, invoiceNumber: 7435368 },
      { ...KARI_UNPAID, productCode: 'X'.repeat(13) },
      { ...KARI_UNPAID, companyCode: '' },
      { ...KARI_UNPAID, paymentMethod: 'cash' },
      { ...KARI_UNPAID, paymentMethod: undefined },
      { ...KARI_UNPAID, invoiceNumber: '999' },
      { ...KARI_UNPAID, productCode: 'BT001' },
      { ...KARI_UNPAID, companyCode: '68979835' },
      { ...KARI_UNPAID, invoiceNumber: '7435367' },
      '{"invoiceNumber":',
    ]
    for (const body of bad) {
      const response = await pay(body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      expect(await response.json()).toEqual({ exceptionType: 'InvalidParameter', errorMessage: expect.any(String) })
    }
    expect((await pay(KARI_UNPAID, agentBearer, '?customerNumber=100002')).status).toBe(400)
    expect((await transactions()).transactions).toEqual([])
  })

  it('accepts every documented payment method', async () => {
    for (const paymentMethod of ['creditcardPayex', 'swishPayex', 'vippsEcommerce', 'nexi']) {
      expect((await pay({ ...KARI_UNPAID, paymentMethod })).status).toBe(200)
    }
  })

  it('counts every POST per invoice, even ones an injected fault answered', async () => {
    sandbox.state.faults.set('POST /capi/v1/api/payment/invoice', { status: 500, times: 1 })
    expect((await pay(KARI_UNPAID)).status).toBe(500)
    await startPayment()
    await pay({ ...KARI_UNPAID, invoiceNumber: '7435401' }, clientBearer)
    const { transactions: all, postsPerInvoice } = await transactions()
    expect(postsPerInvoice).toEqual({ '7435368': 2, '7435401': 1 })
    expect(all).toHaveLength(1)
  })
})

describe('payment page on the login server', () => {
  it('shows the invoice, its amount, and one labelled button per result plus System error', async () => {
    const transactionId = await startPayment()
    const response = await paymentPage(pageParams(transactionId))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await response.text()
    expect(html).toContain('<h1>Pay invoice 7435368</h1>')
    expect(html).toContain('<dd>299,00 NOK</dd>')
    expect(html).toContain('<dd>Aftenposten Digital (AP001)</dd>')
    for (const result of ['finished', 'cancelled', 'failed', 'unknown', 'initiated', 'error']) {
      expect(html).toMatch(new RegExp(`<button type="submit" name="result" value="${result}" data-testid="pay-${result}"[^>]*>[^<]+</button>`))
    }
    expect(html).toContain(`<input type="hidden" name="transactionId" value="${transactionId}">`)
  })

  it('finished: redirects to returnUrl with result and transactionId, and the invoice list shows it paid', async () => {
    const transactionId = await startPayment()
    expect(await kariInvoiceStatus()).toBe('0')
    const response = await submit(pageParams(transactionId), 'finished')
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('location') ?? '')
    expect(`${location.origin}${location.pathname}`).toBe(RETURN_URL)
    expect([...location.searchParams]).toEqual([['result', 'finished'], ['transactionId', String(transactionId)]])
    expect(await kariInvoiceStatus()).toBe('1')
    expect((await transactions()).transactions[0]?.status).toBe('finished')
    // The transaction keeps its result: the page refuses it now, and the invoice cannot be paid again.
    expect((await paymentPage(pageParams(transactionId))).status).toBe(400)
    expect((await submit(pageParams(transactionId), 'cancelled')).status).toBe(400)
    expect((await transactions()).transactions[0]?.status).toBe('finished')
    expect((await pay(KARI_UNPAID)).status).toBe(400)
  })

  it('cancelled, failed and unknown are final and leave the invoice unpaid; initiated leaves it open', async () => {
    for (const result of ['cancelled', 'failed', 'unknown']) {
      const transactionId = await startPayment()
      const response = await submit(pageParams(transactionId), result)
      expect(new URL(response.headers.get('location') ?? '').searchParams.get('result')).toBe(result)
      expect((await paymentPage(pageParams(transactionId))).status).toBe(400)
    }
    const open = await startPayment()
    expect(new URL((await submit(pageParams(open), 'initiated')).headers.get('location') ?? '').searchParams.get('result')).toBe('initiated')
    expect((await paymentPage(pageParams(open))).status).toBe(200)
    expect(await kariInvoiceStatus()).toBe('0')
  })

  it('System error: redirects to errorUrl and records the error', async () => {
    const transactionId = await startPayment()
    const response = await submit(pageParams(transactionId), 'error')
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`${ERROR_URL}?transactionId=${transactionId}`)
    expect((await transactions()).transactions[0]?.status).toBe('error')
    expect(await kariInvoiceStatus()).toBe('0')
  })

  it('accepts https and [::1] targets, and refuses other URLs, unknown clients and transactions with a 400 page', async () => {
    const transactionId = await startPayment()
    expect((await paymentPage(pageParams(transactionId, { returnUrl: 'https://console.example/return', errorUrl: 'http://[::1]:9/e' }))).status).toBe(200)
    const refused: Record<string, string>[] = [
      { returnUrl: 'http://evil.example/return' },
      { errorUrl: 'http://localhost:53124/e' },
      { returnUrl: 'javascript:alert(1)' },
      { clientId: 'someone-else' },
      { transactionId: '1' },
      { transactionId: 'abc' },
    ]
    for (const overrides of refused) {
      const response = await paymentPage(pageParams(transactionId, overrides))
      expect(response.status, JSON.stringify(overrides)).toBe(400)
      expect(response.headers.get('location')).toBeNull()
      expect(await response.text()).toContain('data-testid="error-message"')
      expect((await submit(pageParams(transactionId, overrides), 'finished')).status).toBe(400)
    }
    expect((await submit(pageParams(transactionId), 'paid')).status).toBe(400)
    expect(await kariInvoiceStatus()).toBe('0')
  })

  it('reset clears transactions and POST counts, and never reuses a transaction id', async () => {
    const first = await startPayment()
    await sandboxPost(sandbox, '/__sandbox/reset')
    expect(await transactions()).toEqual({ transactions: [], postsPerInvoice: {} })
    expect(await startPayment()).toBeGreaterThan(first)
  })
})
