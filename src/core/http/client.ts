/**
 * The one HTTP client factory. Every provider call goes through `send`: the path is built from an
 * endpoint table row (parameters encoded), headers are computed per request, the call waits for the
 * client's rate limiter, failures are mapped by toAppError and tried again as the retry policy allows
 * (retry.ts), a refused bearer (401) is renewed once and the request replayed once, a GET of a lookup
 * is aborted with it (cancellation.ts), and the body is read as text, parsed as JSON and checked with
 * the caller's schema.
 */
import axios from 'axios'
import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from 'axios'
import type { z } from 'zod'
import { isAppError } from '../../shared/errors.ts'
import type { Logger } from '../log.ts'
import type { ApiName } from './apis.ts'
import { cancelledError, currentLookupSignal } from './cancellation.ts'
import { isWrite } from './endpoint.ts'
import type { Endpoint } from './endpoint.ts'
import { toAppError, unreadableResponse, unreadableWriteResponse } from './errors.ts'
import { buildPath } from './paths.ts'
import type { RateLimiter } from './rate-limit.ts'
import { runOnce } from './retry.ts'
import type { RetryPolicy } from './retry.ts'

/** A header value, or a function computed for each request (e.g. a fresh Session-Id). */
export type HeaderValue = string | (() => string)

/** A bearer token, and how to replace it when the API refuses it. */
export interface Bearer {
  token: string
  /**
   * Called once after a 401 to this token: forget it and make a new one ready, so the request is sent
   * once more. Throws (AUTH_REQUIRED, "sign in again") when no new one can be had. Absent: a 401 is final.
   */
  renew?: () => Promise<void>
}

export interface HttpClientOptions {
  provider: ApiName
  baseURL: string
  /** The total deadline of one attempt. */
  timeoutMs: number
  headers?: Record<string, HeaderValue>
  /** Content-Type sent with JSON bodies (Swedbank Pay wants its version parameter there). */
  jsonContentType?: string
  /** Resolves the bearer token for each request; omitted for unauthenticated endpoints. */
  auth?: () => Promise<string | Bearer>
  logger?: Logger
  /** Which failures are tried again, and when (retry.ts); by default none. */
  retry?: RetryPolicy
  /** Keeps the client under the API's request limit (rate-limit.ts); by default no limit. */
  limiter?: RateLimiter
  /** An axios adapter (the app may route through Electron's net.fetch); Node's http by default. */
  adapter?: AxiosRequestConfig['adapter']
  /** Largest body accepted, in bytes. */
  maxBodyBytes?: number
}

export interface HttpRequest {
  endpoint: Endpoint
  params?: Record<string, string>
  query?: Record<string, string>
  json?: unknown
  form?: Record<string, string>
  /** What a 404 means here, for the agent ("customer 100001"). */
  subject?: string
  /** Overrides the write flag derived from the method (an OAuth token POST is safe to repeat). */
  write?: boolean
  /** Aborts a GET (CANCELLED); by default the signal of the lookup it runs for. Never applied to other methods. */
  signal?: AbortSignal
}

export interface HttpClient {
  readonly provider: ApiName
  send<S extends z.ZodType>(request: HttpRequest, schema: S): Promise<z.output<S>>
}

interface Call {
  request: HttpRequest
  path: string
  context: { provider: ApiName; write: boolean; subject?: string }
  signal: AbortSignal | undefined
  /** The bearer the last attempt sent, for its renewal after a 401. */
  bearer: Bearer | null
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const instance = axios.create({
    baseURL: options.baseURL,
    timeout: options.timeoutMs,
    allowAbsoluteUrls: false,
    maxRedirects: 0,
    maxContentLength: options.maxBodyBytes ?? 5_000_000,
    responseType: 'text',
    // We parse bodies ourselves so that XML, HTML or garbage is reported, never half-read.
    transformResponse: [(data: unknown) => data],
    transitional: { clarifyTimeoutError: true },
    ...(options.adapter === undefined ? {} : { adapter: options.adapter }),
  })
  const retry = options.retry ?? runOnce

