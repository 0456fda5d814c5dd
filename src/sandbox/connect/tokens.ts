/**
 * Connect's payment-token families, stateful: list, and remove with PATCH on the same path.
 *   PayEx   /capi/v1/api/payment/payex/token           {paymentRecurrenceTokens:[…]}  remove {paymentProviderId, recurrenceToken}
 *   Klarna  /capi/v1/customer/payment/klarna/token     {recurringTokens:[…]}          remove {token, paymentProviderId}
 *   Vipps   /capi/v1/customer/payment/vipps/agreement  {recurringAgreements:[…]}      remove {agreementRef, paymentProviderId}
 *   Nexi    /capi/v1/api/payment/nexi/subscription     {subscriptions:[…]}            remove {subscriptionId, paymentProviderId}
 * The docs describe these in user mode (the logged-in customer's own tokens). OUR ASSUMPTION for the console, which
 * acts for many customers: it passes `?customerNumber=` (required, with a client or an agent token alike).
 * Also assumed: the remove paths (PATCH on the list path), Klarna's and Nexi's remove bodies, and Nexi's item fields.
 * A removed token leaves the list; state keeps it, marked 'Removed', for /__sandbox/customers/<n>/tokens.
 */
import type { ConnectTokenState, SandboxData } from '../data/index.ts'
import { parseJsonObject } from '../http/body.ts'
import { ClientError } from '../http/reply.ts'
import type { Reply } from '../http/reply.ts'
import type { RequestContext, Route } from '../http/router.ts'
import { connectError, connectReply } from './respond.ts'

interface ConnectTokenRecord {
  customerNumber: number
  state: ConnectTokenState
  paymentProviderId: number
}

interface FamilySpec<T extends ConnectTokenRecord> {
  name: 'payex' | 'klarna' | 'vipps' | 'nexi'
  path: string
  listKey: string
  /** The body field that names the token in a remove request. */
  idField: string
  records(data: SandboxData): T[]
  id(record: T): string
  /** The documented list item (no customerNumber, no state). */
  view(record: T): Record<string, unknown>
}

export interface TokenFamily {
  name: FamilySpec<ConnectTokenRecord>['name']
  path: string
  /** Every record of the customer, removed ones included (for inspection). */
  all(data: SandboxData, customerNumber: number): ConnectTokenRecord[]
  list(data: SandboxData, customerNumber: number): Record<string, unknown>
  /** The customer's active token with this id. */
  find(data: SandboxData, customerNumber: number, id: string): ConnectTokenRecord | undefined
  idField: string
}

function family<T extends ConnectTokenRecord>(spec: FamilySpec<T>): TokenFamily {
  const mine = (data: SandboxData, customerNumber: number): T[] => spec.records(data).filter((record) => record.customerNumber === customerNumber)
  const active = (data: SandboxData, customerNumber: number): T[] => mine(data, customerNumber).filter((record) => record.state === 'Active')
  return {
    name: spec.name,
    path: spec.path,
    idField: spec.idField,
    all: mine,
    list: (data, customerNumber) => ({ [spec.listKey]: active(data, customerNumber).map(spec.view) }),
    find: (data, customerNumber, id) => active(data, customerNumber).find((record) => spec.id(record) === id),
  }
}

export const TOKEN_FAMILIES: readonly TokenFamily[] = [
  family({
    name: 'payex',
    path: '/capi/v1/api/payment/payex/token',
    listKey: 'paymentRecurrenceTokens',
    idField: 'recurrenceToken',
    records: (data) => data.payexTokens,
    id: (record) => record.recurrenceToken,
    view: ({ customerNumber: _c, state: _s, ...documented }) => documented,
  }),
  family({
    name: 'klarna',
    path: '/capi/v1/customer/payment/klarna/token',
    listKey: 'recurringTokens',
    idField: 'token',
    records: (data) => data.klarnaTokens,
    id: (record) => record.token,
    view: (record) => ({ token: record.token, paymentProviderId: record.paymentProviderId, productCode: record.productCode }),
  }),
  family({
    name: 'vipps',
    path: '/capi/v1/customer/payment/vipps/agreement',
    listKey: 'recurringAgreements',
    idField: 'agreementRef',
    records: (data) => data.vippsAgreements,
    id: (record) => record.agreementRef,
    view: (record) => ({ agreementRef: record.agreementRef, paymentProviderId: record.paymentProviderId, productCode: record.productCode }),
  }),
  family({
    name: 'nexi',
    path: '/capi/v1/api/payment/nexi/subscription',
    listKey: 'subscriptions',
    idField: 'subscriptionId',
    records: (data) => data.nexiSubscriptions,
    id: (record) => record.subscriptionId,
    // ASSUMED item fields: the public docs show none.
    view: (record) => ({
      subscriptionId: record.subscriptionId,
      paymentProviderId: record.paymentProviderId,
      productCode: record.productCode,
      maskedCardNumber: record.maskedCardNumber,
      expiryMonth: record.expirationMonth,
      expiryYear: record.expirationYear,
      cardType: record.cardTypeName,
    }),
  }),
]

/** `?customerNumber=`: required, 1 to 12 digits (our assumption, see above). */
function customerNumberOf(ctx: RequestContext): number {
  const raw = ctx.query.get('customerNumber')
  if (raw === null || raw === '') throw new ClientError(400, 'The query parameter customerNumber is required: the console acts for a customer')
  if (!/^[0-9]{1,12}$/.test(raw)) throw new ClientError(400, 'customerNumber must be 1 to 12 digits')
  return Number(raw)
}

/** paymentProviderId as a number or a numeric string (the PayEx example sends "11", the lists send 11). */
function providerIdOf(body: Record<string, unknown>): number {
  const value = body.paymentProviderId
  const parsed = typeof value === 'number' ? value : typeof value === 'string' && /^[0-9]{1,9}$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isInteger(parsed)) throw new ClientError(400, 'paymentProviderId is required: an integer, as a number or a string')
  return parsed
}

function listHandler(tokens: TokenFamily) {
  return (ctx: RequestContext): Reply => {
    const body = tokens.list(ctx.state.data, customerNumberOf(ctx))
    return connectReply(ctx, 200, body, Object.keys(body)[0] ?? 'tokens')
  }
}

function removeHandler(tokens: TokenFamily) {
  return async (ctx: RequestContext): Promise<Reply> => {
    const customerNumber = customerNumberOf(ctx)
    const body = parseJsonObject(await ctx.body())
    const id = body[tokens.idField]
    if (typeof id !== 'string' || id === '' || id.length > 128) throw new ClientError(400, `${tokens.idField} is required: a string of 1 to 128 characters`)
    const providerId = providerIdOf(body)
    const record = tokens.find(ctx.state.data, customerNumber, id)
    if (!record) return connectError(ctx, 400, 'TokenNotFound', `No active ${tokens.idField} ${id} for customer ${customerNumber}`)
    if (record.paymentProviderId !== providerId) {
      throw new ClientError(400, `paymentProviderId ${providerId} does not match the token's provider ${record.paymentProviderId}`)
    }
    record.state = 'Removed'
    return connectReply(ctx, 200, { success: true }, 'response')
  }
}

export const tokenRoutes: readonly Route[] = TOKEN_FAMILIES.flatMap((tokens): Route[] => [
  { method: 'GET', pattern: tokens.path, handle: listHandler(tokens) },
  { method: 'PATCH', pattern: tokens.path, handle: removeHandler(tokens) },
])
