/**
 * Sorting for the generic table: click a header for ascending, again for descending, a third time
 * for the given order. The sort is remembered per table in localStorage, as the column choice is; a
 * remembered or current sort whose column is gone, hidden or no longer sortable falls back to the
 * given order. The sorted list is a new plain array computed over the plain rows, so the rows
 * themselves never become reactive.
 */
import { computed, ref, watch } from 'vue'
import { agentLocale } from '../lib/format.ts'
import { nextSort, readSortState, sortRows } from '../lib/table.ts'
import type { SortDirection, SortState, TableColumn } from '../lib/table.ts'
import { readTableSetting, writeTableSetting } from '../lib/table-storage.ts'

export function useTableSort<Row>(tableId: string, rows: () => readonly Row[], columns: () => readonly TableColumn<Row>[]) {
  const sort = ref<SortState | null>(readSortState(readTableSetting('sort', tableId), columns() as readonly TableColumn<unknown>[]))
  const locale = agentLocale()

  /** The column sorted by, while it is shown and sortable. */
  const sortColumn = computed(() => {
    const state = sort.value
    return state === null ? undefined : columns().find((column) => column.id === state.column && column.sort !== undefined)
  })

  const sorted = computed<readonly Row[]>(() => {
    const column = sortColumn.value
    return column === undefined || sort.value === null ? rows() : sortRows(rows(), column, sort.value.direction, locale)
  })

  function set(next: SortState | null): void {
    sort.value = next
    writeTableSetting('sort', tableId, next)
  }

  // The sorted column was hidden (or went): back to the given order, and that is what is remembered.
  watch(sortColumn, (column) => {
    if (column === undefined && sort.value !== null) set(null)
  })

  function toggle(columnId: string): void {
    set(nextSort(sort.value, columnId))
  }

  /** The header's aria-sort: only on the column sorted by. */
  function ariaSort(columnId: string): SortDirection | undefined {
    return sortColumn.value?.id === columnId ? sort.value?.direction : undefined
  }

  return { sort, sorted, toggle, ariaSort }
}
