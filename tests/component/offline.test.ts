import { enableAutoUnmount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it } from 'vitest'
import type { TokenListing } from '../../src/shared/domain.ts'
import { useCustomerStore } from '../../src/renderer/src/stores/customer.ts'
import { useInvoicesStore } from '../../src/renderer/src/stores/invoices.ts'
import { useTokenActionsStore } from '../../src/renderer/src/stores/tokenActions.ts'
import {
  createFakeApi,
  installApi,
  invoiceListing,
  kari,
  kariInvoices,
  kariListing,
  klarnaToken,
  lookup,
  mountApp,
  ok,
  settle,
  signedInApi,
  swedbankCard,
  unpaidInvoice,
} from './support.ts'
import type { FakeApi } from './support.ts'
import { LOOKUP_CALLS, answerFrom } from './provider-answers.ts'

enableAutoUnmount(afterEach)
afterEach(() => {
  document.body.innerHTML = ''
})

const CUSTOMER_AT = '2026-11-20T08:00:00.000Z'
const TOKENS_AT = '2026-11-19T16:45:00.000Z'
const INVOICES_AT = '2026-11-18T07:10:00.000Z'
/** What the agent should read: the same Intl formatting, in the agent's locale (happy-dom: en-US). */
const shown = (iso: string) => new Intl.DateTimeFormat(navigator.language, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso))
const NOTICE_TAIL = 'Read-only: archive, remove, rename and pay are unavailable until the provider answers again.'

/** Swedbank Pay could not be reached: its tokens are the cached ones; the Connect families answered. */
const swedbankCached: TokenListing = {
  ...kariListing,
  providers: kariListing.providers.map((p) =>
    p.provider === 'swedbankpay'
      ? {
          provider: 'swedbankpay',
          status: 'cached',
          count: 3,
          cachedAt: TOKENS_AT,
          error: { code: 'PROVIDER_UNAVAILABLE', message: 'Swedbank Pay answered 503', provider: 'swedbankpay', httpStatus: 503 },
        }
      : p,
  ),
}

function row(wrapper: VueWrapper, token: string) {
  return wrapper.get(`[data-testid="token-row"][data-token="${token}"]`)
}

function disabled(wrapper: ReturnType<VueWrapper['get']>, testid: string): boolean {
  return (wrapper.get(`[data-testid="${testid}"]`).element as HTMLButtonElement).disabled
}

async function openInvoices(wrapper: VueWrapper): Promise<void> {
  await wrapper.get('[data-testid="invoices-tab"]').trigger('click')
  await settle()
  await wrapper.get('[data-testid="invoice-product"]').setValue('AVIS')
  await wrapper.get('[data-testid="invoice-load"]').trigger('click')
  await settle()
}

