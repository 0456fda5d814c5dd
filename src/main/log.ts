/**
 * The main process log: core's redacting logger (tokens, secrets, emails and card-like numbers are
 * masked before any sink), writing to the console. Services receive the same instance.
 */
import { consoleSink, createLogger } from '../core/log.ts'
import type { Logger } from '../core/log.ts'

export type MainLogger = Pick<Logger, 'info' | 'warn' | 'error'>

export const mainLogger: Logger = createLogger({ sinks: [consoleSink()] })

/** The main logger with a `[scope]` prefix on every line. */
export function scopedLogger(scope: string, base: MainLogger = mainLogger): MainLogger {
  return {
    info: (message, fields) => base.info(`[${scope}] ${message}`, fields),
    warn: (message, fields) => base.warn(`[${scope}] ${message}`, fields),
    error: (message, fields) => base.error(`[${scope}] ${message}`, fields),
  }
}
