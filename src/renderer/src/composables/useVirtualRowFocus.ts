/**
 * Keyboard movement and focus for a virtualised table body: the rows of a navigable table are one
 * tab stop (roving tabindex: the row focused last, else the first rendered); Up and Down step
 * through the rendered rows (useRowNavigation; the overscan keeps the neighbours rendered), Home
 * and End reach the first and last row even when they are not rendered, and any row can be focused
 * by index, scrolled into the window first when need be.
 *
 * A focused row scrolled out of the window is unmounted, which would drop focus to <body>. Just
 * before that, focus is parked on the holder (the table) without scrolling, and the row's key is
 * remembered: when the row is rendered again while focus is still parked, it gets focus back, and
 * an arrow key pressed while parked continues from that row.
 */
import { computed, ref, watch } from 'vue'
import type { ComputedRef } from 'vue'
import { useRowNavigation } from './useRowNavigation.ts'

export interface FocusableRows {
  /** How many rows the table shows (rendered or not). */
  count: () => number
  /** The display index of a row key in the rows shown, -1 when not shown. */
  indexOf: (key: string) => number
  /** The rows rendered now: display index and key. */
  rendered: ComputedRef<readonly { index: number; key: string }[]>
  rowElement: (index: number) => HTMLElement | null
  reveal: (index: number) => Promise<HTMLElement | null>
  /** Holds focus while the focused row is out of the window: focusable (tabindex -1), around the rows. */
  holder: () => HTMLElement | null
}

const NAVIGATION_KEYS = ['ArrowDown', 'ArrowUp', 'Home', 'End']

export function useVirtualRowFocus(rows: FocusableRows) {
  /** The key of the row focused last (the tab stop while rendered). */
  const activeKey = ref<string | null>(null)
  /** The key of the row whose focus is parked on the holder, while it is. */
  let parked: string | null = null
  const rowNav = useRowNavigation()

  const tabStop = computed(() => {
    const list = rows.rendered.value
    return list.find((item) => item.key === activeKey.value)?.index ?? list[0]?.index
  })

  /** The rendered row (of `list`, as the DOM shows it now) holding focus, if any. */
  function focusedRowKey(list: readonly { index: number; key: string }[]): string | undefined {
    const focused = document.activeElement
    const holder = rows.holder()
    const row = focused instanceof HTMLElement ? focused.closest<HTMLElement>('tr[data-index]') : null
    if (row === null || holder === null || !holder.contains(row)) return undefined
    const index = Number(row.dataset.index)
    return list.find((item) => item.index === index)?.key
  }

  // Before the DOM drops the rows that left the window: park focus that sits in one of them.
  watch(
    rows.rendered,
    (next, before) => {
      const key = before === undefined ? undefined : focusedRowKey(before)
      if (key === undefined || next.some((item) => item.key === key)) return
      const holder = rows.holder()
      if (holder === null) return
      parked = key
      holder.focus({ preventScroll: true })
    },
    { flush: 'pre' },
  )

  // Once the DOM shows the parked row again: focus goes back to it (where it is; no scrolling).
  watch(
    rows.rendered,
    (next) => {
      if (parked === null) return
      if (document.activeElement !== rows.holder()) {
        parked = null // the agent went elsewhere meanwhile
        return
      }
      const index = next.find((item) => item.key === parked)?.index
      const row = index === undefined ? null : rows.rowElement(index)
      if (row === null) return
      parked = null
      row.focus({ preventScroll: true })
    },
    { flush: 'post' },
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
    if (row === null || row !== event.target) return
    const index = Number(row.dataset.index)
    activeKey.value = rows.rendered.value.find((item) => item.index === index)?.key ?? activeKey.value
    parked = null
  }

  /** For the tbody: arrow keys, Home and End on a focused row. */
  function onKeydown(event: KeyboardEvent): void {
    const onRow = event.target instanceof HTMLElement && event.target.matches('tr[data-row-nav]')
    if (onRow && (event.key === 'Home' || event.key === 'End')) {
      event.preventDefault()
      focusIndex(event.key === 'Home' ? 0 : rows.count() - 1)
    } else rowNav.onKeydown(event)
  }

  /** For the holder: while focus is parked on it, the arrow keys, Home and End go on from the parked row. */
  function onHolderKeydown(event: KeyboardEvent): void {
    if (parked === null || event.target !== rows.holder() || !NAVIGATION_KEYS.includes(event.key)) return
    const from = rows.indexOf(parked)
    if (from < 0) return
    event.preventDefault()
    const last = rows.count() - 1
    const to = { ArrowDown: Math.min(last, from + 1), ArrowUp: Math.max(0, from - 1), Home: 0, End: last }[event.key] ?? from
    focusIndex(to)
  }

  return { tabStop, focusIndex, onFocusin, onKeydown, onHolderKeydown }
}
