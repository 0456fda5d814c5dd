/**
 * What a command leaves behind, and THE mapping from it to an exit code:
 *   0  done;
 *   1  the operation failed (a provider, the network, the console), or a provider of a listing failed;
 *   2  invalid usage or input, refused before any request (commander's usage errors, VALIDATION).
 * Failures are printed one line each on stderr: provider, code, HTTP status, message. Never a stack trace.
 */
import type { ErrorData } from '../shared/errors.ts'
import { isAppError } from '../shared/errors.ts'

export const EXIT = { done: 0, failed: 1, usage: 2 } as const
export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

export interface Outcome {
  /** The command's result (JSON, CSV or a table); the only thing on stdout. */
  stdout?: string
  /** Informational lines for stderr; they do not change the exit code. */
  notes?: string[]
  failures?: ErrorData[]
}

export function exitCodeOf(outcome: Outcome): ExitCode {
  const failures = outcome.failures ?? []
  if (failures.length === 0) return EXIT.done
  return failures.every((failure) => failure.code === 'VALIDATION') ? EXIT.usage : EXIT.failed
}

/** Prints an outcome (the result on stdout, notes and failures on stderr) and gives its exit code. */
export function report(outcome: Outcome, io: { out(text: string): void; err(text: string): void }): ExitCode {
  if (outcome.stdout !== undefined) io.out(outcome.stdout.endsWith('\n') ? outcome.stdout : `${outcome.stdout}\n`)
  for (const note of outcome.notes ?? []) io.err(`${noteLine(note)}\n`)
  for (const failure of outcome.failures ?? []) io.err(`${failureLine(failure)}\n`)
  return exitCodeOf(outcome)
}

/** Commander stopped the run: after --help or --version (its code 0) done, after a usage error 2. */
export function exitCodeOfCommander(commanderExitCode: number): ExitCode {
  return commanderExitCode === 0 ? EXIT.done : EXIT.usage
}

/** Whatever a command threw, as an outcome: AppErrors keep their code; anything else is a bug. */
export function outcomeOfError(error: unknown): Outcome {
  if (isAppError(error) && error.code !== 'INTERNAL') return { failures: [error.toData()] }
  return { failures: [{ code: 'INTERNAL', message: 'Something went wrong in the console.' }] }
}

/** `error: swedbankpay: PROVIDER_UNAVAILABLE, HTTP 503: Swedbank Pay is not available right now …` on one line. */
export function failureLine(failure: ErrorData): string {
  const what = failure.code === 'OUTCOME_UNKNOWN' ? 'OUTCOME_UNKNOWN (outcome unknown)' : failure.code
  const status = failure.httpStatus === undefined ? '' : `, HTTP ${failure.httpStatus}`
  const hint = failure.code === 'INTERNAL' ? ' Run again with --verbose to see the log on stderr.' : ''
  return `error: ${failure.provider === undefined ? '' : `${failure.provider}: `}${what}${status}: ${oneLine(failure.message)}${hint}`
}

export function noteLine(text: string): string {
  return `note: ${oneLine(text)}`
}

// eslint-disable-next-line no-control-regex
const oneLine = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim()
