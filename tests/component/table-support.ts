/** Helpers for the table tests: happy-dom has no layout, so a test that scrolls supplies one. */

/**
 * Gives a scroll box a height, a content height and a scroll position that the table's virtualizer
 * can read; setting scrollTop (or scrollTo) fires a scroll event, as a browser would.
 */
export function fakeLayout(box: HTMLElement, height: number, content: number): void {
  let top = 0
  Object.defineProperty(box, 'clientHeight', { configurable: true, get: () => height })
  Object.defineProperty(box, 'scrollHeight', { configurable: true, get: () => content })
  Object.defineProperty(box, 'scrollTop', {
    configurable: true,
    get: () => top,
    set: (value: number) => {
      top = value
      box.dispatchEvent(new Event('scroll'))
    },
  })
  box.scrollTo = ((options: ScrollToOptions) => {
    box.scrollTop = options.top ?? top
  }) as typeof box.scrollTo
}
