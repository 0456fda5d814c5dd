/**
 * CSV as RFC 4180 describes it (CRLF line ends, fields quoted with doubled quotes), made safe for
 * spreadsheets: a string cell that starts with = + - @ TAB or CR (also after leading whitespace) is
 * neutralised with a leading apostrophe so it is never evaluated as a formula. Every string cell is
 * quoted, so `;` (the separator Excel uses in Norway and Sweden), commas and newlines stay in their cell.
 */

const FORMULA_START = /^\s*[=+\-@\t\r]/

/** One CSV document: a header row with `columns`, then one row per record (cells picked by column name). */
export function toCsv(columns: readonly string[], rows: readonly Readonly<Record<string, unknown>>[]): string {
  const lines = [columns.map(csvCell), ...rows.map((row) => columns.map((column) => csvCell(row[column])))]
  return lines.map((cells) => `${cells.join(',')}\r\n`).join('')
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  const text = Array.isArray(value) ? value.map(String).join(', ') : typeof value === 'string' ? value : JSON.stringify(value)
  const safe = FORMULA_START.test(text) ? `'${text}` : text
  return `"${safe.replaceAll('"', '""')}"`
}
