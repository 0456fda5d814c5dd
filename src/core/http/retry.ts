/**
 * THE place where a failed call may be tried again. Only reads (context.write false: GETs, and the OAuth
 * client-credentials token POST, which is safe to repeat), and only when the API gave no answer (a network
 * error, a reset, a timeout) or said to come back (429, 502, 503, 504); never a 500, a 4xx or a write.
 * The wait is capped exponential backoff with full jitter, but never shorter than the API's Retry-After
 * or X-RateLimit-Reset (AppError.retryAfterMs, parsed by the error mapper). A wait that would take the
 * call beyond `ceilingMs` is not waited: the call fails at once (a 429 as RATE_LIMITED with retryAfterMs,
 * so the agent reads "rate limited until HH:MM" instead of watching a frozen screen).
 */
import { isAppError } from '../../shared/errors.ts'
import type { RetrySettings } from '../config.ts'
import type { ApiName } from './apis.ts'
import { abortableSleep, cancelledError } from './cancellation.ts'

export interface AttemptContext {
  provider: ApiName
  write: boolean
  /** Aborts the waits between attempts (a cancelled lookup); the attempt watches it itself. */
  signal?: AbortSignal
}

/** Runs `attempt` (which throws mapped AppErrors) as often as the policy allows. */
export type RetryPolicy = <T>(attempt: () => Promise<T>, context: AttemptContext) => Promise<T>

export const runOnce: RetryPolicy = (attempt) => attempt()

/** Statuses that say "come back later" without the request having been worked on. */
const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504])
/** Codes the mapper gives a request that got no HTTP answer. */
const NO_ANSWER_CODES: ReadonlySet<string> = new Set(['TIMEOUT', 'OFFLINE', 'PROVIDER_UNAVAILABLE'])

/** Whether this failure of this call may be tried again. */
export function isRetryable(error: unknown, context: AttemptContext): boolean {
  if (context.write || !isAppError(error)) return false
  // A failure of another API (fetching the token on ConnectID) has had its own policy already.
  if (error.provider !== context.provider) return false
  if (error.httpStatus !== undefined) return RETRY_STATUSES.has(error.httpStatus)
  return NO_ANSWER_CODES.has(error.code)
}

/** Full jitter: a random wait from 0 up to base·2^(retry-1), capped at maxDelayMs. `retry` counts from 1. */
export function backoffMs(retry: number, settings: RetrySettings, random: () => number = Math.random): number {
  const cap = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, retry - 1))
  return Math.floor(random() * cap)
}

export interface RetryTiming {
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  random?: () => number
  now?: () => number
}

export function createRetryPolicy(settings: RetrySettings, timing: RetryTiming = {}): RetryPolicy {
  const random = timing.random ?? Math.random
  const now = timing.now ?? Date.now
  return async (attempt, context) => {
    const sleep = timing.sleep ?? ((ms: number, signal?: AbortSignal) => abortableSleep(ms, signal, context.provider))
    const started = now()
    for (let tried = 1; ; tried += 1) {
      try {
        return await attempt()
      } catch (error) {
        if (!isAppError(error) || tried >= settings.maxAttempts || !isRetryable(error, context)) throw error
        const asked = error.retryAfterMs ?? 0
        const wait = Math.max(backoffMs(tried, settings, random), asked)
        // Past the ceiling: fail now, saying when (RATE_LIMITED keeps its retryAfterMs; others keep theirs).
        if (now() - started + wait > settings.ceilingMs) throw error
        if (context.signal?.aborted) throw cancelledError(context.provider)
        await sleep(wait, context.signal)
      }
    }
  }
}
