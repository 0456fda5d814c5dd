/**
 * Swedbank Pay's old PaymentOrder token endpoints [C SP-OLD, swedbankpay.md §1.5], on the SAME token records as the
 * Payer API: a token deleted here leaves both Payer API lists, and /__sandbox/payers/<ref> shows it 'Deleted'.
 *   GET   /psp/paymentorders/payerownedtokens/<payerReference>        -> {payerOwnedTokens:{…}, operations:[…]} (active tokens)
 *   PATCH /psp/paymentorders/payerownedtokens/<payerReference>        {state:"Deleted", comment} -> deletes all (version=3.1)
 *   PATCH /psp/paymentorders/payerOwnedPaymentTokens/<payerReference> the same (the docs' operation href)
 *   PATCH /psp/paymentorders/{paymentTokens|recurrenceTokens|unscheduledTokens}/<token>  {state:"Deleted", comment}
 * Path literals match in any case (the docs mix camelCase and lowercase, as IIS routing allows).
 * Errors: 400 inputerror (bad body), 404 paymentorders/inputerror (unknown token, or not of the path's type),
 * 422 paymentorders/paymenttokeninactive (already archived or deleted).
 */
import type { PayerToken, PayerTokenType } from '../data/index.ts'
import { parseJsonObject } from '../http/body.ts'
import type { Reply } from '../http/reply.ts'
import type { RequestContext, Route } from '../http/router.ts'
import {
  DELETABLE_KINDS,
  deletedPayerOwnedTokensEnvelope,
  deletedTokenBody,
  PAYMENT_ORDER_V31_CONTENT_TYPE,
  payerOwnedTokensEnvelope,
} from './payment-order-views.ts'
import { inputError, stringField, tokenInactive, tokenNotFound } from './problems.ts'
import type { Problem } from './problems.ts'
import { payerReply } from './views.ts'

/** `{state:"Deleted", comment}`: only Deleted is allowed, and the comment is required. */
async function readDeleteRequest(ctx: RequestContext): Promise<{ comment: string } | Reply> {
  const body = parseJsonObject(await ctx.body())
  const problems: Problem[] = []
  const state = stringField(body, 'state', problems)
  if (state !== '' && state !== 'Deleted') problems.push({ name: 'state', description: 'The only state allowed is "Deleted"' })
  const comment = stringField(body, 'comment', problems)
  return problems.length > 0 ? inputError(problems) : { comment }
}

function markDeleted(token: PayerToken, comment: string): void {
  token.state = 'Deleted'
  token.deleteComment = comment
}

function payerTokens(ctx: RequestContext): PayerToken[] {
  const payerReference = ctx.params.payerReference ?? ''
  return ctx.state.data.payerTokens.filter((token) => token.payerReference === payerReference)
}

function listPayerOwned(ctx: RequestContext): Reply {
  const active = payerTokens(ctx).filter((token) => token.state === 'Active')
  return payerReply(200, payerOwnedTokensEnvelope(ctx.state.baseUrl, ctx.params.payerReference ?? '', active))
}

/** Deletes every token of the payer that is not deleted yet (archived ones too) and lists them. */
async function deletePayerOwned(ctx: RequestContext): Promise<Reply> {
  const request = await readDeleteRequest(ctx)
  if ('status' in request) return request
  const deleted = payerTokens(ctx).filter((token) => token.state !== 'Deleted')
  deleted.forEach((token) => markDeleted(token, request.comment))
  const body = deletedPayerOwnedTokensEnvelope(ctx.params.payerReference ?? '', deleted)
  return { ...payerReply(200, body), headers: { 'Content-Type': PAYMENT_ORDER_V31_CONTENT_TYPE } }
}

function deleteToken(tokenType: PayerTokenType, problemName: string) {
  return async (ctx: RequestContext): Promise<Reply> => {
    const guid = (ctx.params.token ?? '').toLowerCase()
    const token = ctx.state.data.payerTokens.find((candidate) => candidate.token.toLowerCase() === guid && candidate.tokenType === tokenType)
    if (!token) return tokenNotFound(problemName)
    const request = await readDeleteRequest(ctx)
    if ('status' in request) return request
    if (token.state !== 'Active') return tokenInactive(problemName, `The token is ${token.state.toLowerCase()} and can no longer be used or changed`)
    markDeleted(token, request.comment)
    return payerReply(200, deletedTokenBody(token))
  }
}

const PREFIX = '/psp/paymentorders'

const tokenRoutes = DELETABLE_KINDS.map(
  (kind): Route => ({ method: 'PATCH', pattern: `${PREFIX}/${kind.segment}/:token`, handle: deleteToken(kind.tokenType, kind.problemName), ignoreCase: true }),
)

export const paymentOrderRoutes: readonly Route[] = [
  { method: 'GET', pattern: `${PREFIX}/payerownedtokens/:payerReference`, handle: listPayerOwned, ignoreCase: true },
  { method: 'PATCH', pattern: `${PREFIX}/payerownedtokens/:payerReference`, handle: deletePayerOwned, ignoreCase: true },
  { method: 'PATCH', pattern: `${PREFIX}/payerOwnedPaymentTokens/:payerReference`, handle: deletePayerOwned, ignoreCase: true },
  ...tokenRoutes,
]
