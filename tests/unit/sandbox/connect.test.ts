import { describe, expect, it } from 'vitest'
import { clientToken, sandbox, token, useSandbox } from './sandbox-client.ts'

useSandbox({ token: true })

interface CustomerBody {
  customerNumber: number
  name: { firstName: string | null; middleName: string | null; lastName: string | null; companyName: string | null; departmentName: string | null }
  phoneNumbers: { phoneNumber: string; phoneNumberType: string }[]
  emails: string[]
  invoiceEmailAddress: string | null
}

const capi = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${sandbox.connectApiUrl}${path}`, { headers: { Authorization: `Bearer ${token}`, ...headers } })
const json = { Accept: 'application/json' }

async function search(query: string): Promise<CustomerBody[]> {
  const response = await capi(`/v1/client/customer/search?query=${encodeURIComponent(query)}`, json)
  expect(response.status).toBe(200)
  return ((await response.json()) as { customers: CustomerBody[] }).customers
}

describe('Connect API formats and headers', () => {
  it('answers XML to a client that forgets Accept: application/json', async () => {
    const response = await capi('/v1/client/customer/100001')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/)
    const body = await response.text()
    expect(body).toMatch(/^<\?xml/)
    expect(body).toContain('<customer><customerNumber>100001</customerNumber><name><firstName>Kari</firstName>')
    expect(() => JSON.parse(body)).toThrow()
  })

  it('answers the documented customer shape in JSON with Accept: application/json', async () => {
    const response = await capi('/v1/client/customer/100001', json)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(await response.json()).toEqual({
      customerNumber: 100001,
      name: { firstName: 'Kari', middleName: null, lastName: 'Nordmann', companyName: null, departmentName: null },
      phoneNumbers: [{ phoneNumber: '+4791234567', phoneNumberType: 'personal' }],
      emails: ['kari.nordmann@example.no'],
      invoiceEmailAddress: 'kari.nordmann@example.no',
    })
  })

  it('sends the version and rate-limit headers on every response, errors included', async () => {
    for (const response of [await capi('/v1/client/customer/100002', json), await capi('/v1/client/customer/999999', json), await fetch(`${sandbox.connectApiUrl}/v1/client/customer/1`)]) {
      expect(response.headers.get('x-mediaconnect-api-version')).toBeTruthy()
      expect(Number(response.headers.get('x-ratelimit-remaining'))).toBeGreaterThanOrEqual(0)
      const reset = Number(response.headers.get('x-ratelimit-reset'))
      expect(reset).toBeGreaterThanOrEqual(1)
      expect(reset).toBeLessThanOrEqual(60)
    }
  })

  it('refuses requests without a token or with an unknown or expired one: 401 invalid_token', async () => {
    const none = await fetch(`${sandbox.connectApiUrl}/v1/client/customer/100001`, { headers: json })
    expect(none.status).toBe(401)
    expect(await none.json()).toMatchObject({ error: 'invalid_token', error_description: expect.any(String) })
    const bogus = await fetch(`${sandbox.connectApiUrl}/v1/client/customer/100001`, { headers: { ...json, Authorization: 'Bearer not-a-token' } })
    expect(bogus.status).toBe(401)

    const expired = await clientToken(sandbox)
    const issued = sandbox.state.accessTokens.get(expired)
    if (!issued) throw new Error('token not remembered')
    issued.expiresAt = Date.now() - 1
    const late = await fetch(`${sandbox.connectApiUrl}/v1/client/customer/100001`, { headers: { ...json, Authorization: `Bearer ${expired}` } })
    expect(late.status).toBe(401)
  })

  it('answers unknown Connect routes with a Connect-style 404', async () => {
    const response = await capi('/v1/client/nothing', json)
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({ exceptionType: 'NotFound', errorMessage: expect.any(String) })
  })
})

describe('Connect customer search and info (client mode)', () => {
  it('finds both Nordmanns, case-insensitively, and nothing else', async () => {
    const found = await search('NORDMANN')
    expect(found.map((customer) => customer.customerNumber).sort()).toEqual([100001, 100002])
  })

  it('finds names with æøå and åäö in any case', async () => {
    expect((await search('sæther')).map((customer) => customer.customerNumber)).toEqual([100004])
    expect((await search('SÆTHER')).map((customer) => customer.customerNumber)).toEqual([100004])
    const swedish = sandbox.state.data.customers.find((customer) => /[åäö]/i.test(customer.lastName) && customer.country === 'SE')
    if (!swedish) throw new Error('the demo data should have a Swedish name with åäö')
    const hits = await search(swedish.lastName.toUpperCase())
    expect(hits.map((customer) => customer.customerNumber)).toContain(swedish.customerNumber)
  })

  it('finds by e-mail, phone (with or without spaces) and customer number', async () => {
    expect((await search('ASTRID.lindqvist@')).map((c) => c.customerNumber)).toEqual([100003])
    expect((await search('+46 70 123 45 67')).map((c) => c.customerNumber)).toEqual([100003])
    expect((await search('91234567')).map((c) => c.customerNumber)).toEqual([100001])
    expect((await search('100004')).map((c) => c.customerNumber)).toEqual([100004])
    expect(await search('zzzz-nobody')).toEqual([])
  })

  it('caps results at 50', async () => {
    expect((await search('100')).length).toBe(36)
    const customers = sandbox.state.data.customers
    const template = customers[0]
    if (!template) throw new Error('no customers')
    const clones = Array.from({ length: 60 }, (_, i) => ({ ...template, customerNumber: 200_000 + i, lastName: 'Testesen' }))
    sandbox.state.data.customers = [...customers, ...clones]
    try {
      expect((await search('testesen')).length).toBe(50)
    } finally {
      sandbox.state.data.customers = customers
    }
  })

  it('refuses a missing, blank or too long query with 400', async () => {
    for (const query of ['', '?query=', '?query=%20%20', `?query=${'a'.repeat(101)}`]) {
      const response = await capi(`/v1/client/customer/search${query}`, json)
      expect(response.status).toBe(400)
      expect(await response.json()).toMatchObject({ exceptionType: expect.any(String), errorMessage: expect.any(String) })
    }
    expect((await capi(`/v1/client/customer/search?query=${'a'.repeat(100)}`, json)).status).toBe(200)
  })

  it('answers 404 CustomerNotFound for an unknown customer and 400 for a non-numeric one', async () => {
    const unknown = await capi('/v1/client/customer/999999', json)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ exceptionType: 'CustomerNotFound', errorMessage: 'Customer 999999 not found' })
    const word = await capi('/v1/client/customer/kari', json)
    expect(word.status).toBe(400)
    expect(((await word.json()) as { exceptionType: string }).exceptionType).toBe('InvalidParameter')
  })

  it('returns a customer with no tokens like any other', async () => {
    const response = await capi('/v1/client/customer/100004', json)
    expect(((await response.json()) as CustomerBody).name.lastName).toBe('Sæther')
  })
})
