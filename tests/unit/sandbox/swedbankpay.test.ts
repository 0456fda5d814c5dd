import { describe, expect, it } from 'vitest'
import { SHOWCASE_TOKENS } from '../../../src/sandbox/index.ts'
import { payer, rawRequest, sandbox, sandboxPost, useSandbox } from './sandbox-client.ts'

useSandbox({ reset: 'checked' })

interface Token {
  operations: { href: string; rel: string; method: string; contentType: string }[]
  id: string
  payerReference: string
  token: string
  tokenType: string
  state: string
  archivedBy?: string
  archiveReason?: string
  displayName: string
  instrumentParameters: Record<string, string>
}
interface ListEnvelope {
  tokens: { id: string; payerReference: string; migratedFromConsumerProfile: boolean; tokenList: Token[] }
  operations: { href: string; rel: string; method: string }[]
}
interface SingleEnvelope {
  id: string
  payerReference: string
  migratedFromConsumerProfile: boolean
  token: Token
}
interface Problem {
  type: string
  title: string
  status: number
  detail: string
  instance: string
  problems: { name: string; description: string }[]
}

const kariVisa = `${SHOWCASE_TOKENS.kariVisaRecurrence}-Recurrence`
const kariArchived = `${SHOWCASE_TOKENS.kariArchivedMasterCard}-Payment`

async function list(path: string): Promise<ListEnvelope> {
  const response = await payer(sandbox, 'GET', path)
  expect(response.status).toBe(200)
  return (await response.json()) as ListEnvelope
}

