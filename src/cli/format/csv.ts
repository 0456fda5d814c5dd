/**
 * The CLI's CSV: the product's one CSV writer (`src/core/export/csv.ts`) with the CLI's public format —
 * comma-separated, no byte-order mark, a header of the field names, CRLF after every row. Every string
 * cell is quoted and formula-like cells are neutralised with a leading apostrophe (see the core module).
 */
import { csvRow, pickCells } from '../../core/export/csv.ts'
import type { CsvOptions } from '../../core/export/csv.ts'

const CLI_CSV: CsvOptions = { delimiter: ',' }

/** One CSV document: a header row with `columns`, then one row per record (cells picked by column name). */
export function toCsv(columns: readonly string[], rows: readonly Readonly<Record<string, unknown>>[]): string {
  return [csvRow(columns, CLI_CSV), ...rows.map((row) => csvRow(pickCells(row, columns), CLI_CSV))].join('')
}
