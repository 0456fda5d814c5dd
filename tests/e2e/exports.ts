/** Driving the export dialog, and reading what "the save dialog" saved (the dev host's --export-dir). */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { expect, type Page } from '@playwright/test'
import { EXPORT_COLUMNS } from '../../src/shared/export-columns.ts'
import type { ExportTable } from '../../src/shared/export-columns.ts'
import { screenshot } from './support.ts'

export const exportDir = (): string => {
  const dir = process.env.E2E_EXPORT_DIR
  if (!dir) throw new Error('E2E_EXPORT_DIR is not set (playwright.config.ts sets it)')
  return resolve(dir)
}

export interface ExportChoice {
  delimiter: ',' | ';'
  bom: boolean
  /** Tokens only: full identifiers. */
  reveal?: boolean
  /** Taken with the dialog filled in, before confirming. */
  screenshotName?: string
}

export const defaultKeys = (table: ExportTable): string[] => EXPORT_COLUMNS[table].filter((c) => c.default).map((c) => c.key)
export const defaultHeaders = (table: ExportTable): string[] => EXPORT_COLUMNS[table].filter((c) => c.default).map((c) => c.header)

/**
 * Opens the export dialog with `button`, checks the default columns, sets delimiter/BOM/reveal, confirms, and
 * returns the saved file's bytes. The file must be inside --export-dir, with no temp file left beside it.
 */
export async function exportThrough(page: Page, button: string, table: ExportTable, choice: ExportChoice): Promise<{ path: string; bytes: Buffer; rows: number }> {
  await page.getByTestId(button).click()
  const dialog = page.getByTestId('export-dialog')
  await expect(dialog).toBeVisible()
  for (const column of EXPORT_COLUMNS[table]) {
    await expect(page.getByTestId(`export-column-${column.key}`), column.key).toBeChecked({ checked: column.default })
  }
  await page.getByTestId('export-delimiter').selectOption(choice.delimiter)
  await page.getByTestId('export-bom').setChecked(choice.bom)
  if (choice.reveal !== undefined) await page.getByTestId('export-reveal').setChecked(choice.reveal)
  if (choice.screenshotName) await screenshot(page, choice.screenshotName)
  await page.getByTestId('export-confirm').click()

  const result = page.getByTestId('export-result')
  await expect(result).toBeVisible({ timeout: 15_000 })
  const text = (await result.textContent()) ?? ''
  const path = /to\s+(\/\S+\.csv)\s*$/.exec(text.trim())?.[1] ?? ''
  expect(path, `the saved path in "${text}"`).not.toBe('')
  expect(dirname(path)).toBe(exportDir())
  const rows = Number(/Saved (\d+) rows?/.exec(text)?.[1])
  expect(Number.isInteger(rows), `the row count in "${text}"`).toBe(true)
  // Atomic write: the final file only, no temp file left in the folder.
  expect(readdirSync(exportDir()).filter((name) => !name.endsWith('.csv'))).toEqual([])
  await page.getByTestId('export-cancel').click()
  await expect(dialog).toBeHidden()
  return { path, bytes: readFileSync(path), rows }
}
