/** Every fault kind of the sandbox over real HTTP: what the client receives, and that the sandbox stays up. */
import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import { MALFORMED_JSON } from '../../../src/sandbox/fault-replies.ts'
import { SHOWCASE_TOKENS, startSandbox } from '../../../src/sandbox/index.ts'
import { payer, sandbox, sandboxPost, token, useSandbox } from './sandbox-client.ts'

useSandbox({ token: true, reset: true })

const PAYER_LIST = 'GET /online/payers/:payerReference'
const CUSTOMER_INFO = 'GET /capi/v1/client/customer/:customerNumber'
const ARCHIVE = 'PATCH /online/payers/tokens/:tokenId/archives'

const setFault = (spec: Record<string, unknown>) => sandboxPost(sandbox, '/__sandbox/faults', spec)
async function fault(spec: Record<string, unknown>): Promise<void> {
  const response = await setFault(spec)
  if (response.status !== 201) throw new Error(`fault refused: ${await response.text()}`)
}
const customer = () =>
  fetch(`${sandbox.connectApiUrl}/v1/client/customer/100001`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } })
const payerList = () => payer(sandbox, 'GET', '/online/payers/100001')

/** A raw request that resolves with the answer or the socket error's code (node:http: no retry, no pooling). */
function attempt(url: string, options: { method?: string; timeoutMs?: number } = {}): Promise<{ status: number } | { error: string }> {
  return new Promise((resolve) => {
    const req = request(url, { method: options.method ?? 'GET', agent: false, headers: { Authorization: `Bearer ${sandbox.credentials.merchantToken}` } }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }))
    })
    if (options.timeoutMs !== undefined) req.setTimeout(options.timeoutMs, () => req.destroy(Object.assign(new Error('gave up'), { code: 'GAVE_UP' })))
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }))
    req.end()
  })
}
const kariToken = () => sandbox.state.data.payerTokens.find((t) => t.token === SHOWCASE_TOKENS.kariVisaRecurrence)

describe('429 in each header form', () => {
  it('Retry-After in seconds', async () => {
    await fault({ route: PAYER_LIST, status: 429, retryAfter: { seconds: 7 } })
    const response = await payerList()
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('7')
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })

  it('Retry-After as an HTTP date, never earlier than asked', async () => {
    await fault({ route: PAYER_LIST, status: 429, retryAfter: { seconds: 5, form: 'http-date' } })
    const before = Date.now()
    const response = await payerList()
    const header = response.headers.get('retry-after') ?? ''
    expect(header).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/)
    const waitMs = Date.parse(header) - before
    expect(waitMs).toBeGreaterThanOrEqual(5_000)
    expect(waitMs).toBeLessThanOrEqual(6_500)
  })

  it("Connect's X-RateLimit-Remaining/Reset, the fault's values winning over the limiter's", async () => {
    await fault({ route: CUSTOMER_INFO, status: 429, retryAfter: { seconds: 3, form: 'x-ratelimit' }, times: 1 })
    const response = await customer()
    expect(response.status).toBe(429)
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(response.headers.get('x-ratelimit-reset')).toBe('3')
    expect(response.headers.get('retry-after')).toBeNull()
    expect(await response.json()).toMatchObject({ exceptionType: 'RateLimitExceeded' })
    // Without a fault, the limiter's own countdown is back (the minute window: up to 60 s).
    expect(Number((await customer()).headers.get('x-ratelimit-reset'))).toBeGreaterThan(3)
  })
})

describe('server errors', () => {
  it.each([500, 502, 503])('%i in the family\'s error format', async (status) => {
    await fault({ route: CUSTOMER_INFO, status, times: 1 })
    const response = await customer()
    expect(response.status).toBe(status)
    expect(response.headers.get('retry-after')).toBeNull()
    expect(await response.json()).toMatchObject({ errorMessage: 'Fault injected by the sandbox' })
    expect((await customer()).status).toBe(200)
  })

  it('503 with Retry-After', async () => {
    await fault({ route: PAYER_LIST, status: 503, retryAfter: { seconds: 2 } })
    const response = await payerList()
    expect([response.status, response.headers.get('retry-after')]).toEqual([503, '2'])
  })
})

