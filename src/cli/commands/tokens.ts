/**
 * `tokens`: the cross-provider token table of a customer (every provider) or of a payerReference
 * (Swedbank Pay only). A provider that fails is reported on stderr and makes the exit code 1; the
 * tokens the others returned are still printed.
 */
import { Option } from 'commander'
import type { Command } from 'commander'
import type { RequestOf } from '../../shared/contract.ts'
import type { Provider, TokenListing } from '../../shared/domain.ts'
import { PROVIDERS } from '../../shared/domain.ts'
import { AppError } from '../../shared/errors.ts'
import type { ErrorData } from '../../shared/errors.ts'
import type { CliContext } from '../context.ts'
import { formatOption, render } from '../format/render.ts'
import type { Format } from '../format/render.ts'
import { tokenView } from '../format/views.ts'
import type { Outcome } from '../outcome.ts'

/** Which tokens to list (shared with `export tokens`). */
export interface TokensSelection {
  customer?: string
  payerReference?: string
  provider?: string
  archived?: boolean
}

interface TokensOptions extends TokensSelection {
  format: Format
}

export function registerTokensCommand(program: Command, ctx: CliContext): void {
  program
    .command('tokens')
    .description('list payment tokens and agreements at every provider')
    .addOption(new Option('--customer <customerNumber>', 'the Connect customer number').conflicts('payerReference'))
    .option('--payer-reference <ref>', 'a Swedbank Pay payerReference (asks Swedbank Pay only)')
    .option('--provider <list>', `comma-separated providers: ${PROVIDERS.join(',')} (default: all)`)
    .option('--archived', 'include archived tokens')
    .addOption(formatOption())
    .action(
      ctx.action<TokensOptions>(async (options) => {
        const listing = await ctx.call('tokens:list', tokensRequest(options))
        return listingOutcome(listing, options.format)
      }),
    )
}

export function tokensRequest(options: TokensSelection): RequestOf<'tokens:list'> {
  if (options.customer === undefined && options.payerReference === undefined) {
    throw new AppError('VALIDATION', 'Give --customer <customerNumber> or --payer-reference <ref>.')
  }
  const listed = options.provider?.split(',').map((name) => name.trim()) as Provider[] | undefined
  if (options.payerReference !== undefined && listed?.some((provider) => provider !== 'swedbankpay')) {
    throw new AppError('VALIDATION', '--payer-reference looks up Swedbank Pay only: leave out --provider, or use --customer.')
  }
  // A payerReference is a Swedbank Pay notion: only Swedbank Pay is asked.
  const providers: Provider[] | undefined = options.payerReference === undefined ? listed : ['swedbankpay']
  return {
    ...(options.customer === undefined ? {} : { customerNumber: options.customer }),
    ...(options.payerReference === undefined ? {} : { payerReference: options.payerReference }),
    ...(providers === undefined ? {} : { providers }),
    ...(options.archived === true ? { includeArchived: true } : {}),
  }
}

function listingOutcome(listing: TokenListing, format: Format): Outcome {
  const notConfigured = listing.providers.filter((status) => status.status === 'not_configured')
  return {
    stdout: render(format, listing.tokens, tokenView),
    notes: notConfigured.map((status) => `${status.provider}: ${status.error?.message ?? 'not configured'}`),
    failures: listingFailures(listing),
  }
}

/** The providers of a listing that failed, as errors naming the provider. */
export function listingFailures(listing: TokenListing): ErrorData[] {
  return listing.providers
    .filter((status) => status.status === 'failed')
    .map((status) => ({ ...(status.error ?? { code: 'PROVIDER_ERROR', message: 'The provider failed.' }), provider: status.provider }))
}
