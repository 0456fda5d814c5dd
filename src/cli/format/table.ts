/**
 * Aligned plain-text columns for a terminal: a header row of field names, then one line per record.
 * Control characters (newlines, escape sequences) are shown as spaces so no cell can break the layout
 * or drive the terminal.
 */

const GAP = '  '
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g

export function toTable(columns: readonly string[], rows: readonly Readonly<Record<string, unknown>>[]): string {
  const cells = [[...columns], ...rows.map((row) => columns.map((column) => tableCell(row[column])))]
  const widths = columns.map((_, index) => Math.max(...cells.map((line) => width(line[index] ?? ''))))
  return cells
    .map((line) => line.map((cell, index) => cell + ' '.repeat((widths[index] ?? 0) - width(cell))).join(GAP).trimEnd())
    .map((line) => `${line}\n`)
    .join('')
}

function tableCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  const text = Array.isArray(value) ? value.map(String).join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value)
  return text.replace(CONTROL, ' ')
}

/** Width in code points (close enough for names and ids; wide CJK glyphs are not expected here). */
function width(text: string): number {
  return [...text].length
}
