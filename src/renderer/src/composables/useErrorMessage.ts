/**
 * Turns the ErrorData that crosses IPC into what an agent needs to read: a short summary, the
 * provider's own message as detail, and for rate limits the moment to try again.
 */
import { computed, toValue } from 'vue'
import type { ComputedRef, MaybeRefOrGetter } from 'vue'
import type { ErrorCode, ErrorData } from '../../../shared/errors.ts'
import { formatClock, providerLabel, retryMoment } from '../lib/format.ts'

export interface ErrorDescription {
  code: ErrorCode
  /** One line, e.g. "Rate limited until 14:32" or "Swedbank Pay is not answering". */
  summary: string
  /** The message the main process sent, when it adds something to the summary. */
  detail: string | null
  /** When a rate limit ends (rounded up to the minute), else null. */
  retryAt: Date | null
  /** "14:32" for retryAt, else null. */
  retryAtText: string | null
}

function summarise(error: ErrorData, who: string, retryAtText: string | null): string {
  switch (error.code) {
    case 'VALIDATION':
      return 'The console refused the input'
    case 'AUTH_REQUIRED':
      return 'Sign-in needed'
    case 'FORBIDDEN':
      return `${who} does not allow this operation`
    case 'NOT_FOUND':
      return 'Not found'
    case 'CONFLICT':
      return 'Already changed elsewhere'
    case 'RATE_LIMITED':
      return retryAtText === null ? 'Rate limited, try again in a moment' : `Rate limited until ${retryAtText}`
    case 'PROVIDER_ERROR':
      return `${who} returned an error`
    case 'PROVIDER_UNAVAILABLE':
      return `${who} is not answering`
    case 'TIMEOUT':
      return `${who} did not answer in time`
    case 'OFFLINE':
      return 'You are offline'
    case 'OUTCOME_UNKNOWN':
      return 'Outcome unknown: check before trying again'
    case 'NOT_CONFIGURED':
      return `${who} is not configured`
    case 'INTERNAL':
      return 'Something went wrong in the console'
  }
}

export function describeError(error: ErrorData, now: number = Date.now()): ErrorDescription {
  const who = error.provider ? providerLabel(error.provider) : 'The provider'
  const retryAt =
    error.code === 'RATE_LIMITED' && typeof error.retryAfterMs === 'number' && Number.isFinite(error.retryAfterMs)
      ? retryMoment(error.retryAfterMs, now)
      : null
  const retryAtText = retryAt === null ? null : formatClock(retryAt)
  const summary = summarise(error, who, retryAtText)
  const message = error.message.trim()
  const detail = message.length === 0 || message.toLowerCase() === summary.toLowerCase() ? null : message
  return { code: error.code, summary, detail, retryAt, retryAtText }
}

/** Reactive form of describeError for templates: null while there is no error. */
export function useErrorMessage(error: MaybeRefOrGetter<ErrorData | null | undefined>): ComputedRef<ErrorDescription | null> {
  return computed(() => {
    const value = toValue(error)
    return value ? describeError(value) : null
  })
}
