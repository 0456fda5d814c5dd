import { enableAutoUnmount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFakeApi, localDataState, mountApp, ok, recentLookups, settle } from './support.ts'

enableAutoUnmount(afterEach)
afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

const shown = (iso: string) => new Intl.DateTimeFormat(navigator.language, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso))

describe('recent lookups view', () => {
  it('is reached from the top bar and lists the cached customers, newest first', async () => {
    const { wrapper, router, api } = await mountApp('/')
    await wrapper.get('[data-testid="nav-recent"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/recent'))
    await settle()
    expect(api.localData.recent).toHaveBeenCalledTimes(1)
    expect(api.localData.recent).toHaveBeenCalledWith({ limit: 200 })
    const rows = wrapper.findAll('[data-testid="recent-row"]')
    expect(rows.map((r) => r.attributes('data-customer-number'))).toEqual(['100001', '100002'])
    expect(rows[0]?.findAll('td').map((td) => td.text())).toEqual([
      'Kari Nordmann',
      '100001',
      'k***@e***.noShow email', // masked until revealed; the eye button's name follows
      shown('2026-11-21T09:30:00.000Z'),
    ])
    expect(rows[1]?.findAll('td').map((td) => td.text())[2]).toBe('—')
    expect(wrapper.find('[data-testid="nav-audit"]').exists()).toBe(true)
  })

  it('filters offline once typing pauses: one call with the trimmed query', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const api = createFakeApi()
    const { wrapper } = await mountApp('/recent', api)
    api.localData.recent.mockResolvedValue(ok([recentLookups[0]!]))
    const filter = wrapper.get('[data-testid="recent-filter"]')
    await filter.setValue('k')
    await filter.setValue('ka')
    await filter.setValue(' kari@ex ')
    await vi.advanceTimersByTimeAsync(200)
    expect(api.localData.recent).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(100)
    await settle()
    expect(api.localData.recent).toHaveBeenCalledTimes(2)
    expect(api.localData.recent).toHaveBeenLastCalledWith({ query: 'kari@ex', limit: 200 })
    expect(wrapper.findAll('[data-testid="recent-row"]').map((r) => r.attributes('data-customer-number'))).toEqual(['100001'])

    await filter.setValue('')
    await vi.advanceTimersByTimeAsync(300)
    expect(api.localData.recent).toHaveBeenLastCalledWith({ limit: 200 })
  })

  it('opens a customer with a click or Enter', async () => {
    const { wrapper, router } = await mountApp('/recent')
    await wrapper.get('[data-testid="recent-row"][data-customer-number="100002"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/customers/100002'))

    await router.push('/recent')
    await settle()
    await wrapper.get('[data-testid="recent-row"][data-customer-number="100001"]').trigger('keydown', { key: 'Enter' })
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/customers/100001'))
  })

  it('moves from the filter into the rows with ↓, sorts by a header, and keeps the table’s own filter away', async () => {
    const { wrapper } = await mountApp('/recent')
    // The view's filter searches the cache itself; the table adds no second filter field.
    expect(wrapper.find('[data-testid="recent-filter-status"]').exists()).toBe(false)
    expect(wrapper.findAll('input[type="search"]')).toHaveLength(1)
    await wrapper.get('[data-testid="recent-filter"]').trigger('keydown', { key: 'ArrowDown' })
    const rows = () => wrapper.findAll('[data-testid="recent-row"]')
    expect(document.activeElement).toBe(rows()[0]?.element)
    await rows()[0]?.trigger('keydown', { key: 'ArrowDown' })
    expect(document.activeElement).toBe(rows()[1]?.element)

    await wrapper.get('button[data-sort="cachedAt"]').trigger('click')
    expect(rows().map((r) => r.attributes('data-customer-number'))).toEqual(['100002', '100001'])
    expect(wrapper.get('th[aria-sort="ascending"]').text()).toBe('Cached at')
  })

  it('says when nothing is cached, when nothing matches, and when this computer cannot cache', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const api = createFakeApi()
    api.localData.recent.mockResolvedValue(ok([]))
    const { wrapper } = await mountApp('/recent', api)
    expect(wrapper.get('[data-testid="recent-empty"]').text()).toBe('No lookups are cached on this computer yet. Customers you open are kept here.')
    expect(wrapper.find('[data-testid="recent-row"]').exists()).toBe(false)
    expect(wrapper.get<HTMLButtonElement>('[data-testid="export-recent"]').element.disabled).toBe(true)

    await wrapper.get('[data-testid="recent-filter"]').setValue('zzz')
    await vi.advanceTimersByTimeAsync(300)
    await settle()
    expect(wrapper.get('[data-testid="recent-empty"]').text()).toBe('No cached customer matches “zzz”.')
  })

  it('explains an empty list on a computer without secure storage', async () => {
    const api = createFakeApi()
    api.localData.get.mockResolvedValue(ok({ ...localDataState, available: false, unavailableReason: 'No keyring', entries: 0 }))
    api.localData.recent.mockResolvedValue(ok([]))
    const { wrapper } = await mountApp('/recent', api)
    expect(wrapper.get('[data-testid="recent-empty"]').text()).toBe('This computer offers no secure storage, so no lookups are cached.')
  })

  it('exports the cached customers of the current filter', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const api = createFakeApi()
    api.exports.csv.mockResolvedValue(ok({ status: 'saved' as const, path: '/tmp/recent.csv', rows: 1, bytes: 80 }))
    const { wrapper } = await mountApp('/recent', api)
    await wrapper.get('[data-testid="recent-filter"]').setValue('kari')
    await vi.advanceTimersByTimeAsync(300)
    await settle()
    await wrapper.get('[data-testid="export-recent"]').trigger('click')
    await settle()
    await wrapper.get('[data-testid="export-confirm"]').trigger('click')
    await settle()
    expect(api.exports.csv).toHaveBeenCalledTimes(1)
    expect(api.exports.csv.mock.calls[0]?.[0].source).toEqual({ table: 'customers', from: 'recent', query: 'kari' })
    expect(wrapper.get('[data-testid="export-result"]').text()).toBe('Saved 1 row to /tmp/recent.csv')
  })
})
