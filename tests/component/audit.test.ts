import { enableAutoUnmount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AUDIT_ACTIONS } from '../../src/shared/export-columns.ts'
import { auditEntry, auditPage, createFakeApi, mountApp, ok, settle } from './support.ts'

enableAutoUnmount(afterEach)
afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

const shown = (iso: string) => new Intl.DateTimeFormat(navigator.language, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso))

async function pick(wrapper: VueWrapper, testid: string, value: string): Promise<void> {
  await wrapper.get(`[data-testid="${testid}"]`).setValue(value)
  await settle()
}

describe('audit log view', () => {
  it('is reached from the top bar and lists the entries with readable columns', async () => {
    const { wrapper, router, api } = await mountApp('/')
    await wrapper.get('[data-testid="nav-audit"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/audit'))
    await settle()
    expect(api.audit.list).toHaveBeenCalledTimes(1)
    expect(api.audit.list).toHaveBeenCalledWith({ filter: {}, limit: 200 })
    expect(wrapper.get('[data-testid="audit-total"]').text()).toBe('2 entries')

    const rows = wrapper.findAll('[data-testid="audit-row"]')
    expect(rows.map((r) => [r.attributes('data-action'), r.attributes('data-outcome')])).toEqual([
      ['token.archive', 'ok'],
      ['invoice.pay', 'failed'],
    ])
    expect(rows[0]?.findAll('td').map((td) => td.text())).toEqual([
      shown('2026-11-21T10:00:00.000Z'),
      'u-42',
      'sandbox',
      'Archive token',
      '100001',
      'Swedbank Pay',
      '****89ab',
      'OK',
      '—',
      '—',
    ])
    expect(rows[1]?.findAll('td').map((td) => td.text()).slice(3)).toEqual(['Pay invoice', '100001', '—', '—', 'Failed', 'OUTCOME_UNKNOWN', 'invoice=5000123'])
    // Read-only: nothing in a row edits or deletes (the header's buttons only sort).
    expect(wrapper.findAll('[data-testid="audit-table"] tbody button')).toHaveLength(0)
    expect(wrapper.findAll('[data-testid="audit-table"] tbody input')).toHaveLength(0)
    expect(wrapper.findAll('[data-testid="audit-table"] thead button').map((b) => b.attributes('data-sort'))).toHaveLength(10)
  })

  it('offers every audit action as a filter, by its readable name', async () => {
    const { wrapper } = await mountApp('/audit')
    const options = Array.from(wrapper.get<HTMLSelectElement>('[data-testid="audit-filter-action"]').element.options)
    expect(options.map((o) => o.value)).toEqual(['', ...AUDIT_ACTIONS])
    expect(options.find((o) => o.value === 'token.legacyDelete')?.text.trim()).toBe('Delete token (old API)')
  })

  it('asks with exactly the filters chosen: picks at once, typing once it pauses', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const api = createFakeApi()
    const { wrapper } = await mountApp('/audit', api)
    await pick(wrapper, 'audit-filter-action', 'token.remove')
    expect(api.audit.list).toHaveBeenLastCalledWith({ filter: { action: 'token.remove' }, limit: 200 })
    await pick(wrapper, 'audit-filter-outcome', 'failed')
    expect(api.audit.list).toHaveBeenLastCalledWith({ filter: { action: 'token.remove', outcome: 'failed' }, limit: 200 })
    await pick(wrapper, 'audit-filter-from', '2026-11-01')
    await pick(wrapper, 'audit-filter-to', '2026-11-30')
    expect(api.audit.list).toHaveBeenLastCalledWith({
      filter: { action: 'token.remove', outcome: 'failed', from: '2026-11-01', to: '2026-11-30' },
      limit: 200,
    })
    const before = api.audit.list.mock.calls.length

    await pick(wrapper, 'audit-filter-agent', 'u-4')
    await pick(wrapper, 'audit-filter-agent', ' u-42 ')
    await pick(wrapper, 'audit-filter-customer', '100001')
    expect(api.audit.list).toHaveBeenCalledTimes(before)
    await vi.advanceTimersByTimeAsync(300)
    await settle()
    expect(api.audit.list).toHaveBeenCalledTimes(before + 1)
    expect(api.audit.list).toHaveBeenLastCalledWith({
      filter: { action: 'token.remove', agent: 'u-42', customerNumber: '100001', outcome: 'failed', from: '2026-11-01', to: '2026-11-30' },
      limit: 200,
    })

    await pick(wrapper, 'audit-filter-action', '')
    await pick(wrapper, 'audit-filter-outcome', '')
    expect(api.audit.list).toHaveBeenLastCalledWith({
      filter: { agent: 'u-42', customerNumber: '100001', from: '2026-11-01', to: '2026-11-30' },
      limit: 200,
    })
  })

  it('does not ask with a malformed customer number or a reversed date range, and says why', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const api = createFakeApi()
    const { wrapper } = await mountApp('/audit', api)
    await pick(wrapper, 'audit-filter-customer', '10a')
    await vi.advanceTimersByTimeAsync(1_000)
    expect(api.audit.list).toHaveBeenCalledTimes(1)
    expect(wrapper.get('[data-testid="audit-filter-problem"]').text()).toBe('A customer number is 1 to 12 digits.')

    await pick(wrapper, 'audit-filter-customer', '')
    await vi.advanceTimersByTimeAsync(300)
    const calls = api.audit.list.mock.calls.length
    await pick(wrapper, 'audit-filter-from', '2026-12-01')
    expect(api.audit.list).toHaveBeenCalledTimes(calls + 1)
    await pick(wrapper, 'audit-filter-to', '2026-11-01')
    expect(api.audit.list).toHaveBeenCalledTimes(calls + 1)
    expect(wrapper.get('[data-testid="audit-filter-problem"]').text()).toBe('The “from” date lies after the “to” date.')
  })

  it('pages back with "Load older" below the oldest entry shown, with the same filter', async () => {
    const api = createFakeApi()
    api.audit.list
      .mockResolvedValueOnce(ok({ ...auditPage, total: 3 }))
      .mockResolvedValueOnce(ok({ ...auditPage, total: 3 }))
      .mockResolvedValueOnce(ok({ entries: [auditEntry({ id: 4, action: 'auth.signIn', outcome: 'ok' })], total: 3 }))
    const { wrapper } = await mountApp('/audit', api)
    await pick(wrapper, 'audit-filter-outcome', 'ok')
    expect(wrapper.findAll('[data-testid="audit-row"]')).toHaveLength(2)
    expect(wrapper.get('[data-testid="audit-total"]').text()).toBe('3 entries')

    await wrapper.get('[data-testid="audit-more"]').trigger('click')
    await settle()
    expect(api.audit.list).toHaveBeenCalledTimes(3)
    expect(api.audit.list).toHaveBeenLastCalledWith({ filter: { outcome: 'ok' }, limit: 200, beforeId: 11 })
    expect(wrapper.findAll('[data-testid="audit-row"]').map((r) => r.attributes('data-action'))).toEqual([
      'token.archive',
      'invoice.pay',
      'auth.signIn',
    ])
    expect(wrapper.find('[data-testid="audit-more"]').exists()).toBe(false)
  })

  it('exports the current filter', async () => {
    const api = createFakeApi()
    api.exports.csv.mockResolvedValue(ok({ status: 'cancelled' as const }))
    const { wrapper } = await mountApp('/audit', api)
    await pick(wrapper, 'audit-filter-action', 'export')
    await wrapper.get('[data-testid="export-audit"]').trigger('click')
    await settle()
    const boxes = wrapper.findAll<HTMLInputElement>('[data-testid^="export-column-"]')
    expect(boxes.map((b) => b.attributes('data-testid'))).toEqual(
      ['at', 'agent', 'profile', 'action', 'customerNumber', 'provider', 'token', 'outcome', 'errorCode', 'detail'].map((k) => `export-column-${k}`),
    )
    expect(wrapper.find('[data-testid="export-reveal"]').exists()).toBe(false)
    await wrapper.get('[data-testid="export-confirm"]').trigger('click')
    await settle()
    expect(api.exports.csv.mock.calls[0]?.[0].source).toEqual({ table: 'audit', filter: { action: 'export' } })
    expect(wrapper.find('[data-testid="export-dialog"]').exists()).toBe(false)
  })

  it('shows an empty state when nothing matches', async () => {
    const api = createFakeApi()
    api.audit.list.mockResolvedValue(ok({ entries: [], total: 0 }))
    const { wrapper } = await mountApp('/audit', api)
    expect(wrapper.get('[data-testid="audit-empty"]').text()).toBe('No audit entries match these filters.')
    expect(wrapper.get('[data-testid="audit-total"]').text()).toBe('0 entries')
  })
})
