/**
 * The console's tables on the generic DataTable: the token table with 10,000 rows (as the bench
 * mounts it), and each table's own columns: what they sort by and what the filter finds.
 */
import { mount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Component, DefineComponent } from 'vue'
import AuditTable from '../../src/renderer/src/components/AuditTable.vue'
import InvoiceTable from '../../src/renderer/src/components/InvoiceTable.vue'
import TokenTable from '../../src/renderer/src/components/TokenTable.vue'
import { expiryTime } from '../../src/renderer/src/lib/table-columns.ts'
import type { Invoice, PaymentToken } from '../../src/shared/domain.ts'
import { auditEntry, kariInvoices, settle, swedbankCard } from './support.ts'
import { fakeLayout } from './table-support.ts'

const PROVIDERS = ['swedbankpay', 'payex', 'klarna', 'vipps', 'nexi'] as const
/** The bench's rows (bench/table/main.ts), with some archived and varied expiries. */
const tokens: PaymentToken[] = Array.from({ length: 10_000 }, (_, index) => ({
  ...swedbankCard,
  provider: PROVIDERS[index % PROVIDERS.length]!,
  token: `${index.toString(16).padStart(8, '0')}-${(index * 7919).toString(36)}`,
  tokenType: 'Recurrence',
  state: index % 10 === 3 ? 'Archived' : 'Active',
  lastFour: String(index % 10_000).padStart(4, '0'),
  expiry: index % 2 === 0 ? '12/2029' : '01/2030',
}))

let wrappers: VueWrapper[] = []
// The token table reads stores (what to mask): each test gets its own.
beforeEach(() => {
  setActivePinia(createPinia())
})
afterEach(() => {
  for (const wrapper of wrappers) wrapper.unmount()
  wrappers = []
  document.body.innerHTML = ''
  localStorage.clear()
})

async function mountAttached(component: Component, props: Record<string, unknown>): Promise<VueWrapper> {
  const host = document.createElement('div')
  document.body.appendChild(host)
  const wrapper = mount(component as DefineComponent, { attachTo: host, props })
  wrappers.push(wrapper)
  await settle()
  return wrapper
}

const attr = (wrapper: VueWrapper, selector: string, name: string): string[] =>
  wrapper.findAll(selector).map((row) => row.attributes(name) ?? '')

describe('token table with 10,000 tokens', () => {
  it('renders a window of rows, counts every token in its tabs and tells the whole row count', async () => {
    const wrapper = await mountAttached(TokenTable, { tokens })
    const rows = wrapper.findAll('[data-testid="token-row"]')
    expect(rows.length).toBeGreaterThan(5)
    expect(rows.length).toBeLessThan(40)
    expect(wrapper.get('[data-testid="token-filter-all"]').text()).toBe('All (10000)')
    expect(wrapper.get('[data-testid="token-filter-archived"]').text()).toBe('Archived (1000)')
    expect(wrapper.get('table').attributes('aria-rowcount')).toBe('10001')
    expect(wrapper.get('caption').text()).toBe('Payment tokens: 10000 rows shown')
    // The scroll box is the tab panel the tabs control.
    const panel = wrapper.get('[role="tabpanel"]')
    expect(panel.classes()).toContain('table-scroll')
    expect(wrapper.get('[data-testid="token-filter-all"]').attributes('aria-controls')).toBe(panel.attributes('id'))

    await wrapper.get('[data-testid="token-filter-archived"]').trigger('click')
    expect(wrapper.get('table').attributes('aria-rowcount')).toBe('1001')
    expect(new Set(attr(wrapper, '[data-testid="token-row"]', 'data-state'))).toEqual(new Set(['Archived']))
  })

  it('finds a token by its full id, though the cell shows it shortened', async () => {
    const wrapper = await mountAttached(TokenTable, { tokens })
    const wanted = tokens[7_654]!
    await wrapper.get('[data-testid="token-filter"]').setValue(wanted.token)
    expect(attr(wrapper, '[data-testid="token-row"]', 'data-token')).toEqual([wanted.token])
  })

  it('sorts expiry as dates (12/2029 before 01/2030), not as text', async () => {
    const wrapper = await mountAttached(TokenTable, { tokens: tokens.slice(0, 4) })
    await wrapper.get('button[data-sort="expiry"]').trigger('click')
    expect(attr(wrapper, '[data-testid="token-row"]', 'data-token')).toEqual([0, 2, 1, 3].map((i) => tokens[i]!.token))
    expect(expiryTime('01/30')).toBe(Date.UTC(2030, 0, 1))
    expect(expiryTime('13/2030')).toBeNull()
  })

  it('emits a row action with its token, and focuses a token far down the list by scrolling to it', async () => {
    const wrapper = await mountAttached(TokenTable, { tokens })
    await wrapper.get('[data-testid="token-row"] [data-testid="archive-button"]').trigger('click')
    const [action, token] = (wrapper.emitted('action') as [string, PaymentToken][])[0]!
    expect([action, token.token]).toEqual(['archive', tokens[0]!.token])

    fakeLayout(wrapper.get('.table-scroll').element as HTMLElement, 600, 58 * 10_000)
    ;(wrapper.vm as unknown as { focusToken: (t: PaymentToken) => void }).focusToken(tokens[9_000]!)
    await expect.poll(() => (document.activeElement as HTMLElement | null)?.dataset.token, { timeout: 2_000 }).toBe(tokens[9_000]!.token)
  })
})

