/**
 * Per-route fault injection: make one route slow, fail with a status, or answer a malformed body.
 * Keyed by route key, e.g. "GET /online/payers/:payerReference" (see GET /__sandbox/routes).
 */
import { ClientError } from './http/reply.ts'
import type { SandboxState } from './state.ts'

export interface Fault {
  /** Answer with this status instead of running the route. */
  status?: number
  /** Wait this long first (then answer the fault, or run the route when no status is set). */
  delayMs?: number
  /** A raw body (sent as is, so it may be malformed) or a JSON value. Default: the family's own error body. */
  body?: unknown
  /** Content-Type for `body`; default application/json. */
  contentType?: string
  /** Apply this many times, then clear itself. Default: until cleared. */
  times?: number
}

const MAX_DELAY_MS = 120_000

function optionalInteger(spec: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const value = spec[name]
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ClientError(400, `${name} must be an integer from ${min} to ${max}`)
  }
  return value
}

/** Validates a `POST /__sandbox/faults` body: `{route, status?, delayMs?, body?, contentType?, times?}`. */
export function parseFaultSpec(spec: Record<string, unknown>, knownRoutes: readonly string[]): { route: string; fault: Fault } {
  const route = spec.route
  if (typeof route !== 'string' || !knownRoutes.includes(route)) {
    throw new ClientError(400, `route must be one of: ${knownRoutes.join(', ')}`)
  }
  const fault: Fault = {}
  const status = optionalInteger(spec, 'status', 200, 599)
  const delayMs = optionalInteger(spec, 'delayMs', 0, MAX_DELAY_MS)
  const times = optionalInteger(spec, 'times', 1, 1_000_000)
  if (status !== undefined) fault.status = status
  if (delayMs !== undefined) fault.delayMs = delayMs
  if (times !== undefined) fault.times = times
  if (spec.body !== undefined) fault.body = spec.body
  if (spec.contentType !== undefined) {
    if (typeof spec.contentType !== 'string' || /[\r\n]/.test(spec.contentType)) throw new ClientError(400, 'contentType must be a single-line string')
    fault.contentType = spec.contentType
  }
  if (fault.status === undefined && fault.delayMs === undefined) throw new ClientError(400, 'A fault needs a status, a delayMs or both')
  if (fault.status === undefined && (fault.body !== undefined || fault.contentType !== undefined)) {
    throw new ClientError(400, 'body and contentType need a status')
  }
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
