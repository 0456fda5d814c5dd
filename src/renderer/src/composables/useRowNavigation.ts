/**
 * Arrow-key movement between the focusable rows of a table: Up/Down step, Home/End jump.
 * Rows opt in with a `data-row-nav` attribute; the handler goes on the <tbody>.
 */
export function useRowNavigation(): { onKeydown: (event: KeyboardEvent) => void; focusFirst: (root: HTMLElement | null) => boolean } {
  function rowsOf(root: Element): HTMLElement[] {
    return Array.from(root.querySelectorAll<HTMLElement>('[data-row-nav]'))
  }

  function onKeydown(event: KeyboardEvent): void {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return
    const body = event.currentTarget
    const current = event.target
    if (!(body instanceof HTMLElement) || !(current instanceof HTMLElement)) return
    const row = current.closest<HTMLElement>('[data-row-nav]')
    // Only when a row itself has focus, so keys inside buttons or fields keep their meaning.
    if (row === null || row !== current) return
    const rows = rowsOf(body)
    const index = rows.indexOf(row)
    const last = rows.length - 1
    const next =
      event.key === 'ArrowDown' ? Math.min(last, index + 1) : event.key === 'ArrowUp' ? Math.max(0, index - 1) : event.key === 'Home' ? 0 : last
    event.preventDefault()
    rows[next]?.focus()
  }

  function focusFirst(root: HTMLElement | null): boolean {
    const first = root === null ? undefined : rowsOf(root)[0]
    first?.focus()
    return first !== undefined
  }

  return { onKeydown, focusFirst }
}
