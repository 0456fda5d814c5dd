/**
 * Test and demo hooks under /__sandbox (no auth: a local demo server). Not logged, not faultable.
 *   GET    /__sandbox/payers/<payerReference>  -> {payerReference, tokens:[raw Swedbank Pay tokens, any state]}
 *   GET    /__sandbox/customers/<n>            -> the raw customer record (names, emails, phone numbers)
 *   GET    /__sandbox/customers/<n>/tokens     -> {customerNumber, swedbankpay, payex, klarna, vipps, nexi} (raw, any state)
 *   GET    /__sandbox/transactions             -> {transactions:[…], postsPerInvoice:{<invoiceNumber>: count}}
 *   GET    /__sandbox/secrets                  -> {clientSecret, merchantToken, accessTokens, refreshTokens,
 *                                                   authorizationCodes} (every one issued this session), for leak scans
 *   GET    /__sandbox/agents                   -> {agents:[demo agents]} (sign in as agent-<id> on the authorize page)
 *   GET    /__sandbox/requests                 -> {requests:[{method, path, query, headers}]} (last 500, secrets masked)
 *   DELETE /__sandbox/requests                 -> clears that log
 *   POST   /__sandbox/reset                    -> restores the seed data, clears transactions, faults and rate-limit counters
 *   GET    /__sandbox/routes                   -> {routes:[route keys]} (what a fault can target)
 *   GET    /__sandbox/faults                   -> {faults:[{route, ...fault}]}
 *   POST   /__sandbox/faults                   -> body {route, status?, delayMs?, body?, contentType?, times?, retryAfter?,
 *                                                  answer?, hang?, reset?} (the fault kinds: src/sandbox/faults.ts)
 *   DELETE /__sandbox/faults[?route=<key>]     -> clears all faults, or one
 */
import { parseFaultSpec } from '../faults.ts'
import { parseJsonObject } from '../http/body.ts'
import type { ApiFamily } from '../http/dispatcher.ts'
import { jsonReply } from '../http/reply.ts'
import type { Reply } from '../http/reply.ts'
import type { RequestContext, Route } from '../http/router.ts'
import { restoreSeedData } from '../state.ts'
import { agents, customer, customerTokens, secrets, transactions } from './records.ts'

export function createInspectFamily(faultableRoutes: readonly string[]): ApiFamily {
  const payer = (ctx: RequestContext): Reply => {
    const payerReference = ctx.params.payerReference ?? ''
    const tokens = ctx.state.data.payerTokens.filter((token) => token.payerReference === payerReference)
    return jsonReply(200, { payerReference, tokens })
  }
  const setFault = async (ctx: RequestContext): Promise<Reply> => {
    const { route, fault } = parseFaultSpec(parseJsonObject(await ctx.body()), faultableRoutes)
    ctx.state.faults.set(route, fault)
    return jsonReply(201, { route, ...fault })
  }
  const clearFaults = (ctx: RequestContext): Reply => {
    const route = ctx.query.get('route')
    const cleared = route === null ? ctx.state.faults.size : Number(ctx.state.faults.delete(route))
    if (route === null) ctx.state.faults.clear()
    return jsonReply(200, { cleared })
  }

  const routes: readonly Route[] = [
    { method: 'GET', pattern: '/__sandbox/payers/:payerReference', handle: payer },
    { method: 'GET', pattern: '/__sandbox/customers/:customerNumber', handle: customer },
    { method: 'GET', pattern: '/__sandbox/customers/:customerNumber/tokens', handle: customerTokens },
    { method: 'GET', pattern: '/__sandbox/secrets', handle: secrets },
    { method: 'GET', pattern: '/__sandbox/transactions', handle: transactions },
    { method: 'GET', pattern: '/__sandbox/agents', handle: agents },
    { method: 'GET', pattern: '/__sandbox/requests', handle: (ctx) => jsonReply(200, { requests: ctx.state.requests }) },
    {
      method: 'DELETE',
      pattern: '/__sandbox/requests',
      handle: (ctx) => {
        ctx.state.requests.length = 0
        return jsonReply(200, { cleared: true })
      },
    },
    {
      method: 'POST',
      pattern: '/__sandbox/reset',
      handle: (ctx) => {
        restoreSeedData(ctx.state)
        return jsonReply(200, { reset: true })
      },
    },
    { method: 'GET', pattern: '/__sandbox/routes', handle: () => jsonReply(200, { routes: faultableRoutes }) },
    {
      method: 'GET',
      pattern: '/__sandbox/faults',
      handle: (ctx) => jsonReply(200, { faults: [...ctx.state.faults].map(([route, fault]) => ({ route, ...fault })) }),
    },
    { method: 'POST', pattern: '/__sandbox/faults', handle: setFault },
    { method: 'DELETE', pattern: '/__sandbox/faults', handle: clearFaults },
  ]

  return {
    name: 'inspect',
    owns: (rawPath) => rawPath === '/__sandbox' || rawPath.startsWith('/__sandbox/'),
    routes,
    inspectable: false,
    decorate: (_ctx, reply) => reply,
    error: (_ctx, failure) => jsonReply(failure.status, { error: failure.message }),
  }
}

/** Everything outside the known prefixes: a plain 404. */
export const unknownFamily: ApiFamily = {
  name: 'unknown',
  owns: () => true,
  routes: [],
  inspectable: true,
  decorate: (_ctx, reply) => reply,
  error: (_ctx, failure) => jsonReply(failure.status, { error: failure.message }),
}
