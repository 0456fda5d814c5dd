/**
 * The token writes: archive / rename / legacy-delete at Swedbank Pay, remove at a Connect provider.
 * Each prints the contract's response as ONE JSON document. The acting agent is the operator
 * (see session.ts); core sets what the provider needs (e.g. updatedBy PAYEE) and writes the audit.
 */
import { Option } from 'commander'
import type { Command } from 'commander'
import { contract } from '../../shared/contract.ts'
import { CONNECT_PROVIDERS } from '../../shared/domain.ts'
import type { ConnectProvider } from '../../shared/domain.ts'
import { AppError } from '../../shared/errors.ts'
import type { CliContext } from '../context.ts'
import { json } from '../format/render.ts'

/** payment, recurrence, unscheduled: the kinds with a token of their own (payerOwned goes by --payer-reference). */
const LEGACY_KINDS = contract['tokens:legacyDelete'].request.options[0].shape.kind.options

export function registerTokenActionCommands(program: Command, ctx: CliContext): void {
  program
    .command('archive')
    .description("archive one Swedbank Pay token (--token with --token-type), or every token of a payer (--all)")
    .requiredOption('--payer-reference <ref>', 'the Swedbank Pay payerReference')
    .addOption(new Option('--token <token>', 'the token to archive').conflicts('all'))
    .addOption(new Option('--token-type <type>', 'its type, e.g. Recurrence, Unscheduled, Payment').conflicts('all'))
    .option('--all', "archive all of the payer's active tokens")
    .requiredOption('--reason <text>', 'why (kept with the token, at most 250 characters)')
    .action(
      ctx.action<{ payerReference: string; token?: string; tokenType?: string; all?: boolean; reason: string }>(async (o) => {
        if (o.all === true) {
          const archived = await ctx.call('tokens:archiveAll', { provider: 'swedbankpay', payerReference: o.payerReference, reason: o.reason })
          return { stdout: json(archived) }
        }
        if (o.token === undefined || o.tokenType === undefined) {
          throw new AppError('VALIDATION', 'Give --token and --token-type, or --all.')
        }
        const request = { provider: 'swedbankpay', payerReference: o.payerReference, token: o.token, tokenType: o.tokenType, reason: o.reason } as const
        return { stdout: json(await ctx.call('tokens:archive', request)) }
      }),
    )

  program
    .command('remove')
    .description('remove a token or agreement a Connect provider holds for a customer')
    .addOption(new Option('--provider <provider>', 'the provider').choices(CONNECT_PROVIDERS).makeOptionMandatory())
    .requiredOption('--customer <customerNumber>', 'the Connect customer number')
    .requiredOption('--token <token>', 'the token, agreement or subscription id')
    .action(
      ctx.action<{ provider: ConnectProvider; customer: string; token: string }>(async (o) => {
        const removed = await ctx.call('tokens:remove', { provider: o.provider, customerNumber: o.customer, token: o.token })
        return { stdout: json(removed) }
      }),
    )

  program
    .command('legacy-delete')
    .description("delete a token through Swedbank Pay's old PaymentOrder API (--kind with --token, or all of a payer's)")
    .addOption(new Option('--kind <kind>', 'the kind of token').choices(LEGACY_KINDS).conflicts('payerReference'))
    .addOption(new Option('--token <token>', 'the token').conflicts('payerReference'))
    .option('--payer-reference <ref>', "delete the payer's own tokens (kind payerOwned)")
    .requiredOption('--comment <text>', 'why (at most 250 characters)')
    .action(
      ctx.action<{ kind?: (typeof LEGACY_KINDS)[number]; token?: string; payerReference?: string; comment: string }>(async (o) => {
        if (o.payerReference !== undefined) {
          return { stdout: json(await ctx.call('tokens:legacyDelete', { kind: 'payerOwned', payerReference: o.payerReference, comment: o.comment })) }
        }
        if (o.kind === undefined || o.token === undefined) throw new AppError('VALIDATION', 'Give --kind and --token, or --payer-reference.')
        return { stdout: json(await ctx.call('tokens:legacyDelete', { kind: o.kind, token: o.token, comment: o.comment })) }
      }),
    )

  program
    .command('rename')
    .description('set the display name of a Swedbank Pay token')
    .requiredOption('--token <token>', 'the token')
    .requiredOption('--token-type <type>', 'its type, e.g. Recurrence')
    .requiredOption('--name <text>', 'the new display name (at most 100 characters)')
    .action(
      ctx.action<{ token: string; tokenType: string; name: string }>(async (o) => {
        const request = { provider: 'swedbankpay', token: o.token, tokenType: o.tokenType, displayName: o.name } as const
        return { stdout: json(await ctx.call('tokens:rename', request)) }
      }),
    )
}
