import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { CustomerLookup, PaymentToken, TokenListing } from '../../src/shared/domain.ts'
import type { Result } from '../../src/shared/errors.ts'
import { useCustomerStore } from '../../src/renderer/src/stores/customer.ts'
import { useCustomerSearchStore } from '../../src/renderer/src/stores/customerSearch.ts'
import { useInvoicesStore } from '../../src/renderer/src/stores/invoices.ts'
import { useTokenActionsStore } from '../../src/renderer/src/stores/tokenActions.ts'
import { createFakeApi, deferred, fail, installApi, kari, kariListing, lookup, ok, ola, swedbankCard } from './support.ts'
import type { FakeApi } from './support.ts'
import { LOOKUP_CALLS, sliceFor } from './provider-answers.ts'

let api: FakeApi

beforeEach(() => {
  api = createFakeApi()
  installApi(api)
  setActivePinia(createPinia())
})

describe('useCustomerStore and useTokenActionsStore', () => {
  it('sends one archive per token while the first is in flight and gives both callers its answer', async () => {
    const store = useCustomerStore()
    await store.open('100001')
    const pending = deferred<Result<PaymentToken>>()
    api.tokens.archive.mockReturnValue(pending.promise)
    const refresh = deferred<Result<TokenListing>>()
    api.tokens.list.mockReturnValueOnce(refresh.promise)

    const actions = useTokenActionsStore()
    const first = actions.archive(swedbankCard, 'Stolen')
    const second = actions.archive(swedbankCard, 'Stolen')
    pending.resolve(ok({ ...swedbankCard, state: 'Archived' }))
    const [a, b] = await Promise.all([first, second])

    expect(api.tokens.archive).toHaveBeenCalledTimes(1)
    expect(a).toEqual(b)
    // Replaced with the provider's answer at once; the refresh from the server is on its way.
    expect(store.listing?.tokens.find((t) => t.token === swedbankCard.token)?.state).toBe('Archived')
    expect(store.tokensRefreshing).toBe(true)
    expect(api.tokens.list).toHaveBeenCalledTimes(2 * LOOKUP_CALLS)
  })

  it('never archives a token of another provider or without a reason', async () => {
    const store = useCustomerStore()
    await store.open('100001')
    const klarna = kariListing.tokens.find((t) => t.provider === 'klarna')
    expect(klarna).toBeDefined()
    const actions = useTokenActionsStore()
    expect((await actions.archive(klarna as PaymentToken, 'x')).ok).toBe(false)
    expect((await actions.archive(swedbankCard, '   ')).ok).toBe(false)
    expect(api.tokens.archive).not.toHaveBeenCalled()
  })

  it('drops the answers for a customer the agent has already left', async () => {
    const slowCustomer = deferred<Result<CustomerLookup>>()
    const slowTokens = deferred<Result<TokenListing>>()
    api.customers.get.mockReturnValueOnce(slowCustomer.promise).mockResolvedValueOnce(ok(lookup(ola)))
    const olaListing: TokenListing = { ...kariListing, customerNumber: '100002', payerReference: '100002', tokens: [] }
    api.tokens.list.mockImplementation(async (request) =>
      request.customerNumber === '100001' ? slowTokens.promise : ok(sliceFor(olaListing, request.providers)),
    )
    const store = useCustomerStore()
    const first = store.open('100001')
    await store.open('100002')
    slowCustomer.resolve(ok(lookup(kari)))
    slowTokens.resolve(ok(kariListing))
    await first

    expect(store.customer?.customerNumber).toBe('100002')
    expect(store.listing?.customerNumber).toBe('100002')
    expect(store.listing?.tokens).toHaveLength(0)
    expect(store.providerStatuses.map((status) => status.status)).toEqual(['loaded', 'loaded', 'loaded', 'failed', 'not_configured'])
  })

  it('keeps the rows when a refresh fails, and reports the failure beside them', async () => {
    const store = useCustomerStore()
    await store.open('100001')
    api.tokens.list.mockResolvedValue(fail({ code: 'TIMEOUT', message: 'slow' }))
    await store.loadTokens()
    expect(store.tokensStatus).toBe('ready')
    expect(store.listing?.tokens).toHaveLength(kariListing.tokens.length)
    expect(store.tokensError?.code).toBe('TIMEOUT')
    expect(store.tokensRefreshing).toBe(false)
  })
})

describe('useCustomerSearchStore', () => {
  it('ignores a blank query and keeps the last results', async () => {
    const store = useCustomerSearchStore()
    expect(await store.search('Kari')).toBe(true)
    expect(await store.search('   ')).toBe(false)
    expect(api.customers.search).toHaveBeenCalledTimes(1)
    expect(store.query).toBe('Kari')
    expect(store.results).toHaveLength(2)
    expect(store.find('100002')?.firstName).toBe('Ola')
  })
})

describe('a CANCELLED lookup (the view closed) is not an error', () => {
  const cancelled = fail({ code: 'CANCELLED', message: 'The lookup was cancelled: the view that asked for it was closed.' })

  it('customer search goes back to idle, with no error', async () => {
    api.customers.search.mockResolvedValueOnce(cancelled)
    const search = useCustomerSearchStore()
    await search.search('Nordmann')
    expect(search.status).toBe('idle')
    expect(search.error).toBeNull()
  })

  it('invoices and products go back to idle, with no error', async () => {
    api.invoices.list.mockResolvedValueOnce(cancelled)
    api.products.list.mockResolvedValueOnce(cancelled)
    const invoices = useInvoicesStore()
    await invoices.loadProducts()
    expect(invoices.productsStatus).toBe('idle')
    expect(invoices.productsError).toBeNull()
    invoices.forCustomer('100001')
    expect(await invoices.load('AP001')).toBe(false)
    expect(api.invoices.list).toHaveBeenCalledWith({ customerNumber: '100001', productCode: 'AP001' })
    expect(invoices.status).toBe('idle')
    expect(invoices.error).toBeNull()
  })
})
