/**
 * Swedbank Pay's Payer API, stateful: archive a token and the next list shows it under /archives.
 * A token id in a path is `<token>-<tokenType>`; the token is a GUID (it has dashes), so it is split at the LAST dash.
 */
import type { PayerToken } from '../data/index.ts'
import { parseJsonObject } from '../http/body.ts'
import type { Reply } from '../http/reply.ts'
import type { RequestContext, Route } from '../http/router.ts'
import { inputError, stringField, tokenInactive, tokenNotFound } from './problems.ts'
import type { Problem } from './problems.ts'
import { listEnvelope, payerReply, singleTokenEnvelope } from './views.ts'

/** updatedBy values seen in the docs (current and 5.3.17), compared without case or underscores. */
const UPDATED_BY: Record<string, string> = {
  PAYEE: 'PAYEE',
  CONSUMER: 'CONSUMER',
  ONLINE: 'ONLINE',
  TOKENISSUER: 'TOKEN_ISSUER',
  SWEDBANKPAY: 'SWEDBANK_PAY',
}

function payerTokens(ctx: RequestContext, payerReference: string): PayerToken[] {
  return ctx.state.data.payerTokens.filter((token) => token.payerReference === payerReference)
}

/** The stored token named by the `tokenId` path parameter, or the documented 404 inputerror.
 *  A token deleted through the old PaymentOrder endpoints is gone for the Payer API: 404 as well. */
function findToken(ctx: RequestContext): PayerToken | Reply {
  const tokenId = ctx.params.tokenId ?? ''
  const dash = tokenId.lastIndexOf('-')
  const token = dash > 0 ? tokenId.slice(0, dash).toLowerCase() : tokenId
  const tokenType = dash > 0 ? tokenId.slice(dash + 1) : ''
  const found = ctx.state.data.payerTokens.find(
    (candidate) => candidate.token.toLowerCase() === token && candidate.tokenType === tokenType && candidate.state !== 'Deleted',
  )
  return found ?? tokenNotFound(/^[A-Za-z]{1,32}$/.test(tokenType) ? `${tokenType}Token` : 'Token')
}

const isReply = (value: PayerToken | Reply): value is Reply => 'status' in value && 'body' in value

/** `{reason, updatedBy}`, both required; updatedBy in any case. */
async function readArchiveRequest(ctx: RequestContext): Promise<{ reason: string; archivedBy: string } | Reply> {
  const body = parseJsonObject(await ctx.body())
  const problems: Problem[] = []
  const reason = stringField(body, 'reason', problems)
  const updatedBy = stringField(body, 'updatedBy', problems)
  const archivedBy = UPDATED_BY[updatedBy.toUpperCase().replace(/_/g, '')]
  if (updatedBy !== '' && archivedBy === undefined) {
    problems.push({ name: 'updatedBy', description: 'updatedBy must be one of PAYEE, CONSUMER, ONLINE, TOKENISSUER, SWEDBANK_PAY, TOKEN_ISSUER' })
  }
  return problems.length > 0 || archivedBy === undefined ? inputError(problems) : { reason, archivedBy }
}

function archive(token: PayerToken, request: { reason: string; archivedBy: string }): void {
  Object.assign(token, { state: 'Archived', archivedBy: request.archivedBy, archiveReason: request.reason })
}

function listActive(ctx: RequestContext): Reply {
  const ref = ctx.params.payerReference ?? ''
  const active = payerTokens(ctx, ref).filter((token) => token.state === 'Active')
  return payerReply(200, listEnvelope(ctx.state.baseUrl, ref, active, 'active'))
}

function listArchived(ctx: RequestContext): Reply {
  const ref = ctx.params.payerReference ?? ''
  const archivedTokens = payerTokens(ctx, ref).filter((token) => token.state === 'Archived')
  return payerReply(200, listEnvelope(ctx.state.baseUrl, ref, archivedTokens, 'archives'))
}

async function archiveAll(ctx: RequestContext): Promise<Reply> {
  const request = await readArchiveRequest(ctx)
  if ('status' in request) return request
  const ref = ctx.params.payerReference ?? ''
  payerTokens(ctx, ref)
    .filter((token) => token.state === 'Active')
    .forEach((token) => archive(token, request))
  return listArchived(ctx)
}

function getToken(ctx: RequestContext): Reply {
  const token = findToken(ctx)
  return isReply(token) ? token : payerReply(200, singleTokenEnvelope(ctx.state.baseUrl, token))
}

async function archiveToken(ctx: RequestContext): Promise<Reply> {
  const token = findToken(ctx)
  if (isReply(token)) return token
  const request = await readArchiveRequest(ctx)
  if ('status' in request) return request
  if (token.state !== 'Active') return tokenInactive(`${token.tokenType}Token`)
  archive(token, request)
  return payerReply(200, singleTokenEnvelope(ctx.state.baseUrl, token, '/archives'))
}

async function renameToken(ctx: RequestContext): Promise<Reply> {
  const token = findToken(ctx)
  if (isReply(token)) return token
  const problems: Problem[] = []
  const displayName = stringField(parseJsonObject(await ctx.body()), 'displayName', problems)
  if (problems.length > 0) return inputError(problems)
  if (token.state !== 'Active') return tokenInactive(`${token.tokenType}Token`)
  token.displayName = displayName
  return payerReply(200, singleTokenEnvelope(ctx.state.baseUrl, token, '/displaynames'))
}

/** Token routes first, so "tokens" is never read as a payerReference. */
export const payerRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/online/payers/tokens/:tokenId', handle: getToken },
  { method: 'PATCH', pattern: '/online/payers/tokens/:tokenId/archives', handle: archiveToken },
  { method: 'PATCH', pattern: '/online/payers/tokens/:tokenId/displaynames', handle: renameToken },
  { method: 'GET', pattern: '/online/payers/:payerReference', handle: listActive },
  { method: 'GET', pattern: '/online/payers/:payerReference/archives', handle: listArchived },
  { method: 'PATCH', pattern: '/online/payers/:payerReference/archives', handle: archiveAll },
]
