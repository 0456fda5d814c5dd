import { enableAutoUnmount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFakeApi, deferred, fail, kari, mountApp, ok, ola, settle } from './support.ts'
import type { Customer } from '../../src/shared/domain.ts'
import type { Result } from '../../src/shared/errors.ts'

enableAutoUnmount(afterEach)
afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

async function searchFor(wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper'], text: string): Promise<void> {
  await wrapper.get('[data-testid="customer-search"]').setValue(text)
  await wrapper.get('form[role="search"]').trigger('submit')
  await settle()
}

describe('customer search', () => {
  it('starts idle with the labelled search field focused', async () => {
    const { wrapper } = await mountApp('/')
    const input = wrapper.get<HTMLInputElement>('[data-testid="customer-search"]')
    expect(wrapper.get('label[for="customer-search"]').text()).toBe('Search customers')
    expect(document.activeElement).toBe(input.element)
    expect(wrapper.find('[data-testid="search-idle"]').exists()).toBe(true)
  })

  it('searches with the trimmed query and shows one focusable row per customer in a real table', async () => {
    const { wrapper, api } = await mountApp('/')
    await searchFor(wrapper, '  Nordmann  ')

    expect(api.customers.search).toHaveBeenCalledTimes(1)
    expect(api.customers.search).toHaveBeenCalledWith({ query: 'Nordmann' })
    const table = wrapper.get('[data-testid="search-results"] table')
    expect(table.find('caption').text()).toContain('2 customers match “Nordmann”')
    expect(table.findAll('thead th').map((th) => th.text())).toEqual(['Name', 'Customer number', 'Email', 'Phone'])
    const rows = wrapper.findAll('[data-testid="customer-row"]')
    expect(rows.map((row) => row.attributes('data-customer-number'))).toEqual(['100001', '100002'])
    expect(rows[0]?.attributes('tabindex')).toBe('0')
    expect(rows[0]?.text()).toContain('Kari Nordmann')
    expect(rows[0]?.text()).toContain('k***@e***.no')
    expect(rows[0]?.text()).not.toContain('kari@example.no')
    expect(rows[0]?.text()).toContain('+1 more')
    expect(rows[1]?.text()).toContain('Ola Johan Nordmann')
  })

  it('refuses an empty or blank query gently, without calling the api', async () => {
    const { wrapper, api } = await mountApp('/')
    await searchFor(wrapper, '   ')
    expect(api.customers.search).not.toHaveBeenCalled()
    expect(wrapper.get('[data-testid="search-hint"]').text()).toContain('Type a name')
    expect(wrapper.find('[data-testid="search-error"]').exists()).toBe(false)
    // Typing something clears the hint.
    await wrapper.get('[data-testid="customer-search"]').setValue('K')
    expect(wrapper.find('[data-testid="search-hint"]').exists()).toBe(false)
  })

  it('shows a busy region with a spinner while the search runs', async () => {
    const api = createFakeApi()
    const pending = deferred<Result<Customer[]>>()
    api.customers.search.mockReturnValue(pending.promise)
    const { wrapper } = await mountApp('/', api)
    await searchFor(wrapper, 'Kari')

    const loading = wrapper.get('[data-testid="search-loading"]')
    expect(loading.text()).toContain('Searching for “Kari”')
    expect(loading.find('.spinner').exists()).toBe(true)
    expect(wrapper.get('.results').attributes('aria-busy')).toBe('true')

    pending.resolve(ok([kari]))
    await settle()
    expect(wrapper.find('[data-testid="search-loading"]').exists()).toBe(false)
    expect(wrapper.get('.results').attributes('aria-busy')).toBe('false')
    expect(wrapper.findAll('[data-testid="customer-row"]')).toHaveLength(1)
  })

  it('says that no customer matches', async () => {
    const api = createFakeApi()
    api.customers.search.mockResolvedValue(ok([]))
    const { wrapper } = await mountApp('/', api)
    await searchFor(wrapper, 'Zzyzx')
    expect(wrapper.get('[data-testid="search-empty"]').text()).toContain('No customer matches “Zzyzx”')
    expect(wrapper.find('[data-testid="search-results"]').exists()).toBe(false)
  })

  it('shows the error and retries the same query', async () => {
    const api = createFakeApi()
    api.customers.search
      .mockResolvedValueOnce(fail({ code: 'PROVIDER_UNAVAILABLE', message: 'Connect answered 503', provider: 'connect' }))
      .mockResolvedValueOnce(ok([ola]))
    const { wrapper } = await mountApp('/', api)
    await searchFor(wrapper, 'Ola')

    const error = wrapper.get('[data-testid="search-error"]')
    expect(error.attributes('role')).toBe('alert')
    expect(error.text()).toContain('is not answering')
    expect(error.text()).toContain('Connect answered 503')
    expect(wrapper.find('[data-testid="customer-row"]').exists()).toBe(false)

    await wrapper.get('[data-testid="search-retry"]').trigger('click')
    await settle()
    expect(api.customers.search).toHaveBeenCalledTimes(2)
    expect(api.customers.search).toHaveBeenLastCalledWith({ query: 'Ola' })
    expect(wrapper.find('[data-testid="search-error"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="customer-row"]').attributes('data-customer-number')).toBe('100002')
  })

  it('tells a rate-limited agent when to try again (HH:MM from retryAfterMs)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date(2026, 10, 21, 14, 30, 0))
    const api = createFakeApi()
    api.customers.search.mockResolvedValue(
      fail({ code: 'RATE_LIMITED', message: 'Too many requests', retryAfterMs: 120_000 }),
    )
    const { wrapper } = await mountApp('/', api)
    await searchFor(wrapper, 'Kari')

    const error = wrapper.get('[data-testid="search-error"]')
    expect(error.attributes('data-error-code')).toBe('RATE_LIMITED')
    expect(error.text()).toContain('Rate limited until 14:32')
    expect(error.get('[data-testid="retry-at"]').text()).toBe('Try again at 14:32.')
    expect(error.find('[data-testid="search-retry"]').exists()).toBe(true)
  })

  it('drops the answer of an older search that arrives after a newer one', async () => {
    const api = createFakeApi()
    const slow = deferred<Result<Customer[]>>()
    api.customers.search.mockReturnValueOnce(slow.promise).mockResolvedValueOnce(ok([ola]))
    const { wrapper } = await mountApp('/', api)
    await searchFor(wrapper, 'Kari')
    await searchFor(wrapper, 'Ola')
    slow.resolve(ok([kari]))
    await settle()
    const rows = wrapper.findAll('[data-testid="customer-row"]')
    expect(rows.map((row) => row.attributes('data-customer-number'))).toEqual(['100002'])
  })

  it('opens a customer with a click or with Enter, and the back link keeps the results', async () => {
    const { wrapper, router, api } = await mountApp('/')
    await searchFor(wrapper, 'Nordmann')

    await wrapper.get('[data-testid="customer-row"][data-customer-number="100002"]').trigger('keydown', { key: 'Enter' })
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/customers/100002'))

    await router.push('/')
    await settle()
    await wrapper.get('[data-testid="customer-row"][data-customer-number="100001"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="customer-header"]').exists()).toBe(true))
    expect(router.currentRoute.value.name).toBe('customer')

    await wrapper.get('[data-testid="back-to-search"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('search'))
    await settle()
    // Same results, no new search, the query back in the field and the opened row marked.
    expect(api.customers.search).toHaveBeenCalledTimes(1)
    expect(wrapper.findAll('[data-testid="customer-row"]')).toHaveLength(2)
    expect(wrapper.get<HTMLInputElement>('[data-testid="customer-search"]').element.value).toBe('Nordmann')
    expect(wrapper.get('[data-customer-number="100001"]').classes()).toContain('recent')
  })

  it('moves between result rows with the arrow keys', async () => {
    const { wrapper } = await mountApp('/')
    await searchFor(wrapper, 'Nordmann')
    const input = wrapper.get('[data-testid="customer-search"]')
    await input.trigger('keydown', { key: 'ArrowDown' })
    const [first, second] = wrapper.findAll('[data-testid="customer-row"]')
    expect(document.activeElement).toBe(first?.element)
    await first?.trigger('keydown', { key: 'ArrowDown' })
    expect(document.activeElement).toBe(second?.element)
    await second?.trigger('keydown', { key: 'Home' })
    expect(document.activeElement).toBe(first?.element)
  })
})

