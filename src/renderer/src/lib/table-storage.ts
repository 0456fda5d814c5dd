/**
 * What a table remembers on this computer, per table id: its hidden columns and its sort. Kept in
 * localStorage as JSON; unreadable or missing storage means nothing is remembered (the caller's
 * default holds) and a refused write lasts for the view only.
 */
export type TableSetting = 'columns' | 'sort'

export const tableStorageKey = (setting: TableSetting, tableId: string): string => `support-console:table-${setting}:${tableId}`

/** The stored value, parsed; undefined when there is none or it cannot be read. */
export function readTableSetting(setting: TableSetting, tableId: string): unknown {
  try {
    const stored = globalThis.localStorage?.getItem(tableStorageKey(setting, tableId))
    return stored == null ? undefined : (JSON.parse(stored) as unknown)
  } catch {
    return undefined
  }
}

/** Stores a value (null forgets it). */
export function writeTableSetting(setting: TableSetting, tableId: string, value: unknown): void {
  try {
    const key = tableStorageKey(setting, tableId)
    if (value === null) globalThis.localStorage?.removeItem(key)
    else globalThis.localStorage?.setItem(key, JSON.stringify(value))
  } catch {
    // no storage (private mode, quota): the choice lasts for this view only
  }
}
