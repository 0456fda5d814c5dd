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
    case 'LOCAL_FILE':
      return 'A file on this computer could not be written'
    case 'ENCRYPTION_UNAVAILABLE':
      return 'This computer offers no safe place for secrets: nothing was stored'
    case 'INTERNAL':
      return 'Something went wrong in the console'
    case 'CANCELLED':
      // Stores drop these silently (the view that asked is gone); shown only if one slips through.
      return 'Cancelled: the view that asked was closed'
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

/** The token writes a dialog can run; each names what a failure left behind. */
export type TokenWrite = 'archive' | 'archiveAll' | 'rename' | 'remove' | 'legacyDelete'

const WRITE_WORDS: Readonly<Record<TokenWrite, { noun: string; conflict: string }>> = {
  archive: { noun: 'archive', conflict: 'This token is already archived (or no longer active)' },
  archiveAll: { noun: 'archive', conflict: 'The tokens are already archived (or no longer active)' },
  rename: { noun: 'new name', conflict: 'This token is no longer active' },
  remove: { noun: 'removal', conflict: 'This token is already removed (or no longer active)' },
  legacyDelete: { noun: 'deletion', conflict: 'This token is already deleted (or no longer active)' },
}

/**
 * What a failed token write means for its token, for the codes where the summary alone would
 * mislead: changed elsewhere (CONFLICT), gone (NOT_FOUND), unclear (OUTCOME_UNKNOWN). The store
 * has refreshed the list for each of them. null for every other code.
 */
export function writeFailureText(error: ErrorData, write: TokenWrite, provider: string): string | null {
  const who = providerLabel(provider)
  const words = WRITE_WORDS[write]
  switch (error.code) {
    case 'CONFLICT':
      return `${words.conflict} at ${who}. The list has been refreshed.`
    case 'NOT_FOUND':
      return `${who} no longer knows this token: it may have been removed elsewhere. The list has been refreshed.`
    case 'OUTCOME_UNKNOWN':
      return `${who} did not confirm the ${words.noun}. The list has been refreshed: check the token’s state before trying again.`
    default:
      return null
  }
}

/** Field-level issues out of a VALIDATION message ("The request was refused: a.b: msg; c: msg."). */
export function validationIssues(error: ErrorData | null): ReadonlyMap<string, string> {
  const issues = new Map<string, string>()
  if (error?.code !== 'VALIDATION') return issues
  const body = error.message.replace(/^The request was refused:\s*/, '').replace(/\s*\(and \d+ more\)\.?$/, '').replace(/\.$/, '')
  for (const part of body.split('; ')) {
    const match = /^([A-Za-z0-9_.]+): (.+)$/.exec(part.trim())
    if (match?.[1] !== undefined && match[2] !== undefined && !issues.has(match[1])) issues.set(match[1], match[2])
  }
  return issues
}
