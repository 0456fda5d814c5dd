/** Shared by the HTTP policy suites: tiny retry settings, so retried calls stay fast, and HTTP failures as the mapper makes them. */
import { AxiosError, AxiosHeaders } from 'axios'
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios'
import type { ConsoleConfig, RetrySettings } from '../../../../src/core/config.ts'
import type { ApiName } from '../../../../src/core/http/apis.ts'
import { toAppError } from '../../../../src/core/http/errors.ts'
import { createRandom } from '../../../../src/sandbox/data/random.ts'
import type { AppError } from '../../../../src/shared/errors.ts'

export const TINY_RETRY: RetrySettings = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, ceilingMs: 1000 }

/** A core-on-sandbox tweak: tiny retry settings (and optionally a per-attempt timeout). */
export const tinyRetry =
  (more: { timeoutMs?: number; retry?: Partial<RetrySettings>; rateLimit?: ConsoleConfig['http']['rateLimit'] } = {}) =>
  (config: ConsoleConfig): ConsoleConfig => ({
    ...config,
    http: {
      ...config.http,
      ...(more.timeoutMs === undefined ? {} : { timeoutMs: more.timeoutMs }),
      ...(more.rateLimit === undefined ? {} : { rateLimit: more.rateLimit }),
      retry: { ...TINY_RETRY, ...more.retry },
    },
  })

const config = { headers: new AxiosHeaders() } as InternalAxiosRequestConfig

/** What the error mapper makes of an HTTP answer with this status and these headers. */
export function answered(status: number, headers: Record<string, string> = {}, context: { provider?: ApiName; write?: boolean } = {}): AppError {
  const response = { status, statusText: '', headers, data: '', config } as AxiosResponse
  return toAppError(new AxiosError(`HTTP ${status}`, 'ERR_BAD_RESPONSE', config, {}, response), {
    provider: context.provider ?? 'connect',
    write: context.write ?? false,
  })
}

/** What the error mapper makes of a request that got no answer (ECONNRESET, ETIMEDOUT, ...). */
export function unanswered(code: string, context: { provider?: ApiName; write?: boolean } = {}): AppError {
  return toAppError(new AxiosError(code, code, config, {}), { provider: context.provider ?? 'connect', write: context.write ?? false })
}

/** A seeded generator (the sandbox's mulberry32), so a jitter test sees the same "random" numbers every run. */
export function seededRandom(seed: number): () => number {
  const random = createRandom(seed)
  return () => random.next()
}

/** A clock that moves only when the policy sleeps, and the sleeps it was asked for. */
export function fakeTiming(random: () => number = () => 0.5) {
  let clock = 1_700_000_000_000
  const waits: number[] = []
  return {
    waits,
    timing: {
      now: () => clock,
      random,
      sleep: async (ms: number) => {
        waits.push(ms)
        clock += ms
      },
    },
  }
}
