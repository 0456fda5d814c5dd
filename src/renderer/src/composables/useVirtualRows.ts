/**
 * Row virtualisation for a real <table>: only the rows in (and just around) the scroll box's view
 * are rendered; two spacer rows (paddingTop / paddingBottom) stand in for the rest, so the body
 * keeps its full height and the columns stay aligned with the header. Rows are measured as they
 * render (the estimate is only a first guess). Where the scroll box has no layout (happy-dom, or
 * a box not displayed yet) it is taken to be `fallbackHeight` tall, so a sensible first window
 * renders instead of none or all.
 */
import { computed, nextTick, ref } from 'vue'
import type { Ref } from 'vue'
import { measureElement as measureNode, observeElementRect, useVirtualizer } from '@tanstack/vue-virtual'
import type { Rect, VirtualItem, Virtualizer } from '@tanstack/vue-virtual'

type RowVirtualizer = Virtualizer<HTMLElement, HTMLTableRowElement>

export interface VirtualRowsOptions<Row> {
  /** The rows in display order (sorted and filtered), plain objects. */
  rows: () => readonly Row[]
  rowKey: (row: Row) => string
  /** The scroll box (the element with overflow: auto around the table). */
  scroller: Readonly<Ref<HTMLElement | null>>
  /** A first guess of a row's height in px. */
  estimate: number
  fallbackHeight?: number
  overscan?: number
}

export interface RenderedRow<Row> {
  index: number
  key: string
  row: Row
}

const nextFrame = (): Promise<void> => new Promise((done) => requestAnimationFrame(() => done()))

export function useVirtualRows<Row>(options: VirtualRowsOptions<Row>) {
  const fallback: Rect = { width: 1024, height: options.fallbackHeight ?? 800 }
  /** Where the body starts inside the scroll box (caption + header), and the sticky header's height. */
  const offsets = ref({ body: 0, header: 0 })
  const measured = new WeakSet<Element>()

  // One key per shown row, built once per list: the virtualizer asks for every key on each re-measure.
  const keys = computed(() => options.rows().map(options.rowKey))

  const virtualizer = useVirtualizer<HTMLElement, HTMLTableRowElement>(
    computed(() => {
      const list = keys.value
      return {
        count: list.length,
        getScrollElement: () => options.scroller.value,
        estimateSize: () => options.estimate,
        // Keys follow the rows through sorting and filtering, so measured heights do too.
        getItemKey: (index: number) => list[index] ?? index,
        overscan: options.overscan ?? 6,
        scrollMargin: offsets.value.body,
        scrollPaddingStart: offsets.value.header,
        initialRect: fallback,
        observeElementRect: (instance: RowVirtualizer, done: (rect: Rect) => void) =>
          observeElementRect(instance, (rect) => done(rect.height > 0 ? rect : fallback)),
        measureElement: (element: HTMLTableRowElement, entry: ResizeObserverEntry | undefined, instance: RowVirtualizer) => {
          const size = measureNode<HTMLTableRowElement>(element, entry, instance)
          return size > 0 ? size : options.estimate
        },
      }
    }),
  )

  const items = computed<VirtualItem[]>(() => virtualizer.value.getVirtualItems())
  const rendered = computed<RenderedRow<Row>[]>(() => {
    const rows = options.rows()
    const list = keys.value
    return items.value.flatMap((item) => {
      const row = rows[item.index]
      const key = list[item.index]
      return row === undefined || key === undefined ? [] : [{ index: item.index, key, row }]
    })
  })
  const paddingTop = computed(() => Math.max(0, (items.value[0]?.start ?? offsets.value.body) - offsets.value.body))
  const paddingBottom = computed(() => {
    const last = items.value.at(-1)
    return last === undefined ? 0 : Math.max(0, virtualizer.value.getTotalSize() - last.end)
  })

  /** For a row's function ref: measures a row once as it appears; the virtualizer's observer follows later changes. */
  function measure(element: unknown): void {
    if (element === null) virtualizer.value.measureElement(null)
    if (!(element instanceof HTMLTableRowElement) || measured.has(element)) return
    measured.add(element)
    virtualizer.value.measureElement(element)
  }

  /** Reads where the body starts under the caption and the sticky header (call after layout changes). */
  function updateOffsets(body: HTMLElement | null, header: HTMLElement | null): void {
    const box = options.scroller.value
    if (box === null || body === null) return
    const top = body.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop
    const next = { body: Math.max(0, Math.round(top)), header: Math.round(header?.getBoundingClientRect().height ?? 0) }
    if (next.body !== offsets.value.body || next.header !== offsets.value.header) offsets.value = next
  }

  /** The rendered row element of a display index, or null. */
  function rowElement(index: number): HTMLElement | null {
    return options.scroller.value?.querySelector<HTMLElement>(`tbody > tr[data-index="${index}"]`) ?? null
  }

  /** Scrolls a display index into the window and resolves with its row once rendered (null if it never is). */
  async function reveal(index: number): Promise<HTMLElement | null> {
    virtualizer.value.scrollToIndex(index, { align: 'auto' })
    for (let frame = 0; frame < 10; frame += 1) {
      await nextFrame()
      await nextTick()
      const row = rowElement(index)
      if (row !== null) return row
    }
    return null
  }

  return { virtualizer, keys, items, rendered, paddingTop, paddingBottom, offsets, measure, updateOffsets, rowElement, reveal }
}