describe('profile banner', () => {
  it.each([
    ['sandbox', 'SANDBOX', 'demo data'],
    ['test', 'TEST', 'Acme test'],
    ['production', 'PRODUCTION', 'live customers'],
  ] as const)('shows the %s profile', async (kind, headline, text) => {
    const api = createFakeApi()
    api.app.info.mockResolvedValue(
      ok({ version: '1.2.3', profile: { kind, label: 'Acme test' }, sandbox: kind === 'sandbox', providers: [] }),
    )
    const { wrapper } = await mountApp('/', api)
    const banner = wrapper.get('[data-testid="profile-banner"]')
    expect(banner.attributes('data-profile-kind')).toBe(kind)
    expect(banner.classes()).toContain(`profile-${kind}`)
    expect(banner.text()).toContain(headline)
    expect(banner.text()).toContain(text)
    expect(wrapper.get('[data-testid="app-version"]').text()).toBe('v1.2.3')
  })

  it('says so when the profile cannot be read', async () => {
    const api = createFakeApi()
    api.app.info.mockResolvedValue(fail({ code: 'INTERNAL', message: 'boom' }))
    const { wrapper } = await mountApp('/', api)
    const banner = wrapper.get('[data-testid="profile-banner"]')
    expect(banner.attributes('data-profile-kind')).toBe('unknown')
    expect(banner.text()).toContain('PROFILE UNKNOWN')
  })
})