  return {
    provider: options.provider,
    async send(request, schema) {
      // Built before anything is sent: a refused parameter means no request at all.
      const path = buildPath(request.endpoint.path, request.params)
      const write = request.write ?? isWrite(request.endpoint.method)
      const context = { provider: options.provider, write, ...(request.subject === undefined ? {} : { subject: request.subject }) }
      // Only reads are ever cancelled: a write, once started, is seen through.
      const signal = request.endpoint.method === 'GET' ? (request.signal ?? currentLookupSignal()) : undefined
      const call: Call = { request, path, context, signal, bearer: null }
      const tries = () =>
        retry(() => attempt(instance, options, call), { provider: options.provider, write, ...(signal === undefined ? {} : { signal }) })
      let response: AxiosResponse<string>
      try {
        response = await tries()
      } catch (error) {
        // 401 → one renewal → one replay. A 401 means the request was refused, so a write may be replayed too.
        const renew = call.bearer?.renew
        if (!isRefusal(error, options.provider) || renew === undefined) throw error
        await renew()
        response = await tries()
      }
      return readBody(response, schema, options, request, write)
    },
  }
}

function isRefusal(error: unknown, provider: ApiName): boolean {
  return isAppError(error) && error.code === 'AUTH_REQUIRED' && error.httpStatus === 401 && error.provider === provider
}

async function attempt(instance: AxiosInstance, options: HttpClientOptions, call: Call): Promise<AxiosResponse<string>> {
  const { request, signal } = call
  // Before the clock starts: fetching a token has its own time limit and its own errors.
  const headers = await requestHeaders(options, call)
  const done = options.limiter === undefined ? () => undefined : await options.limiter.acquire(signal)
  const started = Date.now()
  const { method } = request.endpoint
  // A total deadline as well: axios' own timeout only watches for an idle socket.
  const deadline = AbortSignal.timeout(options.timeoutMs)
  try {
    const response = await instance.request<string>({
      method,
      url: call.path,
      headers,
      signal: signal === undefined ? deadline : AbortSignal.any([deadline, signal]),
      ...(request.query === undefined ? {} : { params: request.query }),
      ...bodyOf(request),
    })
    log(options, 'info', request, response.status, started)
    return response
  } catch (error) {
    const mapped = signal?.aborted ? cancelledError(options.provider) : toAppError(deadline.aborted ? deadline.reason : error, call.context)
    log(options, 'warn', request, mapped.httpStatus, started, mapped.code)
    throw mapped
  } finally {
    done()
  }
}

async function requestHeaders(options: HttpClientOptions, call: Call): Promise<Record<string, string>> {
  const { request } = call
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name] = typeof value === 'function' ? value() : value
  if (request.json !== undefined) headers['Content-Type'] = options.jsonContentType ?? 'application/json'
  if (request.form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded'
  if (options.auth !== undefined) {
    const auth = await options.auth()
    call.bearer = typeof auth === 'string' ? { token: auth } : auth
    headers.Authorization = `Bearer ${call.bearer.token}`
  }
  return headers
}

function bodyOf(request: HttpRequest): { data?: string } {
  if (request.json !== undefined) return { data: JSON.stringify(request.json) }
  if (request.form !== undefined) return { data: new URLSearchParams(request.form).toString() }
  return {}
}

function readBody<S extends z.ZodType>(
  response: AxiosResponse<string>,
  schema: S,
  options: HttpClientOptions,
  request: HttpRequest,
  write: boolean,
): z.output<S> {
  // A write the API accepted but whose answer we cannot read probably happened: never invite a resend.
  const unreadable = write ? unreadableWriteResponse : unreadableResponse
  let json: unknown
  try {
    json = JSON.parse(typeof response.data === 'string' ? response.data : '')
  } catch (error) {
    throw unreadable(options.provider, response.status, error)
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 3).map((issue) => issue.path.join('.') || '(root)')
    options.logger?.warn('response did not match the expected shape', {
      provider: options.provider,
      endpoint: `${request.endpoint.method} ${request.endpoint.path}`,
      where,
    })
    throw unreadable(options.provider, response.status, parsed.error)
  }
  return parsed.data
}

/** One line per call: the endpoint template (never the filled path or query, which hold personal data). */
function log(
  options: HttpClientOptions,
  level: 'info' | 'warn',
  request: HttpRequest,
  status: number | undefined,
  started: number,
  code?: string,
): void {
  options.logger?.[level](`${options.provider} ${request.endpoint.method} ${request.endpoint.path}`, {
    status: status ?? null,
    ms: Date.now() - started,
    ...(code === undefined ? {} : { code }),
  })
}
