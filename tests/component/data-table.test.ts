/**
 * The generic table (DataTable) in happy-dom: virtualisation (a window of rows, aria-rowcount and
 * aria-rowindex for the whole), sorting by header buttons, the text filter, the column chooser and
 * keyboard movement. happy-dom has no layout: the table then assumes an 800 px tall scroll box,
 * and where a test needs scrolling it stands in for the browser's scroll position itself.
 */
import { mount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { h, isProxy, nextTick, reactive } from 'vue'
import type { DefineComponent } from 'vue'
import DataTable from '../../src/renderer/src/components/DataTable.vue'
import { useTableColumns } from '../../src/renderer/src/composables/useTableColumns.ts'
import type { TableColumn } from '../../src/renderer/src/lib/table.ts'
import { settle } from './support.ts'
import { fakeLayout } from './table-support.ts'

interface Item {
  id: string
  name: string
  amount: number | null
  due: string | null
}

const COLUMNS: TableColumn<Item>[] = [
  { id: 'name', label: 'Name', text: (r) => r.name, sort: { kind: 'text', value: (r) => r.name } },
  { id: 'amount', label: 'Amount', class: 'num', text: (r) => (r.amount === null ? '—' : `${r.amount} kr`), sort: { kind: 'number', value: (r) => r.amount } },
  { id: 'due', label: 'Due', text: (r) => r.due ?? '—', sort: { kind: 'date', value: (r) => r.due } },
  { id: 'actions', label: 'Actions', labelHidden: true, hideable: false },
]

const many = (count: number): Item[] =>
  Array.from({ length: count }, (_, i) => ({ id: `r${i}`, name: `Row ${i}`, amount: i, due: '2026-01-01' }))

const FEW: Item[] = [
  { id: 'a', name: 'Øystein', amount: 10, due: '2026-03-01' },
  { id: 'b', name: 'Zara', amount: 9, due: '2025-12-24' },
  { id: 'c', name: 'Åse', amount: null, due: null },
  { id: 'd', name: 'ærlig', amount: 9, due: '2026-01-15' },
  { id: 'e', name: 'Anne', amount: 100, due: '2026-01-15' },
]

let wrappers: VueWrapper[] = []
afterEach(() => {
  for (const wrapper of wrappers) wrapper.unmount()
  wrappers = []
  document.body.innerHTML = ''
  localStorage.clear()
})

async function mountTable(props: Record<string, unknown> = {}, slots: Record<string, unknown> = {}): Promise<VueWrapper> {
  const host = document.createElement('div')
  document.body.appendChild(host)
  // DataTable is generic over its rows; the tests hand it loosely typed props.
  const merged = { rows: FEW, columns: COLUMNS, rowKey: (r: Item) => r.id, tableId: 'test', label: 'Test rows', ...props }
  const wrapper = mount(DataTable as unknown as DefineComponent, { attachTo: host, props: merged, slots: slots as never })
  wrappers.push(wrapper)
  await settle()
  return wrapper
}

const shownIds = (wrapper: VueWrapper): string[] => wrapper.findAll('tbody tr[data-index]').map((row) => row.attributes('data-key') ?? '')
const idAttrs = (row: Item) => ({ 'data-key': row.id })
const headers = (wrapper: VueWrapper): string[] => wrapper.findAll('thead th').map((th) => th.text())
const sortButton = (wrapper: VueWrapper, id: string) => wrapper.get(`thead button[data-sort="${id}"]`)
const ariaSort = (wrapper: VueWrapper, id: string) => sortButton(wrapper, id).element.closest('th')?.getAttribute('aria-sort') ?? null

describe('data table: virtual rows', () => {
  it('renders only a window of 10,000 rows, with spacer rows and the whole count for assistive technology', async () => {
    const wrapper = await mountTable({ rows: many(10_000), rowAttrs: idAttrs, rowHeight: 40 })
    const rows = wrapper.findAll('tbody tr[data-index]')
    expect(rows.length).toBeGreaterThan(10)
    expect(rows.length).toBeLessThan(60)
    expect(rows[0]?.attributes('data-key')).toBe('r0')
    expect(rows[0]?.attributes('aria-rowindex')).toBe('2')
    expect(wrapper.get('table').attributes('aria-rowcount')).toBe('10001')
    expect(wrapper.get('thead tr').attributes('aria-rowindex')).toBe('1')
    // The rows not rendered are stood in for by one spacer below, sized for all of them.
    const spacers = wrapper.findAll('tbody tr.spacer')
    expect(spacers).toHaveLength(1)
    expect(spacers[0]?.attributes('aria-hidden')).toBe('true')
    expect(Number.parseFloat((spacers[0]?.get('td').element as HTMLElement).style.height)).toBeGreaterThan(40 * 9_900)
  })

  it('moves the window as the box scrolls, keeping aria-rowindex true to the whole', async () => {
    const wrapper = await mountTable({ rows: many(10_000), rowAttrs: idAttrs, rowHeight: 40 })
    const box = wrapper.get('.table-scroll').element as HTMLElement
    fakeLayout(box, 600, 40 * 10_000)
    box.scrollTop = 40 * 5_000
    await settle()
    const rows = wrapper.findAll('tbody tr[data-index]')
    expect(rows.length).toBeLessThan(40)
    const indexes = rows.map((row) => Number(row.attributes('data-index')))
    expect(indexes[0]).toBeGreaterThan(4_980)
    expect(indexes[0]).toBeLessThanOrEqual(5_000)
    expect(rows[0]?.attributes('aria-rowindex')).toBe(String(indexes[0]! + 2))
    expect(wrapper.findAll('tbody tr.spacer')).toHaveLength(2)

    // A new order starts from the top.
    await sortButton(wrapper, 'amount').trigger('click')
    await settle()
    expect(box.scrollTop).toBe(0)
    expect(wrapper.get('tbody tr[data-index]').attributes('data-key')).toBe('r0')
  })

  it('hands cells plain rows even when given a reactive array', async () => {
    const seen: unknown[] = []
    const rows = reactive(FEW.map((row) => ({ ...row })))
    await mountTable({ rows }, { 'cell-actions': ({ row }: { row: Item }) => (seen.push(row), h('span', row.name)) })
    expect(seen.length).toBeGreaterThan(0)
    expect(seen.some((row) => isProxy(row))).toBe(false)
  })
})

describe('data table: sorting', () => {
  it('sorts text with the agent’s collation: ascending, descending, then the given order again', async () => {
    const wrapper = await mountTable({ rowAttrs: idAttrs })
    expect(headers(wrapper)).toEqual(['Name', 'Amount', 'Due', 'Actions'])
    expect(wrapper.findAll('th[aria-sort]')).toHaveLength(0)
    const given = shownIds(wrapper)

    await sortButton(wrapper, 'name').trigger('click')
    expect(ariaSort(wrapper, 'name')).toBe('ascending')
    const ascending = shownIds(wrapper)
    const collator = new Intl.Collator(navigator.language, { numeric: true, sensitivity: 'base' })
    expect(ascending).toEqual([...FEW].sort((a, b) => collator.compare(a.name, b.name)).map((r) => r.id))

    await sortButton(wrapper, 'name').trigger('click')
    expect(ariaSort(wrapper, 'name')).toBe('descending')
    expect(shownIds(wrapper)).toEqual([...ascending].reverse())

    await sortButton(wrapper, 'name').trigger('click')
    expect(ariaSort(wrapper, 'name')).toBeNull()
    expect(shownIds(wrapper)).toEqual(given)
  })

  it('sorts amounts as numbers and dates as times, stable on ties, empty values last either way', async () => {
    const wrapper = await mountTable({ rowAttrs: idAttrs })
    await sortButton(wrapper, 'amount').trigger('click')
    // 9 (b), 9 (d) keep their given order; 10 after 9 (not as text); null last.
    expect(shownIds(wrapper)).toEqual(['b', 'd', 'a', 'e', 'c'])
    await sortButton(wrapper, 'amount').trigger('click')
    expect(shownIds(wrapper)).toEqual(['e', 'a', 'b', 'd', 'c'])

    await sortButton(wrapper, 'due').trigger('click')
    expect(ariaSort(wrapper, 'due')).toBe('ascending')
    expect(ariaSort(wrapper, 'amount')).toBeNull()
    expect(shownIds(wrapper)).toEqual(['b', 'd', 'e', 'a', 'c'])
  })

  it('remembers the sort (column and direction) per table, as a reload finds it; the given order is remembered too', async () => {
    const first = await mountTable({ rowAttrs: idAttrs })
    await sortButton(first, 'amount').trigger('click')
    await sortButton(first, 'amount').trigger('click')
    expect(JSON.parse(localStorage.getItem('support-console:table-sort:test') ?? 'null')).toEqual({ column: 'amount', direction: 'descending' })
    first.unmount()

    // A new table with the same id (a reload, another visit) starts sorted so, at the top; another id does not.
    const again = await mountTable({ rowAttrs: idAttrs })
    expect(ariaSort(again, 'amount')).toBe('descending')
    expect(shownIds(again)).toEqual(['e', 'a', 'b', 'd', 'c'])
    const other = await mountTable({ rowAttrs: idAttrs, tableId: 'other' })
    expect(other.findAll('th[aria-sort]')).toHaveLength(0)
    expect(shownIds(other)).toEqual(['a', 'b', 'c', 'd', 'e'])

    // Back to the given order: that is what the next visit finds.
    await sortButton(again, 'amount').trigger('click')
    expect(localStorage.getItem('support-console:table-sort:test')).toBeNull()
    expect(shownIds(await mountTable({ rowAttrs: idAttrs }))).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('falls back to the given order when the remembered column is gone, hidden, not sortable or unreadable', async () => {
    const key = 'support-console:table-sort:test'
    const given = ['a', 'b', 'c', 'd', 'e']
    for (const stored of [
      { column: 'nope', direction: 'ascending' },
      { column: 'actions', direction: 'ascending' },
      { column: 'amount', direction: 'sideways' },
      'amount',
    ]) {
      localStorage.setItem(key, JSON.stringify(stored))
      const wrapper = await mountTable({ rowAttrs: idAttrs })
      expect(shownIds(wrapper), JSON.stringify(stored)).toEqual(given)
      expect(wrapper.findAll('th[aria-sort]')).toHaveLength(0)
    }
    localStorage.setItem(key, '{not json')
    expect(shownIds(await mountTable({ rowAttrs: idAttrs }))).toEqual(given)

    // Remembered by a column the chooser has hidden since: the given order, also once the column shows again.
    localStorage.setItem(key, JSON.stringify({ column: 'amount', direction: 'ascending' }))
    localStorage.setItem('support-console:table-columns:test', JSON.stringify(['amount']))
    const hidden = await mountTable({ rowAttrs: idAttrs })
    expect(shownIds(hidden)).toEqual(given)
    await hidden.get('[data-testid="test-columns"]').trigger('click')
    await hidden.get('input[data-column="amount"]').setValue(true)
    expect(headers(hidden)).toEqual(['Name', 'Amount', 'Due', 'Actions'])
    expect(shownIds(hidden)).toEqual(given)
    expect(hidden.findAll('th[aria-sort]')).toHaveLength(0)
  })

  it('drops the sort when its column is hidden, and remembers that', async () => {
    const wrapper = await mountTable({ rowAttrs: idAttrs })
    await sortButton(wrapper, 'due').trigger('click')
    expect(shownIds(wrapper)).toEqual(['b', 'd', 'e', 'a', 'c'])
    await wrapper.get('[data-testid="test-columns"]').trigger('click')
    await wrapper.get('input[data-column="due"]').setValue(false)
    await settle()
    expect(shownIds(wrapper)).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(localStorage.getItem('support-console:table-sort:test')).toBeNull()
    await wrapper.get('input[data-column="due"]').setValue(true)
    expect(wrapper.findAll('th[aria-sort]')).toHaveLength(0)
    expect(shownIds(wrapper)).toEqual(['a', 'b', 'c', 'd', 'e'])
  })

  it('has no sort button on a column without a sort value', async () => {
    const wrapper = await mountTable()
    expect(wrapper.findAll('thead button[data-sort]').map((b) => b.attributes('data-sort'))).toEqual(['name', 'amount', 'due'])
    expect(wrapper.get('thead th:last-child .visually-hidden').text()).toBe('Actions')
    expect(wrapper.findAll('thead th').every((th) => th.attributes('scope') === 'col')).toBe(true)
  })
})

describe('data table: filter', () => {
  it('keeps the rows whose shown columns contain the text, ignoring case, and says how many', async () => {
    const wrapper = await mountTable({ rowAttrs: idAttrs })
    const filter = wrapper.get('[data-testid="test-filter"]')
    expect(filter.attributes('aria-label')).toBe('Filter Test rows')
    await filter.setValue('  ÆRLIG ')
    expect(shownIds(wrapper)).toEqual(['d'])
    expect(wrapper.get('[data-testid="test-filter-status"]').text()).toBe('1 of 5 rows shown')
    expect(wrapper.get('table').attributes('aria-rowcount')).toBe('2')

    await filter.setValue('9 kr')
    expect(shownIds(wrapper)).toEqual(['b', 'd'])

    await filter.setValue('nobody')
    expect(shownIds(wrapper)).toEqual([])
    expect(wrapper.get('[data-testid="test-empty"]').text()).toBe('No rows match the filter.')

    await filter.setValue('')
    expect(shownIds(wrapper)).toHaveLength(5)
    expect(wrapper.get('[data-testid="test-filter-status"]').text()).toBe('')
  })

  it('filters within the sorted order, and not on hidden columns', async () => {
    const wrapper = await mountTable({ rowAttrs: idAttrs })
    await sortButton(wrapper, 'amount').trigger('click')
    await sortButton(wrapper, 'amount').trigger('click')
    await wrapper.get('[data-testid="test-filter"]').setValue('2026')
    expect(shownIds(wrapper)).toEqual(['e', 'a', 'd'])

    await wrapper.get('[data-testid="test-columns"]').trigger('click')
    await wrapper.get('input[data-column="due"]').setValue(false)
    expect(shownIds(wrapper)).toEqual([])
  })
})

describe('data table: column chooser', () => {
  it('hides and shows columns, keeps at least one, and remembers the choice per table', async () => {
    const wrapper = await mountTable()
    const button = wrapper.get('[data-testid="test-columns"]')
    expect(button.attributes('aria-expanded')).toBe('false')
    await button.trigger('click')
    expect(button.attributes('aria-expanded')).toBe('true')
    const boxes = () => wrapper.findAll<HTMLInputElement>('[data-testid="test-columns-list"] input[type="checkbox"]')
    // The actions column is not offered: it always shows.
    expect(boxes().map((box) => box.attributes('data-column'))).toEqual(['name', 'amount', 'due'])
    expect(document.activeElement).toBe(boxes()[0]?.element)

    await wrapper.get('input[data-column="amount"]').setValue(false)
    expect(headers(wrapper)).toEqual(['Name', 'Due', 'Actions'])
    expect(wrapper.get('tbody tr[data-index]').findAll('td')).toHaveLength(3)
    await wrapper.get('input[data-column="due"]').setValue(false)
    expect(headers(wrapper)).toEqual(['Name', 'Actions'])
    // The last one shown cannot go.
    expect(wrapper.get('input[data-column="name"]').attributes('disabled')).toBeDefined()
    expect(JSON.parse(localStorage.getItem('support-console:table-columns:test') ?? 'null')).toEqual(['amount', 'due'])

    // Esc closes and gives focus back to the button.
    await wrapper.get('[data-testid="test-columns-list"]').trigger('keydown', { key: 'Escape' })
    expect(wrapper.find('[data-testid="test-columns-list"]').exists()).toBe(false)
    expect(document.activeElement).toBe(button.element)

    // Another table with the same id starts with the same columns; another id with all.
    expect(headers(await mountTable())).toEqual(['Name', 'Actions'])
    expect(headers(await mountTable({ tableId: 'other' }))).toEqual(['Name', 'Amount', 'Due', 'Actions'])
  })

  it('refuses to hide the last hideable column, whatever asks', () => {
    const { visible, setShown } = useTableColumns('direct', () => COLUMNS)
    setShown('name', false)
    setShown('amount', false)
    setShown('due', false)
    expect(visible.value.map((column) => column.id)).toEqual(['due', 'actions'])
    setShown('actions', false)
    expect(visible.value.map((column) => column.id)).toEqual(['due', 'actions'])
    setShown('name', true)
    expect(visible.value.map((column) => column.id)).toEqual(['name', 'due', 'actions'])
  })

  it('ignores a stored choice that would hide everything or names unknown columns', async () => {
    localStorage.setItem('support-console:table-columns:test', JSON.stringify(['name', 'amount', 'due']))
    expect(headers(await mountTable())).toEqual(['Name', 'Amount', 'Due', 'Actions'])
    localStorage.setItem('support-console:table-columns:test', JSON.stringify(['nope', 'due', 'actions']))
    expect(headers(await mountTable())).toEqual(['Name', 'Amount', 'Actions'])
    localStorage.setItem('support-console:table-columns:test', '{not json')
    expect(headers(await mountTable())).toHaveLength(4)
  })
})

describe('data table: keyboard', () => {
  it('makes the rows of a navigable table one tab stop; arrows move, Enter and a click open', async () => {
    const wrapper = await mountTable({ navigable: true, rowAttrs: idAttrs })
    const rows = () => wrapper.findAll('tbody tr[data-index]')
    expect(rows().map((row) => row.attributes('tabindex'))).toEqual(['0', '-1', '-1', '-1', '-1'])
    ;(rows()[0]?.element as HTMLElement).focus()
    await rows()[0]?.trigger('keydown', { key: 'ArrowDown' })
    expect(document.activeElement).toBe(rows()[1]?.element)
    expect(rows().map((row) => row.attributes('tabindex'))).toEqual(['-1', '0', '-1', '-1', '-1'])
    await rows()[1]?.trigger('keydown', { key: 'End' })
    expect(document.activeElement).toBe(rows()[4]?.element)
    await rows()[4]?.trigger('keydown', { key: 'Home' })
    expect(document.activeElement).toBe(rows()[0]?.element)

    await rows()[2]?.trigger('keydown', { key: 'Enter' })
    await rows()[3]?.trigger('click')
    expect((wrapper.emitted('open') as [Item][]).map(([row]) => row.id)).toEqual([FEW[2]?.id, FEW[3]?.id])
  })

  it('reaches the last of 10,000 rows with End, scrolling it into the window first', async () => {
    const wrapper = await mountTable({ rows: many(10_000), rowAttrs: idAttrs, navigable: true, rowHeight: 40 })
    fakeLayout(wrapper.get('.table-scroll').element as HTMLElement, 600, 40 * 10_000)
    const first = wrapper.get('tbody tr[data-index="0"]')
    ;(first.element as HTMLElement).focus()
    await first.trigger('keydown', { key: 'End' })
    await expect.poll(() => (document.activeElement as HTMLElement | null)?.dataset.key, { timeout: 2_000 }).toBe('r9999')
    expect(wrapper.find('tbody tr[data-index="0"]').exists()).toBe(false)
    expect(document.activeElement?.getAttribute('aria-rowindex')).toBe('10001')
    await nextTick()
  })

  it('keeps focus on the table while the focused row is scrolled away, then gives it back: arrows go on from that row', async () => {
    const wrapper = await mountTable({ rows: many(10_000), rowAttrs: idAttrs, navigable: true, rowHeight: 40 })
    const box = wrapper.get('.table-scroll').element as HTMLElement
    const table = wrapper.get('table').element
    fakeLayout(box, 600, 40 * 10_000)
    const focusedKey = () => (document.activeElement as HTMLElement | null)?.dataset.key
    ;(wrapper.get('tbody tr[data-index="5"]').element as HTMLElement).focus()
    await wrapper.get('tbody tr[data-index="5"]').trigger('keydown', { key: 'ArrowDown' })
    expect(focusedKey()).toBe('r6')

    // Scrolled far down: row 6 is unmounted; focus waits on the table, and nothing scrolls the agent back.
    box.scrollTop = 40 * 5_000
    await settle()
    expect(wrapper.find('tbody tr[data-index="6"]').exists()).toBe(false)
    expect(document.activeElement).toBe(table)
    expect(box.scrollTop).toBe(40 * 5_000)

    // Scrolled back: the row has focus again, and Down goes on from it.
    box.scrollTop = 0
    await settle()
    expect(focusedKey()).toBe('r6')
    expect(wrapper.get('tbody tr[data-key="r6"]').attributes('tabindex')).toBe('0')
    await wrapper.get('tbody tr[data-key="r6"]').trigger('keydown', { key: 'ArrowDown' })
    expect(focusedKey()).toBe('r7')
  })

  it('while focus waits on the table, Up goes on from the row scrolled away, scrolling back to it', async () => {
    const wrapper = await mountTable({ rows: many(10_000), rowAttrs: idAttrs, navigable: true, rowHeight: 40 })
    const box = wrapper.get('.table-scroll').element as HTMLElement
    fakeLayout(box, 600, 40 * 10_000)
    ;(wrapper.get('tbody tr[data-index="3"]').element as HTMLElement).focus()
    box.scrollTop = 40 * 5_000
    await settle()
    expect(document.activeElement).toBe(wrapper.get('table').element)

    await wrapper.get('table').trigger('keydown', { key: 'ArrowUp' })
    await expect.poll(() => (document.activeElement as HTMLElement | null)?.dataset.key, { timeout: 2_000 }).toBe('r2')
    expect(box.scrollTop).toBeLessThan(40 * 10)
  })
})
