/**
 * The generic table's rules: column definitions, sorting and filtering. Pure functions over plain
 * (raw, non-reactive) rows, no Vue, so they run the same in a component, a test or a benchmark.
 */

/** How a column's sort value compares: text by the agent's collation, numbers, or points in time. */
export type SortKind = 'text' | 'number' | 'date'

export type SortDirection = 'ascending' | 'descending'

export interface SortState {
  column: string
  direction: SortDirection
}

export interface TableColumn<Row> {
  /** Stable id: the cell slot's name (`cell-<id>`) and what the column chooser remembers. */
  id: string
  label: string
  /** The header's text is for screen readers only (an actions column). */
  labelHidden?: boolean
  /** What the cell shows when no slot renders it, and what the filter searches. */
  text?: (row: Row) => string
  /** Sortable when given: the kind and the value compared (null sorts last in both directions). */
  sort?: { kind: SortKind; value: (row: Row) => string | number | null }
  /** false: always shown and not offered in the column chooser (row actions). */
  hideable?: boolean
  /** A class for the column's cells and header (`num` right-aligns amounts). */
  class?: string
  /** The column's width (any CSS length), so columns keep their place while rows scroll by. */
  width?: string
}

/** A point in time for a date sort value: ISO strings through Date.parse; null when unreadable. */
function toTime(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  const time = Date.parse(value)
  return Number.isNaN(time) ? null : time
}

function toNumber(value: string | number): number | null {
  const number = typeof value === 'number' ? value : Number(value.replace(',', '.'))
  return Number.isFinite(number) ? number : null
}

/**
 * The rows ordered by one column, as a new array (the input is left alone). Stable: equal values
 * keep their given order in both directions. Text compares with Intl.Collator in `locale`
 * (numeric, so "Kunde 9" < "Kunde 10"); numbers numerically; dates by time. Empty values go last.
 */
export function sortRows<Row>(rows: readonly Row[], column: TableColumn<Row>, direction: SortDirection, locale?: string): Row[] {
  const sort = column.sort
  if (sort === undefined) return rows.slice()
  const sign = direction === 'ascending' ? 1 : -1
  const keys: (string | number | null)[] = rows.map((row) => {
    const value = sort.value(row)
    if (value === null || value === '') return null
    return sort.kind === 'text' ? String(value) : sort.kind === 'number' ? toNumber(value) : toTime(value)
  })
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' })
  const order = rows.map((_, index) => index)
  order.sort((a, b) => {
    const left = keys[a] ?? null
    const right = keys[b] ?? null
    if (left === null || right === null) return left === right ? a - b : left === null ? 1 : -1
    const compared =
      typeof left === 'string' && typeof right === 'string' ? collator.compare(left, right) : (left as number) - (right as number)
    return compared === 0 ? a - b : sign * compared
  })
  return order.map((index) => rows[index] as Row)
}

/** The needle a filter text becomes: trimmed, lower-cased in the agent's locale. */
export function filterNeedle(text: string, locale?: string): string {
  return text.trim().toLocaleLowerCase(locale)
}

/** What a row offers the filter: the text of the given columns, lower-cased, one line each. */
export function rowHaystack<Row>(row: Row, columns: readonly TableColumn<Row>[], locale?: string): string {
  let text = ''
  for (const column of columns) if (column.text) text += `${column.text(row)}\n`
  return text.toLocaleLowerCase(locale)
}

/** The rows whose text in `columns` contains the filter text (case-insensitive); all rows for an empty filter. */
export function filterRows<Row>(rows: readonly Row[], columns: readonly TableColumn<Row>[], text: string, locale?: string): Row[] {
  const needle = filterNeedle(text, locale)
  if (needle.length === 0) return rows.slice()
  return rows.filter((row) => rowHaystack(row, columns, locale).includes(needle))
}

/** The next state when a column's header is clicked: ascending, then descending, then unsorted. */
export function nextSort(current: SortState | null, column: string): SortState | null {
  if (current?.column !== column) return { column, direction: 'ascending' }
  return current.direction === 'ascending' ? { column, direction: 'descending' } : null
}

/**
 * The sort to restore from a stored value: a known direction on a column that is given (shown) and
 * sortable; anything else (unreadable, a column gone or hidden) is the given order, null.
 */
export function readSortState(stored: unknown, columns: readonly TableColumn<unknown>[]): SortState | null {
  if (typeof stored !== 'object' || stored === null) return null
  const { column, direction } = stored as Record<string, unknown>
  if (direction !== 'ascending' && direction !== 'descending') return null
  const known = columns.some((candidate) => candidate.id === column && candidate.sort !== undefined)
  return known && typeof column === 'string' ? { column, direction } : null
}

/**
 * The hidden column ids to keep from a stored value: known, hideable ids only, and never all of
 * them (at least one column stays). Anything unreadable counts as nothing hidden.
 */
export function readHiddenColumns(stored: unknown, columns: readonly TableColumn<unknown>[]): string[] {
  if (!Array.isArray(stored)) return []
  const hideable = new Set(columns.filter((column) => column.hideable !== false).map((column) => column.id))
  const hidden = [...new Set(stored.filter((id): id is string => typeof id === 'string' && hideable.has(id)))]
  return hidden.length >= hideable.size ? [] : hidden
}
