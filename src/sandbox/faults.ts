/**
 * Per-route fault injection, keyed by route key, e.g. "GET /online/payers/:payerReference" (see GET /__sandbox/routes).
 * What a fault can do (fields of `POST /__sandbox/faults`, all optional but one of status, delayMs, hang, reset):
 *   latency            {delayMs}                                   wait, then run the route (or answer the fault)
 *   an error status    {status, body?, contentType?}               e.g. 500, 502, 503; default body: the family's error
 *   come back later    {status, retryAfter: {seconds, form?}}      429 or 503 with Retry-After: <seconds> ('seconds'),
 *                                                                  Retry-After: <HTTP-date> ('http-date'), or Connect's
 *                                                                  X-RateLimit-Remaining: 0 + X-RateLimit-Reset ('x-ratelimit')
 *   a canned answer    {answer, status?}                           'malformed-json', 'xml' (<?xml…>, application/xml),
 *                                                                  'empty' (no bytes): status 200 unless given;
 *                                                                  'problem' (a Swedbank Pay application/problem+json): 400 unless given
 *   a timeout          {hang: true}                                accept the request, never answer; the connection closes
 *                                                                  when the client gives up or the sandbox closes
 *   a connection reset {reset: true, delayMs?}                     destroy the socket (TCP RST) without an answer
 *   {times}: apply this many times, then clear itself (default: until cleared).
 */
import { ClientError } from './http/reply.ts'
import type { SandboxState } from './state.ts'

export const FAULT_ANSWERS = ['malformed-json', 'xml', 'empty', 'problem'] as const
export type FaultAnswer = (typeof FAULT_ANSWERS)[number]

/** How a fault says when to call again: Retry-After in seconds or as an HTTP date, or Connect's X-RateLimit-* headers. */
export const RETRY_AFTER_FORMS = ['seconds', 'http-date', 'x-ratelimit'] as const
export type RetryAfterForm = (typeof RETRY_AFTER_FORMS)[number]

export interface Fault {
  /** Answer with this status instead of running the route. */
  status?: number
  /** Wait this long first (then answer the fault, or run the route when nothing else is set). */
  delayMs?: number
  /** A raw body (sent as is, so it may be malformed) or a JSON value. Default: the family's own error body. */
  body?: unknown
  /** Content-Type for `body` or `answer`; default application/json (application/xml, problem+json for those answers). */
  contentType?: string
  /** Apply this many times, then clear itself. Default: until cleared. */
  times?: number
  /** When the client may call again, counted from each answer. */
  retryAfter?: { seconds: number; form: RetryAfterForm }
  /** A canned body instead of `body`. */
  answer?: FaultAnswer
  /** Never answer. */
  hang?: true
  /** Drop the connection without an answer. */
  reset?: true
}

const MAX_DELAY_MS = 120_000
const MAX_RETRY_AFTER_SECONDS = 86_400
const FIELDS = ['route', 'status', 'delayMs', 'body', 'contentType', 'times', 'retryAfter', 'answer', 'hang', 'reset']
const DEFAULT_STATUS: Record<FaultAnswer, number> = { 'malformed-json': 200, xml: 200, empty: 200, problem: 400 }

function optionalInteger(spec: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const value = spec[name]
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ClientError(400, `${name} must be an integer from ${min} to ${max}`)
  }
  return value
}

function optionalOneOf<T extends string>(value: unknown, name: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw new ClientError(400, `${name} must be one of: ${allowed.join(', ')}`)
  return value as T
}

function optionalTrue(spec: Record<string, unknown>, name: 'hang' | 'reset'): true | undefined {
  const value = spec[name]
  if (value === undefined || value === false) return undefined
  if (value !== true) throw new ClientError(400, `${name} must be true or false`)
  return true
}

