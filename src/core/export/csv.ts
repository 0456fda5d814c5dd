/**
 * The product's one CSV writer (RFC 4180, made safe for spreadsheets; design §2.6, OWASP "CSV Injection").
 *
 * - Every string cell is quoted, embedded quotes doubled, so a delimiter, quote, CR or LF in a value
 *   never starts a new cell or row; rows end with CRLF.
 * - A string cell whose first non-space character is = + - @ TAB CR NUL (or full-width ＝ ＋ － ＠)
 *   gets a leading `'` so a spreadsheet never evaluates it as a formula. Quoting alone does not stop that.
 * - Numbers (and bigints) are written as numbers and never neutralised: amounts stay numbers, a
 *   negative amount keeps its minus. Booleans are `true`/`false`; null and undefined are empty.
 * - Arrays are joined with ", " into one string cell; other objects are written as JSON (then guarded).
 * - `writeCsv` writes only the listed columns (an allow-list) and streams in chunks.
 */

export type CsvDelimiter = ',' | ';'

export interface CsvOptions {
  /** Cell separator; `;` (default) is what Excel expects in Norway and Sweden. */
  delimiter?: CsvDelimiter
}

export interface CsvColumn {
  /** The record's own property to read. */
  key: string
  /** The header cell's text. */
  header: string
}

export interface WriteCsvOptions extends CsvOptions {
  columns: readonly CsvColumn[]
  /** Start with a UTF-8 byte-order mark so Excel reads æøå correctly (default true). */
  bom?: boolean
  /** Receives the document in pieces; awaited before the next piece is built. */
  write: (chunk: string) => void | Promise<void>
  /** Called after each chunk with the number of data rows written so far. */
  onProgress?: (rowsWritten: number) => void
  /** Data rows per chunk (default 1000). */
  chunkRows?: number
}

export const DEFAULT_DELIMITER: CsvDelimiter = ';'
export const DEFAULT_CHUNK_ROWS = 1000
const BOM = '\uFEFF'
const CRLF = '\r\n'

/** Leading whitespace (\s covers TAB and CR too), then a character a spreadsheet treats as a formula start. */
const FORMULA_START = /^\s*[=+\-@\t\r\0＝＋－＠]/

/** Whether a string cell is neutralised with a leading `'` (exported so tests and callers agree on the rule). */
export function needsFormulaGuard(text: string): boolean {
  // Fast path for the common cell: a first character that is neither whitespace nor a formula start.
  const first = text.charCodeAt(0)
  const letterOrDigit = (first >= 0x30 && first <= 0x39) || (first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a)
  return !letterOrDigit && FORMULA_START.test(text)
}

/** One cell, quoted and guarded as described above. The delimiter option is accepted for symmetry; every string is quoted either way. */
export function csvCell(value: unknown, _options: CsvOptions = {}): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value)
  const text = cellText(value)
  if (text === undefined) return ''
  const safe = needsFormulaGuard(text) ? `'${text}` : text
  return safe.includes('"') ? `"${safe.replaceAll('"', '""')}"` : `"${safe}"`
}

/** One row: cells joined with the delimiter, ending in CRLF. */
export function csvRow(cells: readonly unknown[], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? DEFAULT_DELIMITER
  let row = ''
  for (let index = 0; index < cells.length; index += 1) {
    if (index > 0) row += delimiter
    row += csvCell(cells[index], options)
  }
  return row + CRLF
}

/** The cells of one record for the allow-listed columns (own properties only; nothing inherited). */
export function pickCells(record: Readonly<Record<string, unknown>>, keys: readonly string[]): unknown[] {
  return keys.map((key) => (Object.hasOwn(record, key) ? record[key] : undefined))
}

/**
 * Streams a whole document: optional BOM, the header row, then one row per record, handed to `write`
 * every `chunkRows` rows so the file is never held in memory. Resolves with the number of data rows.
 */
export async function writeCsv(
  rows: AsyncIterable<Readonly<Record<string, unknown>>> | Iterable<Readonly<Record<string, unknown>>>,
  options: WriteCsvOptions,
): Promise<number> {
  const { columns, write, onProgress } = options
  const chunkRows = Math.max(1, Math.floor(options.chunkRows ?? DEFAULT_CHUNK_ROWS))
  const rowOptions: CsvOptions = { delimiter: options.delimiter ?? DEFAULT_DELIMITER }
  const keys = columns.map((column) => column.key)
  let pending = `${options.bom ?? true ? BOM : ''}${csvRow(columns.map((column) => column.header), rowOptions)}`
  let inChunk = 0
  let written = 0
  /** Adds one row; true when the chunk is full and must be written. */
  const add = (record: Readonly<Record<string, unknown>>): boolean => {
    pending += csvRow(pickCells(record, keys), rowOptions)
    inChunk += 1
    written += 1
    return inChunk === chunkRows
  }
  const flush = async () => {
    await write(pending)
    onProgress?.(written)
    pending = ''
    inChunk = 0
  }
  // A plain loop over an array or other sync iterable: `for await` would cost a microtask per row.
  if (Symbol.iterator in rows) {
    for (const record of rows) if (add(record)) await flush()
  } else {
    for await (const record of rows) if (add(record)) await flush()
  }
  if (pending !== '') {
    await write(pending)
    onProgress?.(written)
  }
  return written
}

function cellText(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (Array.isArray(value)) return value.map(String).join(', ')
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString()
  if (typeof value === 'symbol' || typeof value === 'function') return undefined
  return JSON.stringify(value)
}