describe('no answer at all', () => {
  it('hang: accepts the request, never answers, and keeps serving other requests', async () => {
    await fault({ route: PAYER_LIST, hang: true, times: 1 })
    const started = Date.now()
    expect(await attempt(`${sandbox.url}/online/payers/100001`, { timeoutMs: 150 })).toEqual({ error: 'GAVE_UP' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(sandbox.state.requests.at(-1)).toMatchObject({ method: 'GET', path: '/online/payers/100001' })
    expect((await payerList()).status).toBe(200)
  })

  it('hang: the connection closes when the sandbox closes', async () => {
    const other = await startSandbox({ seed: 3 })
    other.state.faults.set(PAYER_LIST, { hang: true })
    const pending = attempt(`${other.url}/online/payers/100001`)
    await new Promise((resolve) => setTimeout(resolve, 50))
    const started = Date.now()
    await other.close()
    expect(Date.now() - started).toBeLessThan(1000)
    expect(await pending).toEqual({ error: 'ECONNRESET' })
  })

  it('reset: drops the connection without an answer and without running the route', async () => {
    await fault({ route: ARCHIVE, reset: true, times: 1 })
    const path = `/online/payers/tokens/${SHOWCASE_TOKENS.kariVisaRecurrence}-Recurrence/archives`
    expect(await attempt(`${sandbox.url}${path}`, { method: 'PATCH' })).toEqual({ error: 'ECONNRESET' })
    expect(kariToken()?.state).toBe('Active')
    expect(sandbox.state.faults.size).toBe(0)
  })

  it('reset after a delay', async () => {
    await fault({ route: PAYER_LIST, reset: true, delayMs: 100, times: 1 })
    const started = Date.now()
    expect(await attempt(`${sandbox.url}/online/payers/100001`)).toEqual({ error: 'ECONNRESET' })
    expect(Date.now() - started).toBeGreaterThanOrEqual(90)
  })
})

describe('canned answers', () => {
  it('malformed JSON, 200 by default, with the API family\'s headers', async () => {
    await fault({ route: CUSTOMER_INFO, answer: 'malformed-json' })
    const response = await customer()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(response.headers.get('x-mediaconnect-api-version')).toBeTruthy()
    const text = await response.text()
    expect(text).toBe(MALFORMED_JSON)
    expect(() => JSON.parse(text)).toThrow()
  })

  it('an XML document as application/xml', async () => {
    await fault({ route: PAYER_LIST, answer: 'xml' })
    const response = await payerList()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/)
    expect(await response.text()).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?><error><exceptionType>SandboxFault<\/exceptionType>/)
  })

  it('an empty body: 200 and no bytes', async () => {
    await fault({ route: PAYER_LIST, answer: 'empty' })
    const response = await payerList()
    expect([response.status, response.headers.get('content-length'), await response.text()]).toEqual([200, '0', ''])
  })

  it('problem+json on any route: generic by status, the documented token-inactive problem for 422', async () => {
    await fault({ route: CUSTOMER_INFO, answer: 'problem', times: 1 })
    const generic = await customer()
    expect(generic.status).toBe(400)
    expect(generic.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(await generic.json()).toMatchObject({ type: 'https://api.payex.com/psp/errordetail/inputerror', title: 'Error in input data', status: 400 })

    await fault({ route: PAYER_LIST, answer: 'problem', status: 422 })
    const inactive = await payerList()
    expect(await inactive.json()).toMatchObject({
      type: 'https://api.payex.com/psp/errordetail/paymentorders/paymenttokeninactive',
      title: 'Payment token is inactive',
      status: 422,
      problems: [{ name: 'paymentToken' }],
    })
    expect(inactive.status).toBe(422)
  })

  it('a given contentType overrides the answer\'s', async () => {
    await fault({ route: PAYER_LIST, answer: 'xml', contentType: 'text/xml' })
    expect((await payerList()).headers.get('content-type')).toBe('text/xml')
  })
})

describe('the spec', () => {
  it('lists new faults with their defaults filled in', async () => {
    await fault({ route: PAYER_LIST, answer: 'empty', retryAfter: { seconds: 1 }, times: 2 })
    await fault({ route: ARCHIVE, hang: true })
    const listed = (await (await fetch(`${sandbox.url}/__sandbox/faults`)).json()) as { faults: unknown[] }
    expect(listed.faults).toEqual([
      { route: PAYER_LIST, status: 200, answer: 'empty', retryAfter: { seconds: 1, form: 'seconds' }, times: 2 },
      { route: ARCHIVE, hang: true },
    ])
  })

  it.each([
    ['an unknown field', { status: 500, hange: true }],
    ['hang that is not true', { hang: 'yes' }],
    ['hang with a status', { hang: true, status: 503 }],
    ['hang with a delay', { hang: true, delayMs: 10 }],
    ['reset with an answer', { reset: true, answer: 'xml' }],
    ['hang and reset', { hang: true, reset: true }],
    ['an unknown answer', { answer: 'html' }],
    ['a body and an answer', { answer: 'xml', body: '<x/>' }],
    ['retryAfter without a status', { delayMs: 5, retryAfter: { seconds: 1 } }],
    ['retryAfter without seconds', { status: 429, retryAfter: { form: 'seconds' } }],
    ['negative seconds', { status: 429, retryAfter: { seconds: -1 } }],
    ['an unknown form', { status: 429, retryAfter: { seconds: 1, form: 'minutes' } }],
    ['an unknown retryAfter field', { status: 429, retryAfter: { seconds: 1, when: 'now' } }],
    ['retryAfter that is not an object', { status: 429, retryAfter: 5 }],
    ['nothing to do', { times: 3 }],
  ])('refuses %s', async (_name, spec) => {
    const response = await setFault({ route: PAYER_LIST, ...spec })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { error: string }).error.length).toBeGreaterThan(0)
    expect(sandbox.state.faults.size).toBe(0)
  })
})
