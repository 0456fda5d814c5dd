/**
 * Offline review through the real path: services over real HTTP to the sandbox, with a real encrypted
 * node:sqlite cache. A lookup is kept; when the sandbox fails (injected faults) or is down (suspended),
 * the cached copy answers with its cachedAt; a provider's own answer (NOT_FOUND, AUTH...) never does.
 */
import { describe, expect, it } from 'vitest'
import { ROUTES, core, httpTimeout, startCoreOnSandbox, useCoreOnSandbox } from '../support/sandbox.ts'
import { useTempCache } from '../support/cache.ts'

const temp = useTempCache()
useCoreOnSandbox({ services: { cache: temp.binding('sandbox') } })

const INVOICES = 'GET /capi/v1/client/customer/invoice/payment/:customerNumber/:productCode'
const PRODUCTS = 'GET /capi/v1/client/product'

/** The data of a successful call, or the test fails with the error. */
const data = <T>(result: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.data
}
const isoBetween = (iso: string | null | undefined, from: number, to: number) => {
  expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  const at = Date.parse(iso ?? '')
  expect(at).toBeGreaterThanOrEqual(from)
  expect(at).toBeLessThanOrEqual(to)
}

describe('customers:get', () => {
  it('is answered live (cachedAt null) and kept; with Connect failing (503) the cached copy answers with cachedAt', async () => {
    const before = Date.now()
    const live = data(await core.call('customers:get', { customerNumber: '100001' }))
    const after = Date.now()
    expect(live).toMatchObject({ customerNumber: '100001', lastName: 'Nordmann', cachedAt: null })
    expect(temp.cache().list('sandbox')).toEqual([{ kind: 'customer', customerNumber: '100001', cachedAt: expect.any(Number) }])

    await core.fault({ route: ROUTES.customerInfo, status: 503 })
    const cached = data(await core.call('customers:get', { customerNumber: '100001' }))
    expect(cached).toEqual({ ...live, cachedAt: expect.any(String) })
    isoBetween(cached.cachedAt, before, after)
  })

  it.each([
    [404, 'NOT_FOUND'],
    [401, 'AUTH_REQUIRED'],
    [403, 'FORBIDDEN'],
    [400, 'PROVIDER_ERROR'],
  ])('never falls back on a provider answer: HTTP %i stays %s', async (status, code) => {
    data(await core.call('customers:get', { customerNumber: '100001' }))
    await core.fault({ route: ROUTES.customerInfo, status })
    expect(await core.call('customers:get', { customerNumber: '100001' })).toMatchObject({ ok: false, error: { code } })
  })

  it('falls back on 429 (RATE_LIMITED) too; a customer never looked up still fails', async () => {
    data(await core.call('customers:get', { customerNumber: '100001' }))
    await core.fault({ route: ROUTES.customerInfo, status: 429 })
    expect(data(await core.call('customers:get', { customerNumber: '100001' })).cachedAt).not.toBeNull()
    expect(await core.call('customers:get', { customerNumber: '100002' })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
  })

  it('a search is never cached (its text is no key), nor answered from the cache', async () => {
    expect(data(await core.call('customers:search', { query: 'Nordmann' })).length).toBeGreaterThan(0)
    expect(temp.cache().list('sandbox')).toEqual([])
    await core.fault({ route: ROUTES.customerSearch, status: 503 })
    expect(await core.call('customers:search', { query: 'Nordmann' })).toMatchObject({ ok: false, error: { code: 'PROVIDER_UNAVAILABLE' } })
  })
})

describe('invoices and products', () => {
  it('with the sandbox down (connection refused) answer their cached copies; other dates are another entry', async () => {
    const request = { customerNumber: '100001', productCode: 'AP001' }
    const live = data(await core.call('invoices:list', request))
    const products = data(await core.call('products:list', {}))
    expect(live.cachedAt).toBeNull()
    expect(live.invoices.map((invoice) => invoice.invoiceNumber)).toEqual(['7435367', '7435368'])
    await core.sandbox.suspend()
    try {
      const cached = data(await core.call('invoices:list', request))
      expect(cached.invoices).toEqual(live.invoices)
      expect(cached.cachedAt).not.toBeNull()
      expect(data(await core.call('products:list', {}))).toEqual(products)
      expect(await core.call('invoices:list', { ...request, from: '2024-01-01' })).toMatchObject({
        ok: false,
        error: { code: 'PROVIDER_UNAVAILABLE' },
      })
    } finally {
      await core.sandbox.resume()
    }
    expect(temp.cache().list('sandbox', 'invoices')).toEqual([{ kind: 'invoices', customerNumber: '100001', cachedAt: expect.any(Number) }])
    expect(temp.cache().list('sandbox', 'products')).toEqual([{ kind: 'products', customerNumber: null, cachedAt: expect.any(Number) }])
  })

  it('a 404 for invoices never falls back; a 503 for products does', async () => {
    const request = { customerNumber: '100001', productCode: 'AP001' }
    data(await core.call('invoices:list', request))
    data(await core.call('products:list', {}))
    await core.fault({ route: INVOICES, status: 404 })
    await core.fault({ route: PRODUCTS, status: 503 })
    expect(await core.call('invoices:list', request)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(data(await core.call('products:list', {})).length).toBeGreaterThan(0)
  })
})

describe('tokens:list', () => {
  it("marks only the unreachable provider 'cached' (with why and when); the others stay live", async () => {
    const before = Date.now()
    const live = data(await core.call('tokens:list', { customerNumber: '100001' }))
    const after = Date.now()
    expect(live.providers.every((status) => status.status === 'loaded')).toBe(true)
    const swedbankPayTokens = live.tokens.filter((token) => token.provider === 'swedbankpay')
    expect(swedbankPayTokens.length).toBeGreaterThan(0)
    expect(temp.cache().list('sandbox', 'tokens')).toHaveLength(live.providers.length)

    await core.fault({ route: ROUTES.listActive, status: 503 })
    const mixed = data(await core.call('tokens:list', { customerNumber: '100001' }))
    const swedbankPay = mixed.providers.find((status) => status.provider === 'swedbankpay')
    expect(swedbankPay).toMatchObject({ status: 'cached', count: swedbankPayTokens.length, error: { code: 'PROVIDER_UNAVAILABLE', httpStatus: 503 } })
    isoBetween(swedbankPay?.cachedAt, before, after)
    expect(mixed.providers.filter((status) => status.provider !== 'swedbankpay').map((status) => status.status)).toEqual(
      live.providers.filter((status) => status.provider !== 'swedbankpay').map(() => 'loaded'),
    )
    expect(mixed.providers.every((status) => status.status === 'cached' || status.cachedAt === undefined)).toBe(true)
    expect(mixed.tokens).toEqual(live.tokens)

    // With archived tokens it is another lookup, never made: it fails.
    const archived = data(await core.call('tokens:list', { customerNumber: '100001', includeArchived: true, providers: ['swedbankpay'] }))
    expect(archived.providers).toMatchObject([{ provider: 'swedbankpay', status: 'failed', error: { code: 'PROVIDER_UNAVAILABLE' } }])
  })

  it('a payerReference-only list is kept under the payerReference, without a customer number', async () => {
    data(await core.call('tokens:list', { payerReference: '100001' }))
    expect(temp.cache().list('sandbox', 'tokens')).toEqual([{ kind: 'tokens', customerNumber: null, cachedAt: expect.any(Number) }])
    await core.fault({ route: ROUTES.listActive, status: 502 })
    const cached = data(await core.call('tokens:list', { payerReference: '100001' }))
    expect(cached.providers).toMatchObject([{ provider: 'swedbankpay', status: 'cached' }])
    expect(data(await core.call('tokens:list', { customerNumber: '100001', providers: ['swedbankpay'] })).providers).toMatchObject([
      { status: 'failed' },
    ])
  })

  it.each([
    [401, 'AUTH_REQUIRED'],
    [403, 'FORBIDDEN'],
  ])("the provider's own answer (HTTP %i, %s) is a failure, never the cached list", async (status, code) => {
    data(await core.call('tokens:list', { customerNumber: '100001', providers: ['swedbankpay'] }))
    await core.fault({ route: ROUTES.listActive, status })
    const listed = data(await core.call('tokens:list', { customerNumber: '100001', providers: ['swedbankpay'] }))
    expect(listed.providers).toMatchObject([{ provider: 'swedbankpay', status: 'failed', error: { code } }])
    expect(listed.tokens).toEqual([])
  })
})

describe('a timeout', () => {
  it('falls back as well (TIMEOUT)', async () => {
    const slow = await startCoreOnSandbox({ tweak: httpTimeout(300), services: { cache: temp.binding('sandbox') } })
    try {
      data(await slow.call('customers:get', { customerNumber: '100001' }))
      await slow.fault({ route: ROUTES.customerInfo, delayMs: 2_000 })
      expect(data(await slow.call('customers:get', { customerNumber: '100001' })).cachedAt).not.toBeNull()
    } finally {
      await slow.close()
    }
  })
})
