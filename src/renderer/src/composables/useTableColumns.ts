/**
 * The column chooser's state for one table: which columns are hidden, remembered per table in
 * localStorage. Columns marked hideable: false (row actions) always show; of the others at least
 * one stays.
 */
import { computed, ref } from 'vue'
import { readHiddenColumns } from '../lib/table.ts'
import type { TableColumn } from '../lib/table.ts'
import { readTableSetting, writeTableSetting } from '../lib/table-storage.ts'

export function useTableColumns<Row>(tableId: string, columns: () => readonly TableColumn<Row>[]) {
  // Unreadable or nothing stored: every column shows.
  const hidden = ref<string[]>(readHiddenColumns(readTableSetting('columns', tableId), columns() as readonly TableColumn<unknown>[]))

  const visible = computed(() => columns().filter((column) => column.hideable === false || !hidden.value.includes(column.id)))
  /** What the chooser lists: every column that may be hidden. */
  const choosable = computed(() => columns().filter((column) => column.hideable !== false))

  function setShown(columnId: string, shown: boolean): void {
    const others = hidden.value.filter((id) => id !== columnId)
    const next = shown ? others : [...others, columnId]
    const known = choosable.value.map((column) => column.id)
    if (!known.includes(columnId) || known.every((id) => next.includes(id))) return // at least one stays
    hidden.value = next
    writeTableSetting('columns', tableId, next)
  }

  return { hidden, visible, choosable, setShown }
}
