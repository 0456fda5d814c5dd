/** CSV export rules the dialog and its tests share. Pure functions, no Vue. */
import { EXPORT_COLUMNS } from '../../../shared/export-columns.ts'
import type { ExportTable } from '../../../shared/export-columns.ts'

export type Delimiter = ',' | ';'

/** Languages whose Excel expects `;` (the comma is their decimal separator). */
const SEMICOLON_LANGUAGES = ['nb', 'nn', 'no', 'sv', 'da']

/**
 * `;` for Norwegian, Swedish and Danish, `,` for everyone else. The dialog passes the UI language
 * the agent chose (nb, sv, en), so a Norwegian or Swedish console exports with `;`.
 */
export function defaultDelimiter(language: string | undefined): Delimiter {
  const primary = (language ?? '').toLowerCase().split(/[-_]/)[0] ?? ''
  return SEMICOLON_LANGUAGES.includes(primary) ? ';' : ','
}

/** The column keys chosen by default for a table, in the listed order. */
export function defaultColumns(table: ExportTable): string[] {
  return EXPORT_COLUMNS[table].filter((column) => column.default).map((column) => column.key)
}

/** The chosen keys in the order EXPORT_COLUMNS lists them (the order the agent sees). */
export function orderedColumns(table: ExportTable, chosen: ReadonlySet<string>): string[] {
  return EXPORT_COLUMNS[table].filter((column) => chosen.has(column.key)).map((column) => column.key)
}

/** A fresh id for one export, so its progress can be asked for while it runs. */
export function newExportId(): string {
  return crypto.randomUUID()
}
