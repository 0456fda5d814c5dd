/** `customers search <query> [--format]`: Connect's customer search. */
import type { Command } from 'commander'
import type { CliContext } from '../context.ts'
import { formatOption, render } from '../format/render.ts'
import type { Format } from '../format/render.ts'
import { customerView } from '../format/views.ts'

export function registerCustomerCommands(program: Command, ctx: CliContext): void {
  const customers = program.command('customers').description('find customers in Connect')
  customers
    .command('search')
    .description('search customers by name, customer number, email or phone')
    .argument('<query...>', 'what to search for (words are joined with spaces)')
    .addOption(formatOption())
    .action(
      ctx.action<{ format: Format }>(async (options, words) => {
        const found = await ctx.call('customers:search', { query: words.join(' ') })
        return { stdout: render(options.format, found, customerView) }
      }),
    )
}
