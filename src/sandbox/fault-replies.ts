/** The answer of an injected fault that has a status: the family's error, the given body or a canned answer, and when to come back. */
import { rateLimitHeaders } from './connect/rate-limit.ts'
import type { Fault, FaultAnswer } from './faults.ts'
import { ClientError, JSON_UTF8, withHeaders } from './http/reply.ts'
import type { Reply } from './http/reply.ts'
import { toXmlDocument } from './http/xml.ts'
import { genericProblem, tokenInactive } from './swedbankpay/problems.ts'

export const FAULT_MESSAGE = 'Fault injected by the sandbox'
/** JSON cut off in the middle of a list: what a truncated answer looks like. */
export const MALFORMED_JSON = '{"tokens":[{"token":"5f2c9a7e","state":'

function cannedAnswer(answer: FaultAnswer, status: number): Reply {
  switch (answer) {
    case 'malformed-json':
      return { status, headers: { 'Content-Type': JSON_UTF8 }, body: MALFORMED_JSON }
    case 'xml':
      return {
        status,
        headers: { 'Content-Type': 'application/xml;charset=UTF-8' },
        body: toXmlDocument('error', { exceptionType: 'SandboxFault', errorMessage: FAULT_MESSAGE }),
      }
    case 'empty':
      return { status, headers: { 'Content-Type': JSON_UTF8 }, body: '' }
    case 'problem':
      // 422: the documented paymentorders/paymenttokeninactive problem; otherwise the generic one of the status.
      return status === 422 ? tokenInactive('paymentToken') : genericProblem(status, FAULT_MESSAGE, [{ name: 'fault', description: FAULT_MESSAGE }])
  }
}

function retryHeaders(retryAfter: Fault['retryAfter'], now: number): Record<string, string> {
  if (retryAfter === undefined) return {}
  switch (retryAfter.form) {
    case 'seconds':
      return { 'Retry-After': String(retryAfter.seconds) }
    case 'http-date': {
      // An HTTP date has whole seconds: round up, so the moment is never earlier than asked.
      const at = Math.ceil((now + retryAfter.seconds * 1000) / 1000) * 1000
      return { 'Retry-After': new Date(at).toUTCString() }
    }
    case 'x-ratelimit':
      return rateLimitHeaders(0, retryAfter.seconds)
  }
}

export function faultReply(fault: Fault & { status: number }, familyError: (error: ClientError) => Reply, now: number = Date.now()): Reply {
  let reply: Reply
  if (fault.answer !== undefined) reply = cannedAnswer(fault.answer, fault.status)
  else if (fault.body === undefined) reply = familyError(new ClientError(fault.status, FAULT_MESSAGE))
  else reply = { status: fault.status, headers: { 'Content-Type': JSON_UTF8 }, body: typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body) }
  const typed = fault.contentType === undefined ? reply : withHeaders(reply, { 'Content-Type': fault.contentType })
  return withHeaders(typed, retryHeaders(fault.retryAfter, now))
}
