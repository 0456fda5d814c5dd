/**
 * The token endpoint's grant types. client_credentials is for the console's client mode (confidential: secret
 * required). authorization_code (+ PKCE S256) and refresh_token are for agents signing in: the console is a public
 * client there, so no secret is needed (a secret that is sent must still be right).
 */
import { createHash } from 'node:crypto'
import { sameSecret } from '../http/auth.ts'
import type { Reply } from '../http/reply.ts'
import type { RequestContext } from '../http/router.ts'
import { SCOPE, issueClientToken, issueUserTokens, oauthError, revokeFamily } from './issue.ts'

/** Looks a token-request parameter up in the form body first, then in the query string. */
export type Params = (name: string) => string | undefined

type GrantHandler = (ctx: RequestContext, param: Params) => Reply

/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
export const PKCE_VALUE = /^[A-Za-z0-9._~-]{43,128}$/

const invalidGrant = (description: string): Reply => oauthError(400, 'invalid_grant', description)

/** The client by client_id, with client_secret required (`confidential`) or checked only when sent (public). */
function identifyClient(ctx: RequestContext, param: Params, confidential: boolean): { clientId: string } | { reply: Reply } {
  const clientId = param('client_id')
  const clientSecret = param('client_secret')
  const expected = ctx.state.credentials
  if (clientId === undefined || (confidential && clientSecret === undefined)) {
    const required = confidential ? 'client_id and client_secret are required' : 'client_id is required'
    return { reply: oauthError(401, 'invalid_client', `Client authentication failed: ${required}`) }
  }
  if (clientId !== expected.clientId || (clientSecret !== undefined && !sameSecret(clientSecret, expected.clientSecret))) {
    return { reply: oauthError(401, 'invalid_client', 'Client authentication failed: unknown client or wrong secret') }
  }
  return { clientId }
}

function clientCredentials(ctx: RequestContext, param: Params): Reply {
  const client = identifyClient(ctx, param, true)
  return 'reply' in client ? client.reply : issueClientToken(ctx.state, client.clientId)
}

const s256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url')

/** Redeems a code, once. Any attempt uses it up, so a stolen code cannot be tried against many verifiers. */
function authorizationCode(ctx: RequestContext, param: Params): Reply {
  const client = identifyClient(ctx, param, false)
  if ('reply' in client) return client.reply
  const code = param('code')
  const redirectUri = param('redirect_uri')
  const verifier = param('code_verifier')
  if (code === undefined || redirectUri === undefined || verifier === undefined) {
    return oauthError(400, 'invalid_request', 'code, redirect_uri and code_verifier are required')
  }
  const record = ctx.state.authorizationCodes.get(code)
  if (!record) return invalidGrant('Unknown authorization code')
  if (record.used) {
    revokeFamily(ctx.state, record.family)
    return invalidGrant('The authorization code was already used; the tokens issued from it are revoked')
  }
  record.used = true
  if (record.expiresAt <= Date.now()) return invalidGrant('The authorization code has expired')
  if (record.clientId !== client.clientId) return invalidGrant('The authorization code was issued to another client')
  if (record.redirectUri !== redirectUri) return invalidGrant('redirect_uri does not match the authorization request')
  if (!PKCE_VALUE.test(verifier) || !sameSecret(s256(verifier), record.codeChallenge)) {
    return invalidGrant('code_verifier does not match the code_challenge')
  }
  return issueUserTokens(ctx.state, { clientId: client.clientId, agent: record.agent, scope: record.scope, family: record.family, grantType: 'authorization_code' })
}

/** Rotation: each refresh gives a new refresh token; presenting a rotated one revokes the whole family. */
function refreshToken(ctx: RequestContext, param: Params): Reply {
  const client = identifyClient(ctx, param, false)
  if ('reply' in client) return client.reply
  const token = param('refresh_token')
  if (token === undefined) return oauthError(400, 'invalid_request', 'refresh_token is required')
  const scope = param('scope')
  if (scope !== undefined && scope !== SCOPE) return oauthError(400, 'invalid_scope', `The only scope is "${SCOPE}"`)
  const record = ctx.state.refreshTokens.get(token)
  if (!record || record.clientId !== client.clientId) return invalidGrant('Unknown refresh token')
  if (record.status === 'rotated') {
    revokeFamily(ctx.state, record.family)
    return invalidGrant('The refresh token was already used; every token of this sign-in is revoked')
  }
  if (record.status === 'revoked') return invalidGrant('The refresh token was revoked')
  if (record.expiresAt <= Date.now()) return invalidGrant('The refresh token has expired')
  record.status = 'rotated'
  return issueUserTokens(ctx.state, { clientId: client.clientId, agent: record.agent, scope: record.scope, family: record.family, grantType: 'refresh_token' })
}

export const GRANTS: Record<string, GrantHandler> = {
  client_credentials: clientCredentials,
  authorization_code: authorizationCode,
  refresh_token: refreshToken,
}
