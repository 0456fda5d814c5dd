import { describe, expect, it } from 'vitest'
import { SHOWCASE_TOKENS } from '../../../src/sandbox/index.ts'
import { payer, sandbox, useSandbox } from './sandbox-client.ts'

useSandbox({ reset: 'checked' })

const DELETE = { state: 'Deleted', comment: 'Customer asked on the phone' }
const { kariVisaRecurrence, kariTrustlyUnscheduled, kariArchivedMasterCard, olaMasterCardTransactionOnFile, astridTrustlyPayment } = SHOWCASE_TOKENS

interface OwnedToken {
  token: string
  tokenType: string
  networkTokenized?: boolean
  instrument: string
  instrumentDisplayName: string
  correlationId: string
  instrumentParameters: Record<string, string>
  operations?: { href: string; rel: string; method: string; contentType: string }[]
}
interface OwnedEnvelope {
  payerOwnedTokens: { id: string; payerReference: string; tokens: OwnedToken[] }
  operations?: { href: string; rel: string; method: string }[]
}

async function owned(payerReference: string): Promise<OwnedEnvelope> {
  const response = await payer(sandbox, 'GET', `/psp/paymentorders/payerownedtokens/${payerReference}`)
  expect(response.status).toBe(200)
  return (await response.json()) as OwnedEnvelope
}

async function problemType(response: Response, status: number): Promise<{ type: string; problems: { name: string }[] }> {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  return (await response.json()) as { type: string; problems: { name: string }[] }
}

const payerApiTokens = async (path: string): Promise<string[]> =>
  (((await (await payer(sandbox, 'GET', path)).json()) as { tokens: { tokenList: { token: string }[] } }).tokens.tokenList).map((t) => t.token)
const stored = (token: string) => sandbox.state.data.payerTokens.find((candidate) => candidate.token === token)

describe('GET payerownedtokens', () => {
  it('lists the active tokens with their delete operations, in the documented envelope and headers', async () => {
    const response = await payer(sandbox, 'GET', '/psp/paymentorders/payerownedtokens/100001')
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8; version=3.x/2.0')
    expect(response.headers.get('api-supported-versions')).toBe('3.x/2.0')
    const body = (await response.json()) as OwnedEnvelope
    expect(Object.keys(body)).toEqual(['payerOwnedTokens', 'operations'])
    expect(body.payerOwnedTokens.id).toBe('/psp/paymentorders/payerownedtokens/100001')
    expect(body.payerOwnedTokens.tokens.map((t) => [t.token, t.tokenType])).toEqual([[kariVisaRecurrence, 'Recurrence'], [kariTrustlyUnscheduled, 'Unscheduled']])
    const [visa, trustly] = body.payerOwnedTokens.tokens as [OwnedToken, OwnedToken]
    expect(Object.keys(visa)).toEqual(['token', 'tokenType', 'instrument', 'instrumentDisplayName', 'correlationId', 'instrumentParameters', 'operations'])
    expect(visa).toMatchObject({ instrument: 'CreditCard', instrumentDisplayName: '492500******0004' })
    expect(visa.operations).toEqual([
      { href: `${sandbox.url}/psp/paymentorders/recurrencetokens/${kariVisaRecurrence}`, rel: 'delete-recurrencetokens', method: 'PATCH', contentType: 'application/json' },
    ])
    expect(trustly.operations?.map((op) => op.rel)).toEqual(['delete-unscheduledtokens'])
    expect(body.operations).toEqual([
      { href: `${sandbox.url}/psp/paymentorders/payerOwnedPaymentTokens/100001`, rel: 'delete-payerownedtokens', method: 'PATCH', contentType: 'application/json' },
    ])
  })

  it('marks network-tokenized tokens, gives payment tokens delete-paymenttokens, and TransactionOnFile none', async () => {
    const astrid = (await owned('100003')).payerOwnedTokens.tokens
    expect(astrid.map((t) => [t.tokenType, t.networkTokenized, t.operations?.map((op) => op.rel)])).toEqual([
      ['Recurrence', true, ['delete-recurrencetokens']],
      ['Payment', undefined, ['delete-paymenttokens']],
    ])
    expect((await owned('100002')).payerOwnedTokens.tokens[0]?.operations).toEqual([])
    expect((await owned('100004')).payerOwnedTokens.tokens).toEqual([])
  })
})

