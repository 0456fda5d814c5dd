/**
 * Cancelling reads when the agent leaves a view. The services run every lookup channel inside
 * `withLookupSignal(signal, …)`; each GET the HTTP client sends meanwhile takes that signal (writes and
 * token requests never do), as do its waits in the rate limiter and between retries. The signal travels
 * with the async context, so the providers in between need no parameter for it.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { AppError } from '../../shared/errors.ts'
import { apiLabel } from './apis.ts'
import type { ApiName } from './apis.ts'

const lookupSignal = new AsyncLocalStorage<AbortSignal>()

/** Runs `run` as a lookup: the GETs it sends are aborted when `signal` is. */
export function withLookupSignal<T>(signal: AbortSignal, run: () => Promise<T>): Promise<T> {
  return lookupSignal.run(signal, run)
}

/** The signal of the lookup this code runs for, if any. */
export function currentLookupSignal(): AbortSignal | undefined {
  return lookupSignal.getStore()
}

export function cancelledError(provider?: ApiName): AppError {
  const who = provider === undefined ? 'The lookup' : `The ${apiLabel(provider)} lookup`
  return new AppError('CANCELLED', `${who} was cancelled: the view that asked for it was closed.`, provider === undefined ? {} : { provider })
}

/** Resolves after `ms`, or rejects with CANCELLED as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal, provider?: ApiName): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError(provider))
      return
    }
    const onAbort = () => {
      clearTimeout(timer)
      reject(cancelledError(provider))
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
