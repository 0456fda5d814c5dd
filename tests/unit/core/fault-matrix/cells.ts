/**
 * The fault matrix's two axes: every endpoint the console calls for an agent (the channel, a request that
 * succeeds on the seed data, the sandbox route it reaches) and every fault kind the sandbox injects, with
 * what the agent must get back. Expected codes are the error mapper's (src/core/http/errors.ts): a read's
 * 5xx, reset or dead socket is PROVIDER_UNAVAILABLE / TIMEOUT; a write's is OUTCOME_UNKNOWN; a 429 is
 * RATE_LIMITED with retryAfterMs; an unreadable 2xx is PROVIDER_ERROR for a read and OUTCOME_UNKNOWN for a write; a 422 problem is CONFLICT.
 */
import type { Channel } from '../../../../src/shared/api-shape.ts'
import type { Provider } from '../../../../src/shared/domain.ts'
import type { ErrorCode } from '../../../../src/shared/errors.ts'
import { SHOWCASE_TOKENS } from '../../../../src/sandbox/index.ts'

/** What a fault spec may say (see src/sandbox/faults.ts); the route is added per cell. */
export type FaultSpec = Record<string, unknown>

export type Expected =
  | { ok: true }
  | { code: ErrorCode; httpStatus?: number; retryAfterMs?: readonly [number, number]; message?: RegExp; statusInMessage?: false }

export interface FaultKind {
  name: string
  spec: FaultSpec
  read: Expected
  write: Expected
}

export interface Endpoint {
  name: string
  channel: Channel
  request: Record<string, unknown>
  /** The sandbox route key the fault goes on. */
  route: string
  write: boolean
  /** tokens:list only: the provider whose list the route serves (the others must stay 'loaded'). */
  provider?: Provider
  /** An unclear outcome is settled by reading the token again (archive, rename): 'archived' or 'renamed'. */
  reconciles?: string
}

/** What the agent must get: the fault's, or for a reconciled write whose outcome was unclear, what the read-back found. */
export function expectedFor(endpoint: Endpoint, kind: FaultKind): Expected {
  if (!endpoint.write) return kind.read
  const expected = kind.write
  if (endpoint.reconciles === undefined || !('code' in expected) || expected.code !== 'OUTCOME_UNKNOWN') return expected
  // The fault replaced the route, so the token is unchanged: the read-back says so, and that a new try is safe.
  const message = new RegExp(`reading the token again shows .*not ${endpoint.reconciles}.*try again`)
  return { ...expected, message, statusInMessage: false }
}

const SECONDS = 5
const rateLimited = (min: number, max: number): Expected => ({ code: 'RATE_LIMITED', httpStatus: 429, retryAfterMs: [min, max] })
const both = (expected: Expected) => ({ read: expected, write: expected })
// A read gets an error; a write the API accepted (200) but whose answer is unreadable probably happened.
const unreadable = {
  read: { code: 'PROVIDER_ERROR', httpStatus: 200, message: /unreadable response \(HTTP 200\)/ },
  // Pay invoice words it its own way: "did not confirm the invoice payment (HTTP 200). … may or may not have been registered".
  write: { code: 'OUTCOME_UNKNOWN', httpStatus: 200, message: /accepted the request \(HTTP 200\) but its answer could not be read|\(HTTP 200\)\. .*may or may not have been/ },
} satisfies Pick<FaultKind, 'read' | 'write'>
const serverError = (status: number): Pick<FaultKind, 'read' | 'write'> => ({
  read: { code: 'PROVIDER_UNAVAILABLE', httpStatus: status },
  write: { code: 'OUTCOME_UNKNOWN', httpStatus: status, message: /may or may not have been/ },
})

export const FAULT_KINDS: readonly FaultKind[] = [
  // Well below the 1.2 s timeout: slow, but answered.
  { name: 'latency 100 ms', spec: { delayMs: 100 }, ...both({ ok: true }) },
  // 5 s is past the 1 s retry ceiling: failed at once, saying when.
  { name: '429 Retry-After seconds', spec: { status: 429, retryAfter: { seconds: SECONDS } }, ...both(rateLimited(5000, 5000)) },
  { name: '429 Retry-After HTTP-date', spec: { status: 429, retryAfter: { seconds: SECONDS, form: 'http-date' } }, ...both(rateLimited(3500, 6500)) },
  { name: '429 X-RateLimit-Reset', spec: { status: 429, retryAfter: { seconds: SECONDS, form: 'x-ratelimit' } }, ...both(rateLimited(5000, 5000)) },
  { name: '500', spec: { status: 500 }, ...serverError(500) },
  { name: '502', spec: { status: 502 }, ...serverError(502) },
  { name: '503', spec: { status: 503 }, ...serverError(503) },
  {
    name: '503 Retry-After',
    spec: { status: 503, retryAfter: { seconds: SECONDS } },
    read: { code: 'PROVIDER_UNAVAILABLE', httpStatus: 503, retryAfterMs: [5000, 5000] },
    write: serverError(503).write,
  },
  { name: 'timeout (hang)', spec: { hang: true }, read: { code: 'TIMEOUT' }, write: { code: 'OUTCOME_UNKNOWN', message: /may or may not have been/ } },
  {
    name: 'connection reset',
    spec: { reset: true },
    read: { code: 'PROVIDER_UNAVAILABLE', message: /closed the connection/ },
    write: { code: 'OUTCOME_UNKNOWN', message: /may or may not have been/ },
  },
  { name: 'malformed JSON', spec: { answer: 'malformed-json' }, ...unreadable },
  { name: 'XML answer', spec: { answer: 'xml' }, ...unreadable },
  { name: 'empty body', spec: { answer: 'empty' }, ...unreadable },
  { name: 'problem+json 422', spec: { answer: 'problem', status: 422 }, ...both({ code: 'CONFLICT', httpStatus: 422, message: /Payment token is inactive/ }) },
]

