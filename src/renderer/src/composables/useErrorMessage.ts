/**
 * Turns the ErrorData that crosses IPC into what an agent needs to read: a short summary, the
 * provider's own message as detail, the next step to take (one sentence per error code, for rate
 * limits the moment to try again).
 */
import { computed, toValue } from 'vue'
import type { ComputedRef, MaybeRefOrGetter } from 'vue'
import type { ErrorCode, ErrorData } from '../../../shared/errors.ts'
import { formatClock, providerLabel, retryMoment } from '../lib/format.ts'
import { t } from '../i18n.ts'

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
  /** What the agent can do now, e.g. "Sign in again from the top bar." or "Try again at 14:32." */
  nextStep: string
}

function summarise(error: ErrorData, who: string, retryAtText: string | null): string {
  if (error.code === 'RATE_LIMITED') return retryAtText === null ? t('errors.RATE_LIMITED') : t('errors.RATE_LIMITED_UNTIL', { time: retryAtText })
  return t(`errors.${error.code}`, { who })
}

export function describeError(error: ErrorData, now: number = Date.now()): ErrorDescription {
  const who = error.provider ? providerLabel(error.provider) : t('errors.theProvider')
  const retryAt =
    error.code === 'RATE_LIMITED' && typeof error.retryAfterMs === 'number' && Number.isFinite(error.retryAfterMs)
      ? retryMoment(error.retryAfterMs, now)
      : null
  const retryAtText = retryAt === null ? null : formatClock(retryAt)
  const summary = summarise(error, who, retryAtText)
  const message = error.message.trim()
  const detail = message.length === 0 || message.toLowerCase() === summary.toLowerCase() ? null : message
  const nextStep = retryAtText === null ? t(`errors.next.${error.code}`) : t('common.tryAgainAt', { time: retryAtText })
  return { code: error.code, summary, detail, retryAt, retryAtText, nextStep }
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

/**
 * What a failed token write means for its token, for the codes where the summary alone would
 * mislead: changed elsewhere (CONFLICT), gone (NOT_FOUND), unclear (OUTCOME_UNKNOWN). The store
 * has refreshed the list for each of them. null for every other code.
 */
export function writeFailureText(error: ErrorData, write: TokenWrite, provider: string): string | null {
  const who = providerLabel(provider)
  switch (error.code) {
    case 'CONFLICT':
      return t(`errors.write.conflict.${write}`, { who })
    case 'NOT_FOUND':
      return t('errors.write.notFound', { who })
    case 'OUTCOME_UNKNOWN':
      return t(`errors.write.unknown.${write}`, { who })
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