describe('cached customer data', () => {
  it('marks a cached customer record with its time and says the view is read-only', async () => {
    const api = signedInApi()
    api.customers.get.mockResolvedValue(ok(lookup(kari, CUSTOMER_AT)))
    const { wrapper } = await mountApp('/customers/100001', api)
    expect(wrapper.get('[data-testid="cached-mark"]').text()).toBe(`Cached at ${shown(CUSTOMER_AT)}`)
    expect(wrapper.get('[data-testid="customer-name"]').text()).toBe('Kari Nordmann')
    expect(wrapper.get('[data-testid="read-only-notice"]').text()).toBe(`Showing cached data from ${shown(CUSTOMER_AT)}. ${NOTICE_TAIL}`)
  })

  it('shows nothing cached and every write enabled when everything answered live', async () => {
    const { wrapper } = await mountApp('/customers/100001', signedInApi())
    expect(wrapper.find('[data-testid="cached-mark"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="read-only-notice"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="retry-live"]').exists()).toBe(false)
    expect(disabled(row(wrapper, swedbankCard.token), 'archive-button')).toBe(false)
    expect(disabled(wrapper.get('[data-testid="token-table"]'), 'archive-all-button')).toBe(false)
  })

  it('shows a cached provider in the strip and disables exactly its rows’ actions and Archive all', async () => {
    const api = signedInApi()
    api.tokens.list.mockResolvedValue(ok(swedbankCached))
    const { wrapper } = await mountApp('/customers/100001', api)

    const chip = wrapper.get('[data-testid="provider-status"][data-provider="swedbankpay"]')
    expect(chip.attributes('data-status')).toBe('cached')
    expect(chip.get('.state').text()).toBe(`cached ${shown(TOKENS_AT)}`)
    expect(chip.attributes('title')).toContain('Swedbank Pay is not answering')
    expect(chip.attributes('title')).toContain('read-only')
    expect(wrapper.get('[data-testid="read-only-notice"]').text()).toBe(`Showing cached data from ${shown(TOKENS_AT)}. ${NOTICE_TAIL}`)

    const card = row(wrapper, swedbankCard.token)
    expect(disabled(card, 'archive-button')).toBe(true)
    expect(disabled(card, 'row-menu-button')).toBe(true)
    expect(disabled(wrapper.get('[data-testid="token-table"]'), 'archive-all-button')).toBe(true)
    // Klarna answered live: its Remove… stays.
    expect(disabled(row(wrapper, klarnaToken.token), 'remove-button')).toBe(false)

    await card.get('[data-testid="archive-button"]').trigger('click')
    await card.get('[data-testid="row-menu-button"]').trigger('click')
    await wrapper.get('[data-testid="archive-all-button"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid="archive-dialog"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="archive-all-dialog"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="rename-button"]').exists()).toBe(false)
  })

  it('refuses writes to cached tokens in the store too, without calling the provider', async () => {
    const api = createFakeApi()
    api.tokens.list.mockResolvedValue(ok(swedbankCached))
    installApi(api)
    setActivePinia(createPinia())
    await useCustomerStore().open('100001')
    const actions = useTokenActionsStore()
    const results = await Promise.all([
      actions.archive(swedbankCard, 'Stolen'),
      actions.archiveAll('Stolen'),
      actions.rename(swedbankCard, 'New name'),
      actions.legacyDelete(swedbankCard, 'Asked by the customer'),
    ])
    expect(results.map((r) => (r.ok ? 'ok' : r.error.message))).toEqual(
      Array(4).fill('These tokens are cached: nothing can be changed until the provider answers again.'),
    )
    expect(api.tokens.archive).not.toHaveBeenCalled()
    expect(api.tokens.archiveAll).not.toHaveBeenCalled()
    expect(api.tokens.rename).not.toHaveBeenCalled()
    expect(api.tokens.legacyDelete).not.toHaveBeenCalled()
  })

  it('marks cached invoices and disables Pay…, and the store refuses to pay them', async () => {
    const api = signedInApi()
    api.invoices.list.mockResolvedValue(ok(invoiceListing(kariInvoices, INVOICES_AT)))
    const { wrapper } = await mountApp('/customers/100001', api)
    expect(wrapper.find('[data-testid="read-only-notice"]').exists()).toBe(false)
    await openInvoices(wrapper)

    expect(wrapper.get('[data-testid="invoices-cached-mark"]').text()).toBe(`Cached at ${shown(INVOICES_AT)}`)
    const pay = wrapper.get<HTMLButtonElement>(`[data-testid="invoice-row"][data-invoice-number="${unpaidInvoice.invoiceNumber}"] [data-testid="pay-button"]`)
    expect(pay.element.disabled).toBe(true)
    await pay.trigger('click')
    await settle()
    expect(wrapper.find('[data-testid="pay-dialog"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="read-only-notice"]').text()).toBe(`Showing cached data from ${shown(INVOICES_AT)}. ${NOTICE_TAIL}`)

    const refused = await useInvoicesStore().pay(unpaidInvoice, 'vippsEcommerce', 'AN01')
    expect(refused.ok).toBe(false)
    expect(api.invoices.pay).not.toHaveBeenCalled()
  })

  it('names the oldest cached time when several answers are cached', async () => {
    const api = signedInApi()
    api.customers.get.mockResolvedValue(ok(lookup(kari, CUSTOMER_AT)))
    api.tokens.list.mockResolvedValue(ok(swedbankCached))
    api.invoices.list.mockResolvedValue(ok(invoiceListing(kariInvoices, INVOICES_AT)))
    const { wrapper } = await mountApp('/customers/100001', api)
    expect(wrapper.get('[data-testid="read-only-notice"]').text()).toContain(`from ${shown(TOKENS_AT)}.`)
    await openInvoices(wrapper)
    expect(wrapper.get('[data-testid="read-only-notice"]').text()).toContain(`from ${shown(INVOICES_AT)}.`)
  })

  it('Retry asks every lookup again and lifts the read-only state when the providers answer', async () => {
    const api: FakeApi = signedInApi()
    api.customers.get.mockResolvedValueOnce(ok(lookup(kari, CUSTOMER_AT)))
    answerFrom(api, swedbankCached)
    api.invoices.list.mockResolvedValueOnce(ok(invoiceListing(kariInvoices, INVOICES_AT)))
    const { wrapper } = await mountApp('/customers/100001', api)
    await openInvoices(wrapper)
    const connectivityCalls = api.app.connectivity.mock.calls.length
    answerFrom(api, kariListing)

    await wrapper.get('[data-testid="retry-live"]').trigger('click')
    await settle()
    expect(api.customers.get).toHaveBeenCalledTimes(2)
    expect(api.customers.get).toHaveBeenLastCalledWith({ customerNumber: '100001' })
    expect(api.tokens.list).toHaveBeenCalledTimes(2 * LOOKUP_CALLS)
    expect(api.tokens.list).toHaveBeenLastCalledWith({ customerNumber: '100001', includeArchived: true, providers: ['nexi'] })
    expect(api.invoices.list).toHaveBeenCalledTimes(2)
    expect(api.invoices.list).toHaveBeenLastCalledWith({ customerNumber: '100001', productCode: 'AVIS' })
    expect(api.app.connectivity.mock.calls.length).toBeGreaterThan(connectivityCalls)

    expect(wrapper.find('[data-testid="read-only-notice"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="cached-mark"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="invoices-cached-mark"]').exists()).toBe(false)
    expect(disabled(row(wrapper, swedbankCard.token), 'archive-button')).toBe(false)
  })
})
