/**
 * Issuing and revoking what the fake ConnectID hands out: client tokens, agents' access and refresh tokens,
 * and authorization codes. Every token issued from one code belongs to one family, so reuse of the code or of a
 * rotated refresh token can revoke them all (RFC 6749 §4.1.2, RFC 9700 §4.14.2).
 */
import { randomSecret } from '../http/auth.ts'
import { jsonReply } from '../http/reply.ts'
import type { Reply } from '../http/reply.ts'
import type { IssuedAccessToken, SandboxState } from '../state.ts'

/** The only scope ConnectID documents ("read - For all access"). */
export const SCOPE = 'read'

export function oauthError(status: number, error: string, description: string): Reply {
  return jsonReply(status, { error, error_description: description })
}

export function issueClientToken(state: SandboxState, clientId: string): Reply {
  const accessToken = randomSecret(32)
  const seconds = state.tokenLifetimes.accessTokenSeconds
  state.accessTokens.set(accessToken, { clientId, grantType: 'client_credentials', scope: SCOPE, expiresAt: Date.now() + seconds * 1000 })
  return jsonReply(200, { access_token: accessToken, token_type: 'bearer', expires_in: seconds, scope: SCOPE })
}

export interface UserGrant {
  clientId: string
  agent: string
  scope: string
  family: string
  grantType: 'authorization_code' | 'refresh_token'
}

/** A new access token and a new refresh token for a signed-in agent. */
export function issueUserTokens(state: SandboxState, grant: UserGrant): Reply {
  const now = Date.now()
  const { accessTokenSeconds, refreshTokenSeconds } = state.tokenLifetimes
  const accessToken = randomSecret(32)
  const refreshToken = randomSecret(32)
  state.accessTokens.set(accessToken, {
    clientId: grant.clientId,
    grantType: grant.grantType,
    scope: grant.scope,
    expiresAt: now + accessTokenSeconds * 1000,
    agent: grant.agent,
    family: grant.family,
  })
  state.refreshTokens.set(refreshToken, {
    clientId: grant.clientId,
    agent: grant.agent,
    scope: grant.scope,
    family: grant.family,
    expiresAt: now + refreshTokenSeconds * 1000,
    status: 'active',
  })
  return jsonReply(200, {
    access_token: accessToken,
    refresh_token: refreshToken,
    token_type: 'bearer',
    expires_in: accessTokenSeconds,
    scope: grant.scope,
  })
}

/** Revokes every access and refresh token of a family. */
export function revokeFamily(state: SandboxState, family: string): void {
  for (const issued of state.accessTokens.values()) {
    if (issued.family === family) issued.revoked = true
  }
  for (const record of state.refreshTokens.values()) {
    if (record.family === family) record.status = 'revoked'
  }
}

/** The token's record if it is known, unexpired and not revoked. */
export function activeAccessToken(state: SandboxState, token: string | undefined, now: number = Date.now()): IssuedAccessToken | undefined {
  const issued = token === undefined ? undefined : state.accessTokens.get(token)
  return issued && issued.expiresAt > now && !issued.revoked ? issued : undefined
}

/** Codes that expired this long ago are forgotten (a reuse after that is just an unknown code). */
const CODE_MEMORY_MS = 10 * 60_000

export function issueAuthorizationCode(
  state: SandboxState,
  request: { clientId: string; redirectUri: string; codeChallenge: string; scope: string },
  agent: string,
): string {
  const now = Date.now()
  for (const [code, record] of state.authorizationCodes) {
    if (record.expiresAt < now - CODE_MEMORY_MS) state.authorizationCodes.delete(code)
  }
  const code = randomSecret(32)
  state.authorizationCodes.set(code, {
    ...request,
    agent,
    expiresAt: now + state.tokenLifetimes.authorizationCodeSeconds * 1000,
    used: false,
    family: randomSecret(12),
  })
  return code
}
