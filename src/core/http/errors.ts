/**
 * THE error mapper: every failure of an HTTP call becomes one AppError with a stable code and a
 * message an agent can act on. Messages name the provider and the HTTP status, and never carry a
 * token, a URL query or a header value. The retry policy (later) decides on these codes.
 */
import { isAxiosError } from 'axios'
import { AppError } from '../../shared/errors.ts'
import type { ErrorCode } from '../../shared/errors.ts'
import { apiLabel } from './apis.ts'
import type { ApiName } from './apis.ts'
import { errorDetail, oauthErrorCode, retryAfterMs } from './error-details.ts'

export interface ErrorContext {
  provider: ApiName
  /** A state-changing call (POST/PATCH): an unclear outcome becomes OUTCOME_UNKNOWN, never "try again". */
  write: boolean
  /** What a 404 means here, e.g. "customer 100001" → "Connect has no customer 100001 (HTTP 404)." */
  subject?: string
}

const OAUTH_AUTH_ERRORS = new Set(['invalid_client', 'invalid_grant', 'invalid_token', 'unauthorized_client'])
const REFUSED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH'])
const OFFLINE = new Set(['ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN'])
const RESET = new Set(['ECONNRESET', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE'])
const TIMED_OUT = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT'])

export function toAppError(error: unknown, context: ErrorContext): AppError {
  if (error instanceof AppError) return error
  const label = apiLabel(context.provider)
  const extra = { provider: context.provider, cause: error }
  if (isAxiosError(error) && error.response !== undefined) {
    const { status, data, headers } = error.response
    return fromStatus(status, data, { ...(headers as Record<string, unknown>) }, label, context, error)
  }
  const code = errorCode(error)
  if (isTimeout(error, code)) {
    return context.write
      ? outcomeUnknown(label, 'did not confirm the change in time', extra)
      : new AppError('TIMEOUT', `${label} did not answer in time. Try again shortly.`, extra)
  }
  if (code !== null && RESET.has(code)) {
    return context.write
      ? outcomeUnknown(label, 'closed the connection before confirming the change', extra)
      : new AppError('PROVIDER_UNAVAILABLE', `${label} closed the connection before answering. Try again shortly.`, extra)
  }
  if (code !== null && OFFLINE.has(code)) {
    return new AppError('OFFLINE', `${label} cannot be reached: the network seems to be down.`, extra)
  }
  if (code !== null && REFUSED.has(code)) {
    return new AppError('PROVIDER_UNAVAILABLE', `${label} cannot be reached right now. Try again shortly.`, extra)
  }
  if (isAxiosError(error)) {
    return context.write
      ? outcomeUnknown(label, 'failed to answer', extra)
      : new AppError('PROVIDER_UNAVAILABLE', `${label} could not be reached (${code ?? 'network error'}).`, extra)
  }
  return new AppError('INTERNAL', 'Something went wrong in the console; details are in the log.', extra)
}

/** A 2xx whose body is not the JSON we expect (XML, HTML, empty, garbage, another shape). */
export function unreadableResponse(provider: ApiName, httpStatus: number, cause?: unknown): AppError {
  return new AppError('PROVIDER_ERROR', `${apiLabel(provider)} answered with an unreadable response (HTTP ${httpStatus}).`, {
    provider,
    httpStatus,
    cause,
  })
}

/** A write answered 2xx with a body we cannot read: it was most likely carried out, so the outcome is unclear. */
export function unreadableWriteResponse(provider: ApiName, httpStatus: number, cause?: unknown): AppError {
  return new AppError(
    'OUTCOME_UNKNOWN',
    `${apiLabel(provider)} accepted the request (HTTP ${httpStatus}) but its answer could not be read: the change was probably made. Check before trying again.`,
    { provider, httpStatus, cause },
  )
}

function fromStatus(
  status: number,
  body: unknown,
  headers: Record<string, unknown>,
  label: string,
  context: ErrorContext,
  cause: unknown,
): AppError {
  const detail = errorDetail(body)
  const tail = detail === null ? '.' : `: ${detail}`
  const extra = { provider: context.provider, httpStatus: status, cause }
  const make = (code: ErrorCode, message: string, more: { retryAfterMs?: number } = {}) =>
    new AppError(code, message, { ...extra, ...more })
  const oauth = oauthErrorCode(body)

  if (status === 401 || (status >= 400 && status < 500 && oauth !== null && OAUTH_AUTH_ERRORS.has(oauth))) {
    return make('AUTH_REQUIRED', `${label} did not accept the console's credentials (HTTP ${status})${tail} Check the profile.`)
  }
  if (status === 403) return make('FORBIDDEN', `${label} does not allow this for the console's credentials (HTTP 403)${tail}`)
  if (status === 404 || status === 410) {
    const what = context.subject === undefined ? 'such record' : context.subject
    return make('NOT_FOUND', `${label} has no ${what} (HTTP ${status})${tail}`)
  }
  if (status === 409 || status === 422) return make('CONFLICT', `${label} refused the request (HTTP ${status})${tail}`)
  if (status === 429) {
    const wait = retryAfterMs(headers)
    const when = wait === undefined ? 'in a moment' : `in ${Math.max(1, Math.ceil(wait / 1000))} s`
    return make('RATE_LIMITED', `${label} is limiting the console's requests (HTTP 429). Try again ${when}.`, {
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    })
  }
  if (status >= 500) {
    if (context.write) {
      return make(
        'OUTCOME_UNKNOWN',
        `${label} failed while making the change (HTTP ${status}); it may or may not have been done. Check the current state before trying again.`,
      )
    }
    // Only Retry-After here: Connect sends X-RateLimit-Reset with every answer, and it says nothing about a 5xx.
    const wait = retryAfterMs(headers, Date.now(), { rateLimitReset: false })
    return make('PROVIDER_UNAVAILABLE', `${label} is not available right now (HTTP ${status}). Try again shortly.`, {
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    })
  }
  if (status >= 300 && status < 400) return make('PROVIDER_ERROR', `${label} answered with an unexpected redirect (HTTP ${status}).`)
  return make('PROVIDER_ERROR', `${label} refused the request (HTTP ${status})${tail}`)
}

function outcomeUnknown(label: string, what: string, extra: { provider: ApiName; cause: unknown }): AppError {
  return new AppError(
    'OUTCOME_UNKNOWN',
    `${label} ${what}; it may or may not have been done. Check the current state before trying again.`,
    extra,
  )
}

function errorCode(error: unknown): string | null {
  if (error === null || typeof error !== 'object') return null
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') return code
  return errorCode((error as { cause?: unknown }).cause)
}

function isTimeout(error: unknown, code: string | null): boolean {
  if (code !== null && TIMED_OUT.has(code)) return true
  return error instanceof Error && error.name === 'TimeoutError'
}
