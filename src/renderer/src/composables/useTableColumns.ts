/**
 * The column chooser's state for one table: which columns are hidden, remembered per table in
 * localStorage. Columns marked hideable: false (row actions) always show; of the others at least
 * one stays.
 */
import { computed, ref } from 'vue'
import { readHiddenColumns } from '../lib/table.ts'
import type { TableColumn } from '../lib/table.ts'

const storageKey = (tableId: string): string => `support-console:table-columns:${tableId}`

function load(tableId: string, columns: readonly TableColumn<unknown>[]): string[] {
  try {
    const stored = globalThis.localStorage?.getItem(storageKey(tableId))
    return stored == null ? [] : readHiddenColumns(JSON.parse(stored), columns)
  } catch {
    return [] // unreadable or no storage: every column shows
  }
}

function save(tableId: string, hidden: readonly string[]): void {
  try {
    globalThis.localStorage?.setItem(storageKey(tableId), JSON.stringify(hidden))
  } catch {
    // no storage (private mode, quota): the choice lasts for this view only
  }
}

export function useTableColumns<Row>(tableId: string, columns: () => readonly TableColumn<Row>[]) {
  const hidden = ref<string[]>(load(tableId, columns() as readonly TableColumn<unknown>[]))

  const visible = computed(() => columns().filter((column) => column.hideable === false || !hidden.value.includes(column.id)))
  /** What the chooser lists: every column that may be hidden. */
  const choosable = computed(() => columns().filter((column) => column.hideable !== false))

  function setShown(columnId: string, shown: boolean): void {
    const others = hidden.value.filter((id) => id !== columnId)
    const next = shown ? others : [...others, columnId]
    const known = choosable.value.map((column) => column.id)
    if (!known.includes(columnId) || known.every((id) => next.includes(id))) return // at least one stays
    hidden.value = next
    save(tableId, next)
  }

  return { hidden, visible, choosable, setShown }
}
