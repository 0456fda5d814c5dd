/**
 * The Connect API family (/capi): bearer auth with a ConnectID access token, the per-client rate limit,
 * the headers every Connect response carries, and JSON only for clients that ask for it (XML otherwise).
 * Client-mode paths (/capi/v1/client/...) need a client_credentials token. The other paths accept an agent's
 * (user-mode) token too; the guard notes the agent on the context, and user-only routes check it.
 * Every token counts against its client id's rate limit, whichever grant it came from.
 */
import { activeAccessToken } from '../connectid/issue.ts'
import { bearerToken } from '../http/auth.ts'
import type { ApiFamily } from '../http/dispatcher.ts'
import type { ClientError, Reply } from '../http/reply.ts'
import type { RequestContext, Route } from '../http/router.ts'
import { customerRoutes } from './customers.ts'
import { invoiceRoutes } from './invoices.ts'
import { paymentRoutes } from './payments.ts'
import { profileRoutes } from './profile.ts'
import { connectError, connectReply } from './respond.ts'
import { peekRequests, rateLimitHeaders, takeRequest } from './rate-limit.ts'
import { tokenRoutes } from './tokens.ts'

export const CONNECT_API_VERSION = '1.0.0-sandbox'
const CLIENT_MODE_PREFIX = '/capi/v1/client/'

/** OAuth errors on the API (401): `{error, error_description}`. */
function invalidToken(ctx: RequestContext, description: string): Reply {
  return connectReply(ctx, 401, { error: 'invalid_token', error_description: description }, 'oauth')
}

const EXCEPTION_TYPES: Record<number, string> = {
  400: 'InvalidParameter',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  413: 'PayloadTooLarge',
  429: 'RateLimitExceeded',
  503: 'ServiceUnavailable',
}

function guard(ctx: RequestContext): Reply | undefined {
  const now = Date.now()
  const token = bearerToken(ctx.req)
  if (token === undefined) return invalidToken(ctx, 'Full authentication is required: send Authorization: Bearer <access token>')
  const issued = activeAccessToken(ctx.state, token, now)
  if (!issued) return invalidToken(ctx, 'Invalid, expired or revoked access token')
  if (ctx.rawPath.startsWith(CLIENT_MODE_PREFIX) && issued.grantType !== 'client_credentials') {
    return invalidToken(ctx, 'Client-mode endpoints need a client_credentials token')
  }
  const clientId = issued.clientId
  ctx.clientId = clientId
  if (issued.agent !== undefined) ctx.agentId = issued.agent
  if (!takeRequest(ctx.state, clientId, now).allowed) {
    return connectError(ctx, 429, 'RateLimitExceeded', 'Too many requests: the limit is 100 per second and 2000 per minute per client')
  }
  return undefined
}

function decorate(ctx: RequestContext, reply: Reply): Reply {
  const clientId = ctx.clientId ?? activeAccessToken(ctx.state, bearerToken(ctx.req))?.clientId
  const status = peekRequests(ctx.state, clientId)
  // A reply's own rate-limit headers (an injected fault's) win over the limiter's.
  return {
    ...reply,
    headers: {
      ...rateLimitHeaders(reply.status === 429 ? 0 : status.remaining, status.resetSeconds),
      ...reply.headers,
      'X-Mediaconnect-Api-Version': CONNECT_API_VERSION,
    },
  }
}

function error(ctx: RequestContext, failure: ClientError): Reply {
  if (failure.status === 401) return invalidToken(ctx, failure.message)
  const exceptionType = EXCEPTION_TYPES[failure.status] ?? (failure.status >= 500 ? 'InternalServerError' : 'BadRequest')
  return connectError(ctx, failure.status, exceptionType, failure.message)
}

const routes: readonly Route[] = [...customerRoutes, ...invoiceRoutes, ...tokenRoutes, ...profileRoutes, ...paymentRoutes]

export const connectFamily: ApiFamily = {
  name: 'connect',
  owns: (rawPath) => rawPath === '/capi' || rawPath.startsWith('/capi/'),
  routes,
  inspectable: true,
  guard,
  decorate,
  error,
}
