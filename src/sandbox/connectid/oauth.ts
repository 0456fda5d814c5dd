/**
 * The fake ConnectID login server (/user): the OAuth token endpoint.
 * Parameters come from the form body (application/x-www-form-urlencoded) or the query string; the real
 * server accepts both, and the PHP clients send them in both. Grant types live in one table, so
 * authorization_code and refresh_token can be added next to client_credentials.
 */
import { randomSecret, sameSecret } from '../http/auth.ts'
import type { ApiFamily } from '../http/dispatcher.ts'
import { jsonReply } from '../http/reply.ts'
import type { ClientError, Reply } from '../http/reply.ts'
import type { RequestContext, Route } from '../http/router.ts'

export const ACCESS_TOKEN_SECONDS = 43_200

/** Looks a token-request parameter up in the form body first, then in the query string. */
type Params = (name: string) => string | undefined

type GrantHandler = (ctx: RequestContext, param: Params) => Reply

function oauthError(status: number, error: string, description: string): Reply {
  return jsonReply(status, { error, error_description: description })
}

/** The client authenticated by client_id and client_secret, or a 401 invalid_client reply. */
function authenticateClient(ctx: RequestContext, param: Params): { clientId: string } | { reply: Reply } {
  const clientId = param('client_id')
  const clientSecret = param('client_secret')
  const expected = ctx.state.credentials
  if (clientId === undefined || clientSecret === undefined) {
    return { reply: oauthError(401, 'invalid_client', 'Client authentication failed: client_id and client_secret are required') }
  }
  if (clientId !== expected.clientId || !sameSecret(clientSecret, expected.clientSecret)) {
    return { reply: oauthError(401, 'invalid_client', 'Client authentication failed: unknown client or wrong secret') }
  }
  return { clientId }
}

function clientCredentials(ctx: RequestContext, param: Params): Reply {
  const client = authenticateClient(ctx, param)
  if ('reply' in client) return client.reply
  const accessToken = randomSecret(32)
  ctx.state.accessTokens.set(accessToken, {
    clientId: client.clientId,
    grantType: 'client_credentials',
    scope: 'read',
    expiresAt: Date.now() + ACCESS_TOKEN_SECONDS * 1000,
  })
  return jsonReply(200, { access_token: accessToken, token_type: 'bearer', expires_in: ACCESS_TOKEN_SECONDS, scope: 'read' })
}

const GRANTS: Record<string, GrantHandler> = {
  client_credentials: clientCredentials,
}

async function token(ctx: RequestContext): Promise<Reply> {
  const contentType = (ctx.req.headers['content-type'] ?? '').toLowerCase()
  const isForm = contentType === '' || contentType.startsWith('application/x-www-form-urlencoded')
  const form = new URLSearchParams(isForm ? await ctx.body() : '')
  const param: Params = (name) => form.get(name) ?? ctx.query.get(name) ?? undefined

  const grantType = param('grant_type')
  if (grantType === undefined) return oauthError(400, 'invalid_request', 'Missing grant_type')
  const grant = Object.hasOwn(GRANTS, grantType) ? GRANTS[grantType] : undefined
  if (!grant) return oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType.slice(0, 64)}`)
  return grant(ctx, param)
}

const ERRORS: Record<number, string> = { 400: 'invalid_request', 401: 'invalid_client', 404: 'not_found', 405: 'method_not_allowed', 413: 'invalid_request' }

const routes: readonly Route[] = [{ method: 'POST', pattern: '/user/oauth/token', handle: token }]

export const connectIdFamily: ApiFamily = {
  name: 'connectid',
  owns: (rawPath) => rawPath === '/user' || rawPath.startsWith('/user/'),
  routes,
  inspectable: true,
  // RFC 6749 §5.1: token responses must not be cached.
  decorate: (_ctx, reply) => ({ ...reply, headers: { ...reply.headers, 'Cache-Control': 'no-store', Pragma: 'no-cache' } }),
  error: (_ctx, failure: ClientError) =>
    oauthError(failure.status, ERRORS[failure.status] ?? (failure.status >= 500 ? 'server_error' : 'invalid_request'), failure.message),
}
