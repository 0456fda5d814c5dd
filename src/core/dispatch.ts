/**
 * The one way into core from a boundary (IPC registrar, dev bridge, CLI): channel name and raw
 * request in, `{ ok, data } | { ok: false, error }` out. The request is checked against the
 * contract before any handler runs, and the handler's answer against the response schema (which
 * also strips fields the contract does not know). Never throws; never returns a stack trace.
 */
import type { z } from 'zod'
import type { Channel } from '../shared/api-shape.ts'
import { contract } from '../shared/contract.ts'
import type { Handlers } from '../shared/contract.ts'
import { fail, ok } from '../shared/errors.ts'
import type { Result } from '../shared/errors.ts'
import { INTERNAL_MESSAGE, toErrorData } from './error-data.ts'
import { shorten } from './http/paths.ts'
import { consoleSink, createLogger } from './log.ts'
import type { Logger } from './log.ts'

export type Dispatch = (channel: string, request: unknown) => Promise<Result<unknown>>

const MAX_ISSUES = 3
const MAX_MESSAGE = 300

export function createDispatcher(handlers: Handlers, options: { logger?: Logger } = {}): Dispatch {
  const logger = options.logger ?? createLogger({ sinks: [consoleSink()] })

  return async (channel, request) => {
    try {
      if (!isChannel(channel)) {
        return fail({ code: 'VALIDATION', message: `The console has no request called "${shorten(String(channel))}".` })
      }
      const schemas = contract[channel]
      const parsed = schemas.request.safeParse(request === undefined ? {} : request)
      if (!parsed.success) return fail({ code: 'VALIDATION', message: describeIssues(parsed.error.issues) })

      const handler = handlers[channel] as (request: unknown) => Promise<unknown>
      const answer = schemas.response.safeParse(await handler(parsed.data))
      if (!answer.success) {
        logger.error('a handler answered outside the contract', { channel, where: issuePaths(answer.error.issues) })
        return fail({ code: 'INTERNAL', message: INTERNAL_MESSAGE })
      }
      return ok(answer.data)
    } catch (error) {
      return failure(error, channel, logger)
    }
  }
}

function failure(error: unknown, channel: unknown, logger: Logger): Result<never> {
  try {
    const data = toErrorData(error, logger, { channel })
    if (data.code !== 'INTERNAL') logger.warn(`${String(channel)} failed`, { code: data.code, httpStatus: data.httpStatus })
    return fail(data)
  } catch {
    // Even describing the error failed (a hostile object?): still an answer, never a throw.
    return fail({ code: 'INTERNAL', message: INTERNAL_MESSAGE })
  }
}

function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(contract, value)
}

/** "The request was refused: query: must be at most 100 characters." Bounded; never echoes input. */
export function describeIssues(issues: z.ZodError['issues']): string {
  const parts = issues.slice(0, MAX_ISSUES).map((issue) => {
    const field = issue.path.length === 0 ? 'request' : issue.path.map((key) => shorten(String(key), 30)).join('.')
    if (issue.code === 'unrecognized_keys') {
      return `${field}: unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.slice(0, 3).map((key) => `"${shorten(key, 30)}"`).join(', ')}`
    }
    return `${field}: ${shorten(issue.message, 100)}`
  })
  const more = issues.length > MAX_ISSUES ? ` (and ${issues.length - MAX_ISSUES} more)` : ''
  return shorten(`The request was refused: ${parts.join('; ')}${more}.`, MAX_MESSAGE)
}

function issuePaths(issues: z.ZodError['issues']): string[] {
  return issues.slice(0, 5).map((issue) => issue.path.join('.') || '(root)')
}
