/**
 * `support-console`: the commands, the global options, and the one place that turns a run into
 * output and an exit code (see outcome.ts for the mapping).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander'
import { registerCustomerCommands } from './commands/customers.ts'
import { registerEndpointsCommand } from './commands/endpoints.ts'
import { registerExportCommand } from './commands/export.ts'
import { registerInvoiceCommands } from './commands/invoices.ts'
import { registerSandboxCommand } from './commands/sandbox.ts'
import { registerTokenActionCommands } from './commands/token-actions.ts'
import { registerTokensCommand } from './commands/tokens.ts'
import { createContext } from './context.ts'
import type { CliIo, GlobalOptions } from './context.ts'
import { DATA_DIR_HELP } from './data-dir.ts'
import { CONNECT_VARIABLES, PAYER_REFERENCE_TEMPLATE, SWEDBANKPAY_VARIABLES } from './env-config.ts'
import { exitCodeOfCommander, outcomeOfError, report } from './outcome.ts'
import type { ExitCode, Outcome } from './outcome.ts'

const MAX_TIMEOUT_MS = 600_000

const MORE_HELP = `
Configuration (when --sandbox is not given):
  Connect:       ${CONNECT_VARIABLES.join(' ')}
  Swedbank Pay:  ${SWEDBANKPAY_VARIABLES.join(' ')}
  Set all variables of an API to use it. --sandbox starts a fresh sandbox per run; for several steps
  on one sandbox, run \`support-console sandbox\` and use the variables it prints.
  Optional: ${PAYER_REFERENCE_TEMPLATE}, a customer's Swedbank Pay payerReference, e.g. NO-{customerNumber}.
  Optional: ${DATA_DIR_HELP}.

Output: --format json prints ONE JSON document on stdout; csv has a header row of the contract's field
names. Errors and notes go to stderr.

Exit codes: 0 done; 1 the operation failed (or a provider of a listing failed); 2 invalid usage or
input, refused before any request.`

export async function runCli(argv: readonly string[], io: CliIo, version: string): Promise<ExitCode> {
  const program = new Command('support-console')
  const ctx = createContext(io, version, () => program.opts<GlobalOptions>())
  program
    .description('Support Console on the command line: the same services as the app, without a window.')
    .version(version)
    .option('--sandbox', 'start an embedded sandbox on 127.0.0.1 for this run and use it (ignores the environment)')
    .addOption(new Option('--timeout <ms>', 'timeout of each provider request, in milliseconds').argParser(parseTimeout))
    .option('--verbose', 'write the (redacted) log to stderr')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', MORE_HELP)
    .exitOverride()
  registerCustomerCommands(program, ctx)
  registerTokensCommand(program, ctx)
  registerTokenActionCommands(program, ctx)
  registerInvoiceCommands(program, ctx)
  registerSandboxCommand(program, ctx)
  registerEndpointsCommand(program, ctx)
  registerExportCommand(program, ctx)

  let outcome: Outcome
  try {
    await program.parseAsync([...argv], { from: 'user' })
    outcome = ctx.outcome()
  } catch (error) {
    // Commander has printed its own message (usage error) or the help/version text.
    if (error instanceof CommanderError) return exitCodeOfCommander(error.exitCode)
    outcome = outcomeOfError(error)
  } finally {
    await ctx.close()
  }
  return report(outcome, io)
}

function parseTimeout(value: string): number {
  const ms = /^[0-9]{1,7}$/.test(value) ? Number(value) : Number.NaN
  if (!(ms >= 1 && ms <= MAX_TIMEOUT_MS)) throw new InvalidArgumentError(`give milliseconds from 1 to ${MAX_TIMEOUT_MS}`)
  return ms
}
