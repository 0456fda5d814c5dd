/**
 * `export <tokens|invoices|customers|audit> … --out <file>`: one table to a CSV file through core's
 * export service (the app's code path: allow-listed columns, token ids, emails and phone numbers masked unless --reveal, a temp
 * file renamed into place, an audit entry). Prints {path, rows, bytes} as JSON. Options that do not
 * apply to the table are refused (exit 2) rather than ignored.
 */
import { resolve } from 'node:path'
import { Argument, Option } from 'commander'
import type { Command } from 'commander'
import { planExport } from '../../core/export/export-plan.ts'
import type { ExportSpec } from '../../core/export/export-plan.ts'
import { AppError, isAppError } from '../../shared/errors.ts'
import { EXPORT_COLUMNS, EXPORT_TABLES } from '../../shared/records.ts'
import type { ExportSource, ExportTable } from '../../shared/records.ts'
import type { CliContext } from '../context.ts'
import { DATA_DIR_HELP } from '../data-dir.ts'
import { openCliExport } from '../export-sources.ts'
import { json } from '../format/render.ts'

interface ExportOptions {
  customer?: string
  payerReference?: string
  product?: string
  query?: string
  archived?: boolean
  reveal?: boolean
  out: string
  delimiter: ',' | ';'
  bom: boolean
  columns?: string
}

type Selector = 'customer' | 'payerReference' | 'product' | 'query' | 'archived' | 'reveal'

const FLAGS: Record<Selector, string> = {
  customer: '--customer',
  payerReference: '--payer-reference',
  product: '--product',
  query: '--query',
  archived: '--archived',
  reveal: '--reveal',
}

const HELP = `
Tables and what they need:
  tokens     --customer <n> or --payer-reference <ref> (Swedbank Pay only); --archived, --reveal
  invoices   --customer <n> and --product <code>
  customers  --customer <n> (one customer) or --query <text> (a search); --reveal
  audit      the audit log of this machine's user; --customer <n> keeps that customer's entries

Columns (--columns, comma-separated, in the order wanted; * = default):
${EXPORT_TABLES.map((table) => `  ${table.padEnd(10)} ${EXPORT_COLUMNS[table].map((column) => `${column.key}${column.default ? '*' : ''}`).join(',')}`).join('\n')}

Token ids (****1234), emails (o***@e***.no) and phone numbers (+** *** ** *67) are masked
unless --reveal; every export (and every reveal) is recorded in the audit log.
Data folder: ${DATA_DIR_HELP}.`

export function registerExportCommand(program: Command, ctx: CliContext): void {
  program
    .command('export')
    .description('write a table to a CSV file (a temp file, then renamed into place); prints {path, rows, bytes}')
    .addArgument(new Argument('<table>', 'what to export').choices(EXPORT_TABLES))
    .option('--customer <customerNumber>', 'the customer (audit: only entries about this customer)')
    .option('--payer-reference <ref>', 'tokens: a Swedbank Pay payerReference instead of --customer')
    .option('--product <code>', 'invoices: the product code')
    .option('--query <text>', 'customers: search instead of one --customer')
    .option('--archived', 'tokens: include archived tokens')
    .requiredOption('--out <file>', 'the CSV file to write (replaced if it exists)')
    .addOption(new Option('--delimiter <delimiter>', 'cell separator').choices([',', ';']).default(';'))
    .option('--no-bom', 'leave out the UTF-8 byte-order mark')
    .option('--columns <list>', "comma-separated column keys (default: the table's default columns)")
    .option('--reveal', 'tokens, customers: write full token ids, emails and phone numbers (recorded in the audit log)')
    .addHelpText('after', HELP)
    .action(
      ctx.action<ExportOptions>(async (options, [table]) => {
        const spec = exportSpec(table as ExportTable, options)
        planExport(spec) // refuses bad columns or values before anything is opened or asked
        const target = resolve(options.out)
        const cliExport = openCliExport(ctx)
        try {
          const written = await cliExport.service.exportToFile(spec, target)
          const notes = spec.reveal ? ['Unmasked values were written; the reveal is recorded in the audit log.'] : []
          return { stdout: json({ path: target, ...written }), notes }
        } catch (error) {
          // The service's messages are plain (no path, no stack): show them, INTERNAL included.
          if (isAppError(error)) return { failures: [error.toData()] }
          throw error
        } finally {
          cliExport.close()
        }
      }),
    )
}

function exportSpec(table: ExportTable, options: ExportOptions): ExportSpec {
  const columns =
    options.columns === undefined
      ? EXPORT_COLUMNS[table].filter((column) => column.default).map((column) => column.key)
      : options.columns.split(',').map((key) => key.trim())
  return { source: sourceOf(table, options), columns, delimiter: options.delimiter, bom: options.bom, reveal: options.reveal === true }
}

function sourceOf(table: ExportTable, o: ExportOptions): ExportSource {
  const only = (...allowed: Selector[]) => {
    const extra = (Object.keys(FLAGS) as Selector[]).find((key) => !allowed.includes(key) && o[key] !== undefined)
    if (extra !== undefined) throw new AppError('VALIDATION', `${FLAGS[extra]} does not apply to export ${table}.`)
  }
  const customer = o.customer === undefined ? {} : { customerNumber: o.customer }
  switch (table) {
    case 'tokens':
      only('customer', 'payerReference', 'archived', 'reveal')
      if ((o.customer === undefined) === (o.payerReference === undefined)) {
        throw new AppError('VALIDATION', 'export tokens needs one of --customer <customerNumber> or --payer-reference <ref>.')
      }
      return {
        table,
        ...customer,
        ...(o.payerReference === undefined ? {} : { payerReference: o.payerReference }),
        ...(o.archived === true ? { includeArchived: true } : {}),
      }
    case 'invoices':
      only('customer', 'product')
      if (o.customer === undefined || o.product === undefined) throw new AppError('VALIDATION', 'export invoices needs --customer <customerNumber> and --product <code>.')
      return { table, customerNumber: o.customer, productCode: o.product }
    case 'customers':
      only('customer', 'query', 'reveal')
      if ((o.customer === undefined) === (o.query === undefined)) {
        throw new AppError('VALIDATION', 'export customers needs one of --customer <customerNumber> or --query <text>.')
      }
      return o.query === undefined ? { table, from: 'customer', ...customer } : { table, from: 'search', query: o.query }
    case 'audit':
      only('customer')
      return { table, ...(o.customer === undefined ? {} : { filter: customer }) }
  }
}
