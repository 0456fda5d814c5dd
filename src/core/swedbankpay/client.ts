/**
 * The HTTP client for Swedbank Pay, with the headers the docs recommend on every request
 * (swedbankpay.md §1.1): the merchant token as Bearer, problem+json preferred, a fresh Session-Id
 * per request, the console's User-Agent, and the version parameter on JSON bodies (the old PaymentOrder
 * token deletes document another version: they get their own client with `jsonContentType`).
 * Reads are retried by the one policy (http/retry.ts); Swedbank Pay documents no request limit, so no
 * client-side limiter. The merchant token cannot be renewed: a 401 is final (check the profile).
 */
import { randomUUID } from 'node:crypto'
import type { ConsoleConfig, SwedbankPayConfig } from '../config.ts'
import { createHttpClient } from '../http/client.ts'
import type { HttpClient, HttpClientOptions } from '../http/client.ts'
import { createRetryPolicy } from '../http/retry.ts'
import type { Logger } from '../log.ts'

export const SWEDBANK_PAY_ACCEPT = 'application/problem+json; q=1.0, application/json; q=0.9'
export const SWEDBANK_PAY_CONTENT_TYPE = 'application/json;version=3.x/2.0'

export function createSwedbankPayClient(
  swedbankPay: SwedbankPayConfig,
  http: ConsoleConfig['http'],
  options: { logger?: Logger; adapter?: HttpClientOptions['adapter']; jsonContentType?: string } = {},
): HttpClient {
  options.logger?.addSecret(swedbankPay.accessToken)
  return createHttpClient({
    provider: 'swedbankpay',
    baseURL: swedbankPay.apiUrl,
    timeoutMs: http.timeoutMs,
    headers: {
      Accept: SWEDBANK_PAY_ACCEPT,
      'User-Agent': http.userAgent,
      'Session-Id': () => randomUUID(),
    },
    jsonContentType: options.jsonContentType ?? SWEDBANK_PAY_CONTENT_TYPE,
    auth: async () => swedbankPay.accessToken,
    retry: createRetryPolicy(http.retry),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.adapter === undefined ? {} : { adapter: options.adapter }),
  })
}
