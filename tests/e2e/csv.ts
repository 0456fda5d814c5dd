/** Reading an exported CSV back strictly: the BOM as asked, RFC 4180 (tests/support/csv-reader.ts), the header row. */
import { expect } from '@playwright/test'
import { parseCsv } from '../support/csv-reader.ts'

const BOM = Buffer.from([0xef, 0xbb, 0xbf])

export interface ParsedExport {
  header: string[]
  /** Data rows, as arrays of cells. */
  rows: string[][]
}

export function readExport(bytes: Buffer, options: { bom: boolean; delimiter: ',' | ';' }): ParsedExport {
  expect(bytes.subarray(0, 3).equals(BOM), 'UTF-8 byte order mark').toBe(options.bom)
  const body = options.bom ? bytes.subarray(3) : bytes
  const text = new TextDecoder('utf-8', { fatal: true }).decode(body)
  const [header, ...rows] = parseCsv(text, options.delimiter)
  expect(header, 'a header row').toBeDefined()
  return { header: header!, rows }
}

/** Data rows as objects keyed by the column keys, in the header's order. */
export function keyedRows(parsed: ParsedExport, keys: readonly string[]): Record<string, string>[] {
  expect(parsed.header.length).toBe(keys.length)
  return parsed.rows.map((row) => Object.fromEntries(keys.map((key, index) => [key, row[index]!])))
}