function parseRetryAfter(value: unknown): Fault['retryAfter'] {
  if (value === undefined) return undefined
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ClientError(400, 'retryAfter must be an object {seconds, form?}')
  const spec = value as Record<string, unknown>
  const unknown = Object.keys(spec).filter((key) => key !== 'seconds' && key !== 'form')
  if (unknown.length > 0) throw new ClientError(400, `retryAfter has unknown fields: ${unknown.join(', ')}`)
  const seconds = optionalInteger(spec, 'seconds', 0, MAX_RETRY_AFTER_SECONDS)
  if (seconds === undefined) throw new ClientError(400, 'retryAfter.seconds is required')
  return { seconds, form: optionalOneOf(spec.form, 'retryAfter.form', RETRY_AFTER_FORMS) ?? 'seconds' }
}

/** What shapes the answer: none of it goes with hang or reset, which give no answer at all. */
const ANSWER_FIELDS = ['status', 'body', 'contentType', 'retryAfter', 'answer'] as const

function checkCombination(fault: Fault): void {
  const answering = ANSWER_FIELDS.filter((name) => fault[name] !== undefined)
  if (fault.hang && (answering.length > 0 || fault.reset || fault.delayMs !== undefined)) {
    throw new ClientError(400, 'hang goes alone (with times): it never answers')
  }
  if (fault.reset && answering.length > 0) throw new ClientError(400, 'reset goes only with delayMs and times: it never answers')
  if (fault.answer !== undefined && fault.body !== undefined) throw new ClientError(400, 'Give a body or an answer, not both')
  if (fault.status === undefined && fault.delayMs === undefined && !fault.hang && !fault.reset) {
    throw new ClientError(400, 'A fault needs a status, an answer, a delayMs, hang or reset')
  }
  if (fault.status === undefined && (fault.body !== undefined || fault.contentType !== undefined || fault.retryAfter !== undefined)) {
    throw new ClientError(400, 'body, contentType and retryAfter need a status')
  }
}

/** Validates a `POST /__sandbox/faults` body (see the header of this file). */
export function parseFaultSpec(spec: Record<string, unknown>, knownRoutes: readonly string[]): { route: string; fault: Fault } {
  const route = spec.route
  if (typeof route !== 'string' || !knownRoutes.includes(route)) {
    throw new ClientError(400, `route must be one of: ${knownRoutes.join(', ')}`)
  }
  const unknown = Object.keys(spec).filter((key) => !FIELDS.includes(key))
  if (unknown.length > 0) throw new ClientError(400, `Unknown fault fields: ${unknown.join(', ')}`)
  const answer = optionalOneOf(spec.answer, 'answer', FAULT_ANSWERS)
  const fault: Fault = {}
  const status = optionalInteger(spec, 'status', 200, 599) ?? (answer === undefined ? undefined : DEFAULT_STATUS[answer])
  const delayMs = optionalInteger(spec, 'delayMs', 0, MAX_DELAY_MS)
  const times = optionalInteger(spec, 'times', 1, 1_000_000)
  const retryAfter = parseRetryAfter(spec.retryAfter)
  const hang = optionalTrue(spec, 'hang')
  const reset = optionalTrue(spec, 'reset')
  if (status !== undefined) fault.status = status
  if (delayMs !== undefined) fault.delayMs = delayMs
  if (times !== undefined) fault.times = times
  if (spec.body !== undefined) fault.body = spec.body
  if (spec.contentType !== undefined) {
    if (typeof spec.contentType !== 'string' || /[\r\n]/.test(spec.contentType)) throw new ClientError(400, 'contentType must be a single-line string')
    fault.contentType = spec.contentType
  }
  if (retryAfter !== undefined) fault.retryAfter = retryAfter
  if (answer !== undefined) fault.answer = answer
  if (hang) fault.hang = hang
  if (reset) fault.reset = reset
  checkCombination(fault)
  return { route, fault }
}

/** The fault for this route, if any; counts one use and clears it when its `times` run out. */
export function takeFault(state: SandboxState, key: string): Fault | undefined {
  const fault = state.faults.get(key)
  if (!fault) return undefined
  if (fault.times !== undefined) {
    if (fault.times <= 1) state.faults.delete(key)
    else state.faults.set(key, { ...fault, times: fault.times - 1 })
  }
  return fault
}