async function problem(response: Response, status: number, type: string): Promise<Problem> {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  const body = (await response.json()) as Problem
  expect(body).toMatchObject({ type: `https://api.payex.com/psp/errordetail/${type}`, status, title: expect.any(String), detail: expect.any(String) })
  expect(body.instance).toMatch(/^https:\/\/api\.payex\.com\/psp\/probleminstance\//)
  return body
}

describe('Payer API: lists and single tokens', () => {
  it('lists the active tokens in the documented envelope, with the version headers', async () => {
    const response = await payer(sandbox, 'GET', '/online/payers/100001')
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8; version=3.x/2.0')
    expect(response.headers.get('api-supported-versions')).toBe('3.x/2.0')
    const body = (await response.json()) as ListEnvelope
    expect(Object.keys(body)).toEqual(['tokens', 'operations'])
    expect(body.tokens).toMatchObject({ id: '/online/payers/100001', payerReference: '100001', migratedFromConsumerProfile: false })
    expect(body.tokens.tokenList.map((token) => token.token)).toEqual([SHOWCASE_TOKENS.kariVisaRecurrence, SHOWCASE_TOKENS.kariTrustlyUnscheduled])
    expect(body.operations.map((op) => [op.rel, op.method, op.href])).toEqual([
      ['get-payer-tokens', 'GET', `${sandbox.url}/online/payers/100001`],
      ['archive-payer-tokens', 'PATCH', `${sandbox.url}/online/payers/100001/archives`],
    ])
    for (const token of body.tokens.tokenList) {
      expect(token.state).toBe('Active')
      expect('archivedBy' in token).toBe(false)
      expect('archiveReason' in token).toBe(false)
      expect(token.operations.map((op) => op.rel)).toEqual(['get-token', 'archive-token', 'update-displayname'])
      expect(token.operations.every((op) => op.href.startsWith(`${sandbox.url}/online/payers/tokens/`) && op.contentType === 'application/json')).toBe(true)
    }
    const visa = body.tokens.tokenList[0] as Token
    expect(Object.keys(visa)).toEqual(['operations', 'id', 'payerReference', 'token', 'tokenType', 'instrument', 'displayName', 'correlationId', 'state', 'networkTokenized', 'instrumentParameters'])
    expect(visa.id).toBe(`/online/payers/tokens/${kariVisa}`)
    expect(visa.instrumentParameters).toMatchObject({ cardBrand: 'Visa', lastFourPan: '0004', expiryDate: '12/2028', countryCode: '578', bin: '492500' })
  })

  it('lists archived tokens under /archives with only the get-token operation', async () => {
    const body = await list('/online/payers/100001/archives')
    expect(body.tokens.id).toBe('/online/payers/100001/archives')
    expect(body.operations.map((op) => op.rel)).toEqual(['get-archived-payer-tokens'])
    expect(body.tokens.tokenList).toHaveLength(1)
    const [archived] = body.tokens.tokenList as [Token]
    expect(archived).toMatchObject({ token: SHOWCASE_TOKENS.kariArchivedMasterCard, state: 'Archived', archivedBy: 'TOKEN_ISSUER', archiveReason: 'Card expired' })
    expect(archived.operations.map((op) => op.rel)).toEqual(['get-token'])
  })

  it('answers 200 with an empty tokenList for a payer without tokens', async () => {
    expect((await list('/online/payers/100004')).tokens.tokenList).toEqual([])
    expect((await list('/online/payers/100004/archives')).tokens.tokenList).toEqual([])
  })

  it('returns a single token wrapped in its envelope, splitting the GUID at the last dash', async () => {
    const response = await payer(sandbox, 'GET', `/online/payers/tokens/${kariVisa}`)
    expect(response.status).toBe(200)
    const body = (await response.json()) as SingleEnvelope
    expect(body).toMatchObject({ id: `/online/payers/tokens/${kariVisa}`, payerReference: '100001', migratedFromConsumerProfile: false })
    expect(body.token).toMatchObject({ token: SHOWCASE_TOKENS.kariVisaRecurrence, tokenType: 'Recurrence', state: 'Active' })
  })

  it('answers 404 paymentorders/inputerror for an unknown token or a wrong token type', async () => {
    const unknown = await problem(await payer(sandbox, 'GET', '/online/payers/tokens/00000000-0000-4000-8000-000000000000-Payment'), 404, 'paymentorders/inputerror')
    expect(unknown.title).toBe('Error in input data')
    expect(unknown.problems[0]?.name).toBe('PaymentToken')
    await problem(await payer(sandbox, 'GET', `/online/payers/tokens/${SHOWCASE_TOKENS.kariVisaRecurrence}-Payment`), 404, 'paymentorders/inputerror')
    await problem(await payer(sandbox, 'GET', '/online/payers/tokens/nodash'), 404, 'paymentorders/inputerror')
  })

  it('refuses a missing or wrong merchant token with a 401 problem', async () => {
    await problem(await fetch(`${sandbox.url}/online/payers/100001`), 401, 'unauthorized')
    await problem(await fetch(`${sandbox.url}/online/payers/100001`, { headers: { Authorization: `Bearer ${sandbox.credentials.clientSecret}` } }), 401, 'unauthorized')
  })
})

describe('Payer API: archiving and renaming (stateful)', () => {
  it('moves an archived token from the active list to /archives', async () => {
    const response = await payer(sandbox, 'PATCH', `/online/payers/tokens/${kariVisa}/archives`, { reason: 'Customer asked', updatedBy: 'Payee' })
    expect(response.status).toBe(200)
    const body = (await response.json()) as SingleEnvelope
    expect(body.id).toBe(`/online/payers/tokens/${kariVisa}/archives`)
    expect(body.token).toMatchObject({ state: 'Archived', archivedBy: 'PAYEE', archiveReason: 'Customer asked' })
    expect(body.token.operations.map((op) => op.rel)).toEqual(['get-token'])

    expect((await list('/online/payers/100001')).tokens.tokenList.map((token) => token.token)).toEqual([SHOWCASE_TOKENS.kariTrustlyUnscheduled])
    const archived = (await list('/online/payers/100001/archives')).tokens.tokenList.map((token) => token.token)
    expect(archived).toContain(SHOWCASE_TOKENS.kariVisaRecurrence)
    expect(archived).toHaveLength(2)
  })

  it('answers 422 paymenttokeninactive when archiving twice or renaming an archived token', async () => {
    const path = `/online/payers/tokens/${kariVisa}/archives`
    expect((await payer(sandbox, 'PATCH', path, { reason: 'first', updatedBy: 'PAYEE' })).status).toBe(200)
    const again = await problem(await payer(sandbox, 'PATCH', path, { reason: 'second', updatedBy: 'PAYEE' }), 422, 'paymentorders/paymenttokeninactive')
    expect(again.title).toBe('Payment token is inactive')
    await problem(await payer(sandbox, 'PATCH', `/online/payers/tokens/${kariArchived}/displaynames`, { displayName: 'x' }), 422, 'paymentorders/paymenttokeninactive')
    expect(sandbox.state.data.payerTokens.find((token) => token.token === SHOWCASE_TOKENS.kariVisaRecurrence)?.archiveReason).toBe('first')
  })

  it('accepts updatedBy in any documented spelling', async () => {
    const expected: Record<string, string> = { payee: 'PAYEE', Consumer: 'CONSUMER', ONLINE: 'ONLINE', TokenIssuer: 'TOKEN_ISSUER', swedbank_pay: 'SWEDBANK_PAY', TOKEN_ISSUER: 'TOKEN_ISSUER' }
    for (const [updatedBy, archivedBy] of Object.entries(expected)) {
      await sandboxPost(sandbox, '/__sandbox/reset')
      const response = await payer(sandbox, 'PATCH', `/online/payers/tokens/${kariVisa}/archives`, { reason: 'r', updatedBy })
      expect(((await response.json()) as SingleEnvelope).token.archivedBy).toBe(archivedBy)
    }
  })

  it('refuses missing fields, an unknown updatedBy and malformed JSON with 400 inputerror', async () => {
    const path = `/online/payers/tokens/${kariVisa}/archives`
    const missing = await problem(await payer(sandbox, 'PATCH', path, {}), 400, 'inputerror')
    expect(missing.problems.map((p) => p.name)).toEqual(['reason', 'updatedBy'])
    const wrongType = await problem(await payer(sandbox, 'PATCH', path, { reason: 7, updatedBy: 'PAYEE' }), 400, 'inputerror')
    expect(wrongType.problems.map((p) => p.name)).toEqual(['reason'])
    const unknownActor = await problem(await payer(sandbox, 'PATCH', path, { reason: 'r', updatedBy: 'MALLORY' }), 400, 'inputerror')
    expect(unknownActor.problems.map((p) => p.name)).toEqual(['updatedBy'])
    await problem(await payer(sandbox, 'PATCH', path, '{"reason": "r", '), 400, 'inputerror')
    await problem(await payer(sandbox, 'PATCH', path, '[1,2]'), 400, 'inputerror')
    await problem(await payer(sandbox, 'PATCH', path), 400, 'inputerror')
    expect(sandbox.state.data.payerTokens.find((token) => token.token === SHOWCASE_TOKENS.kariVisaRecurrence)?.state).toBe('Active')
  })

  it('refuses a body over 64 KiB with 413', async () => {
    const response = await payer(sandbox, 'PATCH', `/online/payers/tokens/${kariVisa}/archives`, { reason: 'x'.repeat(70_000), updatedBy: 'PAYEE' })
    expect(response.status).toBe(413)
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })

  it('renames an active token', async () => {
    const response = await payer(sandbox, 'PATCH', `/online/payers/tokens/${kariVisa}/displaynames`, { displayName: 'Karis Visa' })
    expect(response.status).toBe(200)
    const body = (await response.json()) as SingleEnvelope
    expect(body.id).toBe(`/online/payers/tokens/${kariVisa}/displaynames`)
    expect(body.token).toMatchObject({ displayName: 'Karis Visa', state: 'Active' })
    expect((await list('/online/payers/100001')).tokens.tokenList[0]?.displayName).toBe('Karis Visa')
    await problem(await payer(sandbox, 'PATCH', `/online/payers/tokens/${kariVisa}/displaynames`, { displayName: '' }), 400, 'inputerror')
  })

  it('archives all of a payer\'s tokens and lists them all', async () => {
    const response = await payer(sandbox, 'PATCH', '/online/payers/100001/archives', { reason: 'Customer left', updatedBy: 'PAYEE' })
    expect(response.status).toBe(200)
    const body = (await response.json()) as ListEnvelope
    expect(body.tokens.id).toBe('/online/payers/100001/archives')
    expect(body.operations.map((op) => op.rel)).toEqual(['get-archived-payer-tokens'])
    expect(body.tokens.tokenList).toHaveLength(3)
    expect(body.tokens.tokenList.every((token) => token.state === 'Archived')).toBe(true)
    expect(body.tokens.tokenList.find((token) => token.token === SHOWCASE_TOKENS.kariArchivedMasterCard)?.archiveReason).toBe('Card expired')
    expect((await list('/online/payers/100001')).tokens.tokenList).toEqual([])
    expect((await list('/online/payers/100002')).tokens.tokenList).toHaveLength(1)
  })
})

describe('Payer API: paths', () => {
  it('decodes each segment once: %2F stays inside one payerReference', async () => {
    const [template] = sandbox.state.data.payerTokens
    if (!template) throw new Error('no tokens')
    sandbox.state.data.payerTokens.push({ ...template, payerReference: 'kunde/42', token: '11111111-2222-4333-8444-555555555555' })
    const body = await list('/online/payers/kunde%2F42')
    expect(body.tokens.payerReference).toBe('kunde/42')
    expect(body.tokens.id).toBe('/online/payers/kunde%2F42')
    expect(body.tokens.tokenList.map((token) => token.token)).toEqual(['11111111-2222-4333-8444-555555555555'])
    expect((await list('/online/payers/kunde%252F42')).tokens.payerReference).toBe('kunde%2F42')
    expect(sandbox.state.requests.at(-2)?.path).toBe('/online/payers/kunde%2F42')
    await problem(await payer(sandbox, 'GET', '/online/payers/kunde/42'), 404, 'notfound')
  })

  it('refuses "." and ".." as a payerReference, encoded or not', async () => {
    const auth = { Authorization: `Bearer ${sandbox.credentials.merchantToken}` }
    for (const path of ['/online/payers/..', '/online/payers/.', '/online/payers/%2E%2E', '/online/payers/%2e/archives']) {
      const response = await rawRequest(sandbox, 'GET', path, auth)
      expect(response.status).toBe(400)
      expect(JSON.parse(response.body)).toMatchObject({ type: 'https://api.payex.com/psp/errordetail/inputerror' })
    }
  })

  it('refuses malformed percent-encoding with 400 inputerror', async () => {
    await problem(await payer(sandbox, 'GET', '/online/payers/%E0%A4%A'), 400, 'inputerror')
    await problem(await payer(sandbox, 'GET', '/online/payers/100%'), 400, 'inputerror')
  })

  it('answers unknown routes under /online and /psp with problem+json 404 and wrong methods with 405', async () => {
    await problem(await payer(sandbox, 'GET', '/online/nothing'), 404, 'notfound')
    await problem(await payer(sandbox, 'GET', '/psp/paymentorders/nothing/100001'), 404, 'notfound')
    const wrongMethod = await problem(await payer(sandbox, 'DELETE', '/online/payers/100001'), 405, 'methodnotallowed')
    expect(wrongMethod.status).toBe(405)
  })
})