describe('invoice and audit tables', () => {
  /** Three entries whose times sort otherwise than their text: 10:00+02:00 is 08:00Z. */
  const auditEntries = () => [
    auditEntry({ id: 3, at: '2026-11-21T10:00:00.000Z' }),
    auditEntry({ id: 2, at: '2026-11-21T10:00:00.000+02:00', action: 'invoice.pay' }),
    auditEntry({ id: 1, at: '2026-11-21T09:30:00.000Z', action: 'auth.signIn' }),
  ]

  it('sorts invoices by amount as numbers', async () => {
    const invoices: Invoice[] = [
      { ...kariInvoices[0]!, invoiceNumber: '1', amount: 900 },
      { ...kariInvoices[0]!, invoiceNumber: '2', amount: 10_000 },
      { ...kariInvoices[0]!, invoiceNumber: '3', amount: 85.5 },
      { ...kariInvoices[0]!, invoiceNumber: '4', amount: 1000.5 },
      { ...kariInvoices[0]!, invoiceNumber: '5', amount: 1000.25 },
    ]
    const wrapper = await mountAttached(InvoiceTable, { invoices, uncertain: new Set<string>() })
    await wrapper.get('button[data-sort="amount"]').trigger('click')
    // As numbers: 1000.25 before 1000.5, which a (numeric) text collation would turn around.
    expect(attr(wrapper, '[data-testid="invoice-row"]', 'data-invoice-number')).toEqual(['3', '1', '5', '4', '2'])
    expect(wrapper.get('th[aria-sort]').text()).toBe('Amount')
  })

  it('sorts the audit log by time and filters on the readable action name', async () => {
    const entries = auditEntries()
    const wrapper = await mountAttached(AuditTable, { entries })
    expect(wrapper.get('caption').text()).toBe('Audit log, newest first')
    await wrapper.get('button[data-sort="at"]').trigger('click')
    // 10:00+02:00 is 08:00Z: the earliest, though it reads as the latest text.
    expect(attr(wrapper, '[data-testid="audit-row"]', 'data-id')).toEqual(['2', '1', '3'])
    expect(wrapper.get('caption').text()).toBe('Audit log')

    await wrapper.get('[data-testid="audit-filter"]').setValue('pay invoice')
    expect(attr(wrapper, '[data-testid="audit-row"]', 'data-id')).toEqual(['2'])
  })

  it('each table remembers its own sort: the audit log comes back sorted by time, the invoices do not', async () => {
    const entries = auditEntries()
    const audit = await mountAttached(AuditTable, { entries })
    await audit.get('button[data-sort="at"]').trigger('click')
    await audit.get('button[data-sort="at"]').trigger('click')
    expect(attr(audit, '[data-testid="audit-row"]', 'data-id')).toEqual(['3', '1', '2'])
    audit.unmount()
    wrappers = wrappers.filter((wrapper) => wrapper !== audit)

    const again = await mountAttached(AuditTable, { entries })
    expect(attr(again, '[data-testid="audit-row"]', 'data-id')).toEqual(['3', '1', '2'])
    expect(again.get('th[aria-sort]').attributes('aria-sort')).toBe('descending')
    expect(again.get('caption').text()).toBe('Audit log')

    const invoices: Invoice[] = [1, 2].map((n) => ({ ...kariInvoices[0]!, invoiceNumber: String(n) }))
    const invoiceTable = await mountAttached(InvoiceTable, { invoices, uncertain: new Set<string>() })
    expect(invoiceTable.findAll('th[aria-sort]')).toHaveLength(0)
  })
})
