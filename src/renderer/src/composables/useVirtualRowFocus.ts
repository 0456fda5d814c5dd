/**
 * Keyboard movement and focus for a virtualised table body: the rows of a navigable table are one
 * tab stop (roving tabindex: the row focused last, else the first rendered); Up and Down step
 * through the rendered rows (useRowNavigation; the overscan keeps the neighbours rendered), Home
 * and End reach the first and last row even when they are not rendered, and any row can be focused
 * by index, scrolled into the window first when need be.
 */
import { computed, ref } from 'vue'
import type { ComputedRef } from 'vue'
import { useRowNavigation } from './useRowNavigation.ts'

export interface FocusableRows {
  /** How many rows the table shows (rendered or not). */
  count: () => number
  /** The display indexes rendered now. */
  rendered: ComputedRef<readonly { index: number }[]>
  rowElement: (index: number) => HTMLElement | null
  reveal: (index: number) => Promise<HTMLElement | null>
}

export function useVirtualRowFocus(rows: FocusableRows) {
  const active = ref(0)
  const rowNav = useRowNavigation()

  const tabStop = computed(() =>
    rows.rendered.value.some((item) => item.index === active.value) ? active.value : rows.rendered.value[0]?.index,
  )

  /** Focuses the row at a display index: at once when rendered, else once scrolled into view. False: no such row. */
  function focusIndex(index: number): boolean {
    if (index < 0 || index >= rows.count()) return false
    const row = rows.rowElement(index)
    if (row !== null) row.focus()
    else void rows.reveal(index).then((found) => found?.focus())
    return true
  }

  /** For the tbody: remembers the focused row as the tab stop. */
  function onFocusin(event: FocusEvent): void {
    const row = event.target instanceof HTMLElement ? event.target.closest<HTMLElement>('tr[data-index]') : null
    if (row !== null && row === event.target) active.value = Number(row.dataset.index)
  }

  /** For the tbody: arrow keys, Home and End on a focused row. */
  function onKeydown(event: KeyboardEvent): void {
    const onRow = event.target instanceof HTMLElement && event.target.matches('tr[data-row-nav]')
    if (onRow && (event.key === 'Home' || event.key === 'End')) {
      event.preventDefault()
      focusIndex(event.key === 'Home' ? 0 : rows.count() - 1)
    } else rowNav.onKeydown(event)
  }

  return { tabStop, focusIndex, onFocusin, onKeydown }
}
