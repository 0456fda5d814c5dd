/**
 * What every command gets: `call` (contract validation first, then the runtime, then the dispatcher)
 * and `action`, which records the command's Outcome for program.ts to print and map to an exit code.
 */
import type { Command } from 'commander'
import type { z } from 'zod'
import { describeIssues } from '../core/dispatch.ts'
import { createLogger, formatRecord } from '../core/log.ts'
import type { Logger } from '../core/log.ts'
import type { Channel } from '../shared/api-shape.ts'
import { contract } from '../shared/contract.ts'
import type { RequestOf, ResponseOf, ServiceChannel } from '../shared/contract.ts'
import type { ProfileKind } from '../shared/domain.ts'
import { AppError } from '../shared/errors.ts'
import { ENV_PROFILE } from './env-config.ts'
import type { Outcome } from './outcome.ts'
import { startRuntime } from './runtime.ts'
import type { Runtime } from './runtime.ts'

export type Env = Readonly<Record<string, string | undefined>>

export interface CliIo {
  out(text: string): void
  err(text: string): void
  env: Env
}

export interface GlobalOptions {
  sandbox?: boolean
  timeout?: number
  verbose?: boolean
}

export interface CliContext {
  readonly io: CliIo
  readonly version: string
  /** Refuses invalid input with VALIDATION before anything starts; throws AppError for a failed result. */
  call<C extends ServiceChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>
  /** A commander action running `work` with the command's options and recording its outcome. */
  action<O>(work: (options: O, args: string[]) => Promise<Outcome>): (...args: unknown[]) => Promise<void>
  outcome(): Outcome
  /** The redacting logger: stderr with --verbose, else silent. */
  logger(): Logger
  /** The profile the CLI runs as: sandbox with --sandbox, else that of the environment variables. */
  profile(): ProfileKind
  close(): Promise<void>
}

export function createContext(io: CliIo, version: string, globals: () => GlobalOptions): CliContext {
  let runtime: Promise<Runtime> | null = null
  let outcome: Outcome = {}
  let logger: Logger | null = null

  const logs = (): Logger => {
    logger ??= createLogger({ sinks: globals().verbose === true ? [{ write: (record) => io.err(`${formatRecord(record)}\n`) }] : [] })
    return logger
  }
  const start = (): Promise<Runtime> => {
    const options = globals()
    runtime ??= startRuntime({ sandbox: options.sandbox === true, timeoutMs: options.timeout, env: io.env, version, logger: logs() })
    return runtime
  }

  return {
    io,
    version,
    async call(channel, request) {
      refuseInvalid(channel, request)
      const result = await (await start()).dispatch(channel, request)
      if (!result.ok) {
        const { code, message, ...extra } = result.error
        throw new AppError(code, message, extra)
      }
      return result.data as ResponseOf<typeof channel>
    },
    action<O>(work: (options: O, args: string[]) => Promise<Outcome>) {
      return async (...args: unknown[]) => {
        const command = args.at(-1) as Command
        outcome = await work(command.opts() as O, command.args)
      }
    },
    outcome: () => outcome,
    logger: logs,
    profile: () => (globals().sandbox === true ? 'sandbox' : ENV_PROFILE.kind),
    async close() {
      const started = runtime
      runtime = null
      if (started !== null) await (await started.catch(() => null))?.close()
    },
  }
}

/** The contract's own request schema, checked here so that invalid input never starts anything. */
function refuseInvalid(channel: Channel, request: unknown): void {
  const schema: z.ZodType = contract[channel].request
  const parsed = schema.safeParse(request)
  if (!parsed.success) throw new AppError('VALIDATION', describeIssues(parsed.error.issues))
}
