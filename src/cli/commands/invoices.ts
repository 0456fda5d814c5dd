/**
 * `invoices`: a customer's invoices for a product (Connect, client mode); `--format json` prints the
 * array of invoices (the listing's `cachedAt` is not part of the CLI's output).
 * `pay-invoice`: starts Connect's invoice payment and prints {transactionId, paymentUrl} as JSON; the
 * payment itself happens on that page. Sent once, never retried: an unclear result is "outcome unknown".
 * --customer is optional: when given, the payment is scoped to that customer (?customerNumber=).
 */
import { Option } from 'commander'
import type { Command } from 'commander'
import { PAYMENT_METHODS } from '../../shared/domain.ts'
import type { PaymentMethod } from '../../shared/domain.ts'
import type { CliContext } from '../context.ts'
import { formatOption, json, render } from '../format/render.ts'
import type { Format } from '../format/render.ts'
import { invoiceView } from '../format/views.ts'

export function registerInvoiceCommands(program: Command, ctx: CliContext): void {
  program
    .command('invoices')
    .description("list a customer's invoices for a product")
    .requiredOption('--customer <customerNumber>', 'the Connect customer number')
    .requiredOption('--product <code>', 'the product code')
    .option('--from <date>', 'only invoices from this date (YYYY-MM-DD)')
    .option('--to <date>', 'only invoices up to this date (YYYY-MM-DD)')
    .addOption(formatOption())
    .action(
      ctx.action<{ customer: string; product: string; from?: string; to?: string; format: Format }>(async (o) => {
        const { invoices } = await ctx.call('invoices:list', {
          customerNumber: o.customer,
          productCode: o.product,
          ...(o.from === undefined ? {} : { from: o.from }),
          ...(o.to === undefined ? {} : { to: o.to }),
        })
        return { stdout: render(o.format, invoices, invoiceView) }
      }),
    )

  program
    .command('pay-invoice')
    .description('start the payment of an invoice; prints {transactionId, paymentUrl} as JSON')
    .requiredOption('--invoice <invoiceNumber>', 'the invoice number (at most 10 characters)')
    .requiredOption('--product <code>', 'the product code')
    .requiredOption('--company <code>', 'the company code')
    .addOption(new Option('--method <method>', 'the payment method').choices(PAYMENT_METHODS).makeOptionMandatory())
    .option('--customer <customerNumber>', 'scope the payment to this customer (optional)')
    .action(
      ctx.action<{ invoice: string; product: string; company: string; method: PaymentMethod; customer?: string }>(async (o) => {
        const started = await ctx.call('invoices:pay', {
          ...(o.customer === undefined ? {} : { customerNumber: o.customer }),
          invoiceNumber: o.invoice,
          productCode: o.product,
          companyCode: o.company,
          paymentMethod: o.method,
        })
        return { stdout: json({ transactionId: started.transactionId, paymentUrl: started.paymentUrl }) }
      }),
    )
}
