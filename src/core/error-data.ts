/**
 * Turning anything thrown inside a service into the ErrorData that crosses a boundary:
 * AppErrors keep their code and (redacted) message; anything else is a bug, logged and shown
 * as INTERNAL without details. Never a stack trace.
 */
import type { ErrorData } from '../shared/errors.ts'
import { isAppError } from '../shared/errors.ts'
import type { Logger } from './log.ts'

export const INTERNAL_MESSAGE = 'Something went wrong in the console; details are in the log.'

export function toErrorData(error: unknown, logger: Logger, where: Record<string, unknown>): ErrorData {
  if (isAppError(error) && error.code !== 'INTERNAL') {
    const data = error.toData()
    return { ...data, message: logger.redact(data.message) }
  }
  logger.error('internal error', { ...where, error })
  return { code: 'INTERNAL', message: INTERNAL_MESSAGE }
}
