/** Swedbank Pay's RFC 7807 problems: `application/problem+json` with type, title, status, detail, instance, problems. */
import { randomBytes } from 'node:crypto'
import type { Reply } from '../http/reply.ts'

export const ERROR_DETAIL_BASE = 'https://api.payex.com/psp/errordetail'

export type Problem = { name: string; description: string }

/** A required non-empty string field of a request body; a missing or wrong one is added to `problems`. */
export function stringField(body: Record<string, unknown>, name: string, problems: Problem[]): string {
  const value = body[name]
  if (typeof value === 'string' && value.trim() !== '') return value
  problems.push({ name, description: `The ${name} field is required and must be a non-empty string` })
  return ''
}

export interface ProblemSpec {
  /** The part after .../errordetail/, e.g. "inputerror" or "paymentorders/paymenttokeninactive". */
  type: string
  title: string
  status: number
  detail: string
  problems?: { name: string; description: string }[]
}

/** A trace-context style instance, as seen in recorded real problem bodies. */
function problemInstance(): string {
  return `https://api.payex.com/psp/probleminstance/00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`
}

export function problemReply(spec: ProblemSpec): Reply {
  const body = {
    type: `${ERROR_DETAIL_BASE}/${spec.type}`,
    title: spec.title,
    status: spec.status,
    detail: spec.detail,
    instance: problemInstance(),
    problems: spec.problems ?? [],
  }
  return { status: spec.status, headers: { 'Content-Type': 'application/problem+json; charset=utf-8' }, body: JSON.stringify(body) }
}

const GENERIC: Record<number, { type: string; title: string }> = {
  400: { type: 'inputerror', title: 'Error in input data' },
  401: { type: 'unauthorized', title: 'Unauthorized' },
  403: { type: 'forbidden', title: 'Forbidden' },
  404: { type: 'notfound', title: 'Not Found' },
  405: { type: 'methodnotallowed', title: 'Method Not Allowed' },
  413: { type: 'inputerror', title: 'Request body too large' },
  429: { type: 'toomanyrequests', title: 'Too Many Requests' },
}

/** The generic problem for a status (inputerror 400, notfound 404, systemerror 5xx ...). */
export function genericProblem(status: number, detail: string, problems: { name: string; description: string }[] = []): Reply {
  const known = GENERIC[status] ?? (status >= 500 ? { type: 'systemerror', title: 'System error' } : { type: 'inputerror', title: 'Error in input data' })
  return problemReply({ ...known, status, detail, problems })
}

const INPUT_VALIDATION_DETAIL = 'Input validation failed, error description in problems node!'

export function inputError(problems: { name: string; description: string }[]): Reply {
  return problemReply({ type: 'inputerror', title: 'Error in input data', status: 400, detail: INPUT_VALIDATION_DETAIL, problems })
}

/** The documented answer for a token that does not exist: paymentorders/inputerror, with status 404. */
export function tokenNotFound(problemName: string): Reply {
  return problemReply({
    type: 'paymentorders/inputerror',
    title: 'Error in input data',
    status: 404,
    detail: INPUT_VALIDATION_DETAIL,
    problems: [{ name: problemName, description: 'The token was not found' }],
  })
}

/** The documented answer for a token that exists but is archived (or deleted). */
export function tokenInactive(problemName: string, detail = 'The token is archived and can no longer be used or changed'): Reply {
  return problemReply({
    type: 'paymentorders/paymenttokeninactive',
    title: 'Payment token is inactive',
    status: 422,
    detail,
    problems: [{ name: problemName, description: 'The token is inactive' }],
  })
}