describe('PATCH a single token (state Deleted)', () => {
  it('deletes a recurrence token: {token, isDeleted:true}; it leaves both Payer API lists and every old list', async () => {
    const response = await payer(sandbox, 'PATCH', `/psp/paymentorders/recurrenceTokens/${kariVisaRecurrence}`, DELETE)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8; version=3.x/2.0')
    expect(JSON.parse(await response.text())).toEqual({ token: kariVisaRecurrence, isDeleted: true })
    expect(await payerApiTokens('/online/payers/100001')).toEqual([kariTrustlyUnscheduled])
    expect(await payerApiTokens('/online/payers/100001/archives')).toEqual([kariArchivedMasterCard])
    expect((await owned('100001')).payerOwnedTokens.tokens.map((t) => t.token)).toEqual([kariTrustlyUnscheduled])
    const inspected = (await (await fetch(`${sandbox.url}/__sandbox/payers/100001`)).json()) as { tokens: { token: string; state: string; deleteComment?: string }[] }
    expect(inspected.tokens.find((t) => t.token === kariVisaRecurrence)).toMatchObject({ state: 'Deleted', deleteComment: DELETE.comment })
    // The Payer API no longer finds it at all.
    expect((await payer(sandbox, 'GET', `/online/payers/tokens/${kariVisaRecurrence}-Recurrence`)).status).toBe(404)
    expect((await payer(sandbox, 'PATCH', `/online/payers/tokens/${kariVisaRecurrence}-Recurrence/archives`, { reason: 'r', updatedBy: 'PAYEE' })).status).toBe(404)
  })

  it('deletes an unscheduled token, lowercase path: the documented fields, valid JSON', async () => {
    const response = await payer(sandbox, 'PATCH', `/psp/paymentorders/unscheduledtokens/${kariTrustlyUnscheduled}`, DELETE)
    expect(response.status).toBe(200)
    const body = JSON.parse(await response.text()) as Record<string, unknown>
    expect(Object.keys(body)).toEqual(['token', 'instrument', 'instrumentDisplayName', 'correlationId', 'instrumentParameters'])
    expect(body).toMatchObject({ token: kariTrustlyUnscheduled, instrument: 'Trustly', instrumentDisplayName: '*****232', instrumentParameters: { maskedAccountNumber: '*****232', accountId: '6224691047' } })
  })

  it('deletes a payment token: {paymentToken, …}; a card shows cardBrand and expiryDate', async () => {
    const [template] = sandbox.state.data.payerTokens
    if (!template) throw new Error('no tokens')
    const card = '22222222-3333-4444-8555-666666666666'
    sandbox.state.data.payerTokens.push({ ...template, token: card, tokenType: 'Payment' })
    const response = await payer(sandbox, 'PATCH', `/psp/paymentorders/PaymentTokens/${card.toUpperCase()}`, DELETE)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      paymentToken: card,
      instrument: 'CreditCard',
      instrumentDisplayName: '492500******0004',
      correlationId: template.correlationId,
      instrumentParameters: { cardBrand: 'Visa', expiryDate: '12/2028' },
    })
    expect((await payer(sandbox, 'PATCH', `/psp/paymentorders/paymenttokens/${astridTrustlyPayment}`, DELETE)).status).toBe(200)
  })

  it('answers 422 paymenttokeninactive for a deleted or archived token', async () => {
    const path = `/psp/paymentorders/recurrenceTokens/${kariVisaRecurrence}`
    expect((await payer(sandbox, 'PATCH', path, DELETE)).status).toBe(200)
    const again = await problemType(await payer(sandbox, 'PATCH', path, DELETE), 422)
    expect(again.type).toBe('https://api.payex.com/psp/errordetail/paymentorders/paymenttokeninactive')
    expect(again.problems[0]?.name).toBe('RecurrenceToken')
    const archived = await problemType(await payer(sandbox, 'PATCH', `/psp/paymentorders/paymentTokens/${kariArchivedMasterCard}`, DELETE), 422)
    expect(archived.problems[0]?.name).toBe('PaymentToken')
    expect(stored(kariArchivedMasterCard)?.state).toBe('Archived')
  })

  it('answers 404 inputerror for an unknown token or one of another type', async () => {
    const unknown = await problemType(await payer(sandbox, 'PATCH', '/psp/paymentorders/unscheduledTokens/00000000-0000-4000-8000-000000000000', DELETE), 404)
    expect(unknown.type).toBe('https://api.payex.com/psp/errordetail/paymentorders/inputerror')
    expect(unknown.problems[0]?.name).toBe('UnscheduledToken')
    await problemType(await payer(sandbox, 'PATCH', `/psp/paymentorders/paymentTokens/${kariVisaRecurrence}`, DELETE), 404)
    await problemType(await payer(sandbox, 'PATCH', `/psp/paymentorders/recurrenceTokens/${olaMasterCardTransactionOnFile}`, DELETE), 404)
    expect(stored(kariVisaRecurrence)?.state).toBe('Active')
  })

  it('refuses any state but Deleted, a missing comment and bad JSON with 400 inputerror', async () => {
    const path = `/psp/paymentorders/recurrenceTokens/${kariVisaRecurrence}`
    const cases: [unknown, string[]][] = [
      [{ state: 'Archived', comment: 'x' }, ['state']],
      [{ state: 'deleted', comment: 'x' }, ['state']],
      [{ state: 'Deleted' }, ['comment']],
      [{ state: 'Deleted', comment: '' }, ['comment']],
      [{}, ['state', 'comment']],
    ]
    for (const [body, names] of cases) {
      const problem = await problemType(await payer(sandbox, 'PATCH', path, body), 400)
      expect(problem.type).toBe('https://api.payex.com/psp/errordetail/inputerror')
      expect(problem.problems.map((p) => p.name)).toEqual(names)
    }
    await problemType(await payer(sandbox, 'PATCH', path, '{"state":'), 400)
    expect(stored(kariVisaRecurrence)?.state).toBe('Active')
  })
})

