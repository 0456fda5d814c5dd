/**
 * The one switch from a command's records to stdout text: `json` prints the contract's objects as
 * they are (ONE document), `csv` every field of the view, `table` the view's shorter column list.
 */
import { Option } from 'commander'
import { toCsv } from './csv.ts'
import { toTable } from './table.ts'

export const FORMATS = ['table', 'json', 'csv'] as const
export type Format = (typeof FORMATS)[number]

/** Which fields a kind of record shows: `fields` (all, in contract order) for CSV, `table` for the terminal. */
export interface View<T> {
  fields: readonly (keyof T & string)[]
  table: readonly (keyof T & string)[]
}

export function render<T extends object>(format: Format, records: readonly T[], view: View<T>): string {
  const rows = records as readonly Readonly<Record<string, unknown>>[]
  if (format === 'json') return json(records)
  if (format === 'csv') return toCsv(view.fields, rows)
  return toTable(view.table, rows)
}

/** A JSON document for stdout. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

export function formatOption(): Option {
  return new Option('--format <format>', 'output format').choices(FORMATS).default('table')
}
