/**
 * The one HTTP client factory. Every provider call goes through `send`: the path is built from an
 * endpoint table row (parameters encoded), headers are computed per request, failures are mapped by
 * toAppError, and the body is read as text, parsed as JSON and checked with the caller's schema.
 */
import axios from 'axios'
import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from 'axios'
import type { z } from 'zod'
import type { Logger } from '../log.ts'
import type { ApiName } from './apis.ts'
import { isWrite } from './endpoint.ts'
import type { Endpoint } from './endpoint.ts'
import { toAppError, unreadableResponse } from './errors.ts'
import { buildPath } from './paths.ts'
import { runOnce } from './retry.ts'
import type { RetryPolicy } from './retry.ts'

/** A header value, or a function computed for each request (e.g. a fresh Session-Id). */
export type HeaderValue = string | (() => string)

export interface HttpClientOptions {
  provider: ApiName
  baseURL: string
  timeoutMs: number
  headers?: Record<string, HeaderValue>
  /** Content-Type sent with JSON bodies (Swedbank Pay wants its version parameter there). */
  jsonContentType?: string
  /** Resolves the bearer token for each request; omitted for unauthenticated endpoints. */
  auth?: () => Promise<string>
  /** Called when the API answers 401, so the token source can forget its token. */
  onUnauthorized?: () => void
  logger?: Logger
  retry?: RetryPolicy
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
}

export interface HttpClient {
  readonly provider: ApiName
  send<S extends z.ZodType>(request: HttpRequest, schema: S): Promise<z.output<S>>
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
      const response = await retry(() => attempt(instance, options, request, path, context), context)
      return readBody(response, schema, options, request)
    },
  }
}

async function attempt(
  instance: AxiosInstance,
  options: HttpClientOptions,
  request: HttpRequest,
  path: string,
  context: { provider: ApiName; write: boolean; subject?: string },
): Promise<AxiosResponse<string>> {
  // Before the clock starts: fetching a token has its own time limit and its own errors.
  const headers = await requestHeaders(options, request)
  const started = Date.now()
  const { method } = request.endpoint
  // A total deadline as well: axios' own timeout only watches for an idle socket.
  const deadline = AbortSignal.timeout(options.timeoutMs)
  try {
    const response = await instance.request<string>({
      method,
      url: path,
      headers,
      signal: deadline,
      ...(request.query === undefined ? {} : { params: request.query }),
      ...bodyOf(request),
    })
    log(options, 'info', request, response.status, started)
    return response
  } catch (error) {
    const mapped = toAppError(deadline.aborted ? deadline.reason : error, context)
    log(options, 'warn', request, mapped.httpStatus, started, mapped.code)
    if (mapped.code === 'AUTH_REQUIRED' && mapped.httpStatus === 401) options.onUnauthorized?.()
    throw mapped
  }
}

async function requestHeaders(options: HttpClientOptions, request: HttpRequest): Promise<Record<string, string>> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name] = typeof value === 'function' ? value() : value
  if (request.json !== undefined) headers['Content-Type'] = options.jsonContentType ?? 'application/json'
  if (request.form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded'
  if (options.auth !== undefined) headers.Authorization = `Bearer ${await options.auth()}`
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
): z.output<S> {
  let json: unknown
  try {
    json = JSON.parse(typeof response.data === 'string' ? response.data : '')
  } catch (error) {
    throw unreadableResponse(options.provider, response.status, error)
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 3).map((issue) => issue.path.join('.') || '(root)')
    options.logger?.warn('response did not match the expected shape', {
      provider: options.provider,
      endpoint: `${request.endpoint.method} ${request.endpoint.path}`,
      where,
    })
    throw unreadableResponse(options.provider, response.status, parsed.error)
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
