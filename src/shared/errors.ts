/**
 * Error codes and the result envelope that crosses every boundary (IPC, dev bridge, CLI).
 * Pure TypeScript: no Node, DOM or Electron imports.
 */

export const ERROR_CODES = [
  'VALIDATION', // the caller sent something the contract refuses; nothing was sent to a provider
  'AUTH_REQUIRED', // credentials missing, expired or refused (401)
  'FORBIDDEN', // the provider refuses the operation for these credentials (403)
  'NOT_FOUND', // the customer, payer or token does not exist (404, inputerror for an unknown token)
  'CONFLICT', // the token is inactive, already archived or deleted (422 paymenttokeninactive)
  'RATE_LIMITED', // 429; retryAfterMs says when to try again
  'PROVIDER_ERROR', // the provider answered with an error we could not map more precisely, or a malformed body
  'PROVIDER_UNAVAILABLE', // 5xx, connection refused or reset
  'TIMEOUT', // no answer in time
  'OFFLINE', // the network is down; cached data may be shown
  'OUTCOME_UNKNOWN', // a write whose result is unclear (timeout or 5xx on POST/PATCH): check, never resend blindly
  'NOT_CONFIGURED', // the provider has no credentials in the active profile
  'LOCAL_FILE', // a file on this computer could not be written or read (folder missing, no permission, disk full)
  'ENCRYPTION_UNAVAILABLE', // the OS offers no secret storage (e.g. Linux basic_text): nothing was written
  'INTERNAL', // a bug in the console; details are in the main-process log, not here
  'CANCELLED', // a lookup stopped because the view that asked for it closed (app:cancelLookups); never a write
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** The serialisable error that reaches the renderer. Never holds a stack trace or a secret. */
export interface ErrorData {
  code: ErrorCode
  message: string
  retryAfterMs?: number
  provider?: string
  httpStatus?: number
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorData }

/** Thrown inside services; turned into `{ ok: false, error }` by the dispatcher. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly retryAfterMs: number | undefined
  readonly provider: string | undefined
  readonly httpStatus: number | undefined

  constructor(
    code: ErrorCode,
    message: string,
    extra: { retryAfterMs?: number; provider?: string; httpStatus?: number; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause })
    this.name = 'AppError'
    this.code = code
    this.retryAfterMs = extra.retryAfterMs
    this.provider = extra.provider
    this.httpStatus = extra.httpStatus
  }

  toData(): ErrorData {
    const data: ErrorData = { code: this.code, message: this.message }
    if (this.retryAfterMs !== undefined) data.retryAfterMs = this.retryAfterMs
    if (this.provider !== undefined) data.provider = this.provider
    if (this.httpStatus !== undefined) data.httpStatus = this.httpStatus
    return data
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError
}

export const ok = <T>(data: T): Result<T> => ({ ok: true, data })
export const fail = (error: ErrorData): Result<never> => ({ ok: false, error })
