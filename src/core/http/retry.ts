/**
 * The one place where a failed call may be tried again. Today: never (runOnce).
 * A later policy retries GETs on PROVIDER_UNAVAILABLE, TIMEOUT and RATE_LIMITED with capped backoff
 * and jitter, honouring AppError.retryAfterMs, and never retries a write (context.write).
 */
import type { ApiName } from './apis.ts'

export interface AttemptContext {
  provider: ApiName
  write: boolean
}

/** Runs `attempt` (which throws mapped AppErrors) as often as the policy allows. */
export type RetryPolicy = <T>(attempt: () => Promise<T>, context: AttemptContext) => Promise<T>

export const runOnce: RetryPolicy = (attempt) => attempt()