describe('PATCH payerownedtokens (delete all)', () => {
  it('deletes all of the payer\'s tokens, archived too, answering version=3.1 and the deleted tokens', async () => {
    const response = await payer(sandbox, 'PATCH', '/psp/paymentorders/payerownedtokens/100001', DELETE)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8; version=3.1')
    expect(response.headers.get('api-supported-versions')).toBe('3.x/2.0')
    const body = (await response.json()) as OwnedEnvelope
    expect(Object.keys(body)).toEqual(['payerOwnedTokens'])
    expect(body.payerOwnedTokens.tokens.map((t) => t.token)).toEqual([kariVisaRecurrence, kariTrustlyUnscheduled, kariArchivedMasterCard])
    expect(body.payerOwnedTokens.tokens.every((t) => t.operations === undefined)).toBe(true)
    expect(await payerApiTokens('/online/payers/100001')).toEqual([])
    expect(await payerApiTokens('/online/payers/100001/archives')).toEqual([])
    expect((await owned('100001')).payerOwnedTokens.tokens).toEqual([])
    expect(await payerApiTokens('/online/payers/100002')).toEqual([olaMasterCardTransactionOnFile])
    const second = (await (await payer(sandbox, 'PATCH', '/psp/paymentorders/payerownedtokens/100001', DELETE)).json()) as OwnedEnvelope
    expect(second.payerOwnedTokens.tokens).toEqual([])
  })

  it('serves the documented operation href (payerOwnedPaymentTokens) and the payerOwnedTokens spelling', async () => {
    const op = (await owned('100002')).operations?.[0]
    if (!op) throw new Error('no delete operation')
    const response = await fetch(op.href, { method: op.method, headers: { Authorization: `Bearer ${sandbox.credentials.merchantToken}` }, body: JSON.stringify(DELETE) })
    expect(response.status).toBe(200)
    expect(stored(olaMasterCardTransactionOnFile)?.state).toBe('Deleted')
    expect((await payer(sandbox, 'PATCH', '/psp/paymentorders/payerOwnedTokens/100003', DELETE)).status).toBe(200)
    expect(await payerApiTokens('/online/payers/100003')).toEqual([])
  })

  it('validates the body and needs the merchant token', async () => {
    await problemType(await payer(sandbox, 'PATCH', '/psp/paymentorders/payerownedtokens/100001', { state: 'Deleted' }), 400)
    await problemType(await fetch(`${sandbox.url}/psp/paymentorders/payerownedtokens/100001`), 401)
    expect(await payerApiTokens('/online/payers/100001')).toHaveLength(2)
  })
})