const KARI = '100001'
const tokens = { customerNumber: KARI, includeArchived: true }
const tokenList = (provider: Provider, route: string, label: string = provider): Endpoint => ({
  name: `tokens:list ${label}`,
  channel: 'tokens:list',
  request: tokens,
  route,
  write: false,
  provider,
})
const remove = (provider: Provider, token: string, route: string): Endpoint => ({
  name: `tokens:remove ${provider}`,
  channel: 'tokens:remove',
  request: { provider, customerNumber: KARI, token },
  route,
  write: true,
})
const legacyDelete = (kind: string, target: Record<string, string>, route: string): Endpoint => ({
  name: `tokens:legacyDelete ${kind}`,
  channel: 'tokens:legacyDelete',
  request: { kind, ...target, comment: 'Customer asked' },
  route,
  write: true,
})

export const READ_ENDPOINTS: readonly Endpoint[] = [
  { name: 'customers:search', channel: 'customers:search', request: { query: 'Nordmann' }, route: 'GET /capi/v1/client/customer/search', write: false },
  { name: 'customers:get', channel: 'customers:get', request: { customerNumber: KARI }, route: 'GET /capi/v1/client/customer/:customerNumber', write: false },
  { name: 'products:list', channel: 'products:list', request: {}, route: 'GET /capi/v1/client/product', write: false },
  {
    name: 'invoices:list',
    channel: 'invoices:list',
    request: { customerNumber: KARI, productCode: 'AP001' },
    route: 'GET /capi/v1/client/customer/invoice/payment/:customerNumber/:productCode',
    write: false,
  },
]

export const TOKEN_LIST_ENDPOINTS: readonly Endpoint[] = [
  tokenList('payex', 'GET /capi/v1/api/payment/payex/token'),
  tokenList('klarna', 'GET /capi/v1/customer/payment/klarna/token'),
  tokenList('vipps', 'GET /capi/v1/customer/payment/vipps/agreement'),
  tokenList('nexi', 'GET /capi/v1/api/payment/nexi/subscription'),
  tokenList('swedbankpay', 'GET /online/payers/:payerReference', 'swedbankpay active'),
  tokenList('swedbankpay', 'GET /online/payers/:payerReference/archives', 'swedbankpay archived'),
]

export const WRITE_ENDPOINTS: readonly Endpoint[] = [
  {
    name: 'tokens:archive',
    channel: 'tokens:archive',
    request: { provider: 'swedbankpay', payerReference: KARI, token: SHOWCASE_TOKENS.kariVisaRecurrence, tokenType: 'Recurrence', reason: 'Customer asked' },
    route: 'PATCH /online/payers/tokens/:tokenId/archives',
    write: true,
    reconciles: 'archived',
  },
  {
    name: 'tokens:archiveAll',
    channel: 'tokens:archiveAll',
    request: { provider: 'swedbankpay', payerReference: KARI, reason: 'Customer asked' },
    route: 'PATCH /online/payers/:payerReference/archives',
    write: true,
  },
  {
    name: 'tokens:rename',
    channel: 'tokens:rename',
    request: { provider: 'swedbankpay', token: SHOWCASE_TOKENS.kariVisaRecurrence, tokenType: 'Recurrence', displayName: 'Kari Visa' },
    route: 'PATCH /online/payers/tokens/:tokenId/displaynames',
    write: true,
    reconciles: 'renamed',
  },
  remove('payex', '4v8nwodhfja', 'PATCH /capi/v1/api/payment/payex/token'),
  remove('klarna', '0b1d9815-165e-42e2-8867-35bc03789e00', 'PATCH /capi/v1/customer/payment/klarna/token'),
  remove('vipps', 'agr_5kSeqz7', 'PATCH /capi/v1/customer/payment/vipps/agreement'),
  remove('nexi', 'a3f1c2e4b5d6978801234567890abcde', 'PATCH /capi/v1/api/payment/nexi/subscription'),
  legacyDelete('recurrence', { token: SHOWCASE_TOKENS.kariVisaRecurrence }, 'PATCH /psp/paymentorders/recurrenceTokens/:token'),
  legacyDelete('unscheduled', { token: SHOWCASE_TOKENS.kariTrustlyUnscheduled }, 'PATCH /psp/paymentorders/unscheduledTokens/:token'),
  legacyDelete('payment', { token: SHOWCASE_TOKENS.astridTrustlyPayment }, 'PATCH /psp/paymentorders/paymentTokens/:token'),
  legacyDelete('payerOwned', { payerReference: KARI }, 'PATCH /psp/paymentorders/payerownedtokens/:payerReference'),
  {
    name: 'invoices:pay',
    channel: 'invoices:pay',
    request: { customerNumber: KARI, invoiceNumber: '7435368', productCode: 'AP001', companyCode: '68979834', paymentMethod: 'creditcardPayex' },
    route: 'POST /capi/v1/api/payment/invoice',
    write: true,
  },
]
