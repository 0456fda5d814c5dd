import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startSandbox } from '../../../src/sandbox/index.ts'
import type { SandboxHandle } from '../../../src/sandbox/index.ts'
import { agentTokens, authorizeCode, pkce, profile, redeem, refresh, tokenRequest } from './agent-client.ts'
import type { TokenBody } from './agent-client.ts'
import { sandboxPost } from './sandbox-client.ts'

let sandbox: SandboxHandle

beforeAll(async () => {
  sandbox = await startSandbox()
})
afterAll(() => sandbox.close())
beforeEach(async () => {
  await sandboxPost(sandbox, '/__sandbox/reset')
})

async function oauthError(response: Response, status: number, error: string): Promise<void> {
  expect(response.status).toBe(status)
  expect(await response.json()).toMatchObject({ error, error_description: expect.any(String) })
}

describe('authorization_code grant (PKCE S256, public client)', () => {
  it('exchanges a code for access and refresh tokens without a client secret, recorded with the agent', async () => {
    const { code, verifier } = await authorizeCode(sandbox, 'mari')
    const response = await redeem(sandbox, code, verifier)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const body = (await response.json()) as TokenBody
    expect(body).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), token_type: 'bearer', expires_in: 43200, scope: 'read' })
    expect(sandbox.state.accessTokens.get(body.access_token)).toMatchObject({ clientId: 'sandbox-console', grantType: 'authorization_code', agent: 'mari' })
    expect(sandbox.state.refreshTokens.get(body.refresh_token)).toMatchObject({ agent: 'mari', status: 'active' })
  })

  it('answers the signed-in agent\'s profile in the documented shape', async () => {
    const { access_token } = await agentTokens(sandbox, 'erik')
    const response = await profile(sandbox, access_token)
    expect(response.status).toBe(200)
    expect(response.headers.get('x-ratelimit-remaining')).toBeTruthy()
    expect(await response.json()).toEqual({
      userId: '7100002',
      uniqueId: 'a9e0c6b2-1f4d-4c3a-9b7e-710000000002',
      customerNumber: 900002,
      name: { firstName: 'Erik', lastName: 'Johansson' },
      emails: ['erik.johansson@kundtjanst.example.se'],
      credential: { credential: 'erik.johansson@kundtjanst.example.se', credentialType: 'A' },
    })
  })

  it('refuses the profile to a client-credentials token with 401 invalid_token', async () => {
    const client = (await (
      await tokenRequest(sandbox, { grant_type: 'client_credentials', client_id: 'sandbox-console', client_secret: sandbox.credentials.clientSecret })
    ).json()) as { access_token: string }
    const response = await profile(sandbox, client.access_token)
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ error: 'invalid_token' })
  })

  it('refuses a wrong verifier, and the code is used up by the attempt', async () => {
    const { code, verifier } = await authorizeCode(sandbox)
    await oauthError(await redeem(sandbox, code, pkce().verifier), 400, 'invalid_grant')
    await oauthError(await redeem(sandbox, code, verifier), 400, 'invalid_grant')
  })

  it('refuses a malformed verifier, a different redirect_uri and missing parameters', async () => {
    const first = await authorizeCode(sandbox)
    await oauthError(await redeem(sandbox, first.code, 'short'), 400, 'invalid_grant')
    const second = await authorizeCode(sandbox)
    await oauthError(await redeem(sandbox, second.code, second.verifier, { redirect_uri: 'http://127.0.0.1:53123/other' }), 400, 'invalid_grant')
    await oauthError(await tokenRequest(sandbox, { grant_type: 'authorization_code', client_id: 'sandbox-console', code: 'x' }), 400, 'invalid_request')
    await oauthError(await redeem(sandbox, 'no-such-code', pkce().verifier), 400, 'invalid_grant')
  })

  it('refuses an unknown client, a missing client_id, and a wrong secret when one is sent', async () => {
    const { code, verifier } = await authorizeCode(sandbox)
    await oauthError(await redeem(sandbox, code, verifier, { client_id: 'someone-else' }), 401, 'invalid_client')
    const fresh = await authorizeCode(sandbox)
    await oauthError(await redeem(sandbox, fresh.code, fresh.verifier, { client_secret: 'wrong' }), 401, 'invalid_client')
    const withSecret = await authorizeCode(sandbox)
    expect((await redeem(sandbox, withSecret.code, withSecret.verifier, { client_secret: sandbox.credentials.clientSecret })).status).toBe(200)
  })

  it('refuses an expired code (lifetime set to 0 in state)', async () => {
    sandbox.state.tokenLifetimes.authorizationCodeSeconds = 0
    const { code, verifier } = await authorizeCode(sandbox)
    await oauthError(await redeem(sandbox, code, verifier), 400, 'invalid_grant')
  })

  it('on reuse of a code answers invalid_grant and revokes the tokens issued from it', async () => {
    const { code, verifier } = await authorizeCode(sandbox)
    const first = (await (await redeem(sandbox, code, verifier)).json()) as TokenBody
    expect((await profile(sandbox, first.access_token)).status).toBe(200)
    await oauthError(await redeem(sandbox, code, verifier), 400, 'invalid_grant')
    expect((await profile(sandbox, first.access_token)).status).toBe(401)
    expect(sandbox.state.accessTokens.get(first.access_token)?.revoked).toBe(true)
    await oauthError(await refresh(sandbox, first.refresh_token), 400, 'invalid_grant')
  })

  it('lets access tokens expire per state.tokenLifetimes', async () => {
    sandbox.state.tokenLifetimes.accessTokenSeconds = 0
    const tokens = await agentTokens(sandbox)
    expect(tokens.expires_in).toBe(0)
    expect((await profile(sandbox, tokens.access_token)).status).toBe(401)
  })
})

describe('refresh_token grant with rotation', () => {
  it('gives a new access and refresh token each time; the old refresh token stops working', async () => {
    const signIn = await agentTokens(sandbox, 'silje')
    const response = await refresh(sandbox, signIn.refresh_token)
    expect(response.status).toBe(200)
    const rotated = (await response.json()) as TokenBody
    expect(rotated.refresh_token).not.toBe(signIn.refresh_token)
    expect(rotated.access_token).not.toBe(signIn.access_token)
    expect(sandbox.state.accessTokens.get(rotated.access_token)).toMatchObject({ grantType: 'refresh_token', agent: 'silje' })
    expect(sandbox.state.refreshTokens.get(signIn.refresh_token)?.status).toBe('rotated')
    expect((await profile(sandbox, rotated.access_token)).status).toBe(200)
    const again = (await (await refresh(sandbox, rotated.refresh_token)).json()) as TokenBody
    expect(again.refresh_token).not.toBe(rotated.refresh_token)
  })

  it('revokes the whole family when a rotated refresh token is presented', async () => {
    const signIn = await agentTokens(sandbox)
    const rotated = (await (await refresh(sandbox, signIn.refresh_token)).json()) as TokenBody
    await oauthError(await refresh(sandbox, signIn.refresh_token), 400, 'invalid_grant')
    expect((await profile(sandbox, rotated.access_token)).status).toBe(401)
    expect((await profile(sandbox, signIn.access_token)).status).toBe(401)
    await oauthError(await refresh(sandbox, rotated.refresh_token), 400, 'invalid_grant')
    // Another agent's sign-in is untouched.
    const other = await agentTokens(sandbox, 'mari')
    expect((await profile(sandbox, other.access_token)).status).toBe(200)
  })

  it('refuses an unknown, expired or other client\'s refresh token, and another scope', async () => {
    await oauthError(await refresh(sandbox, 'nope'), 400, 'invalid_grant')
    const signIn = await agentTokens(sandbox)
    await oauthError(await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: signIn.refresh_token, client_id: 'sandbox-console', scope: 'admin' }), 400, 'invalid_scope')
    await oauthError(await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: signIn.refresh_token, client_id: 'other' }), 401, 'invalid_client')
    await oauthError(await tokenRequest(sandbox, { grant_type: 'refresh_token', client_id: 'sandbox-console' }), 400, 'invalid_request')
    sandbox.state.tokenLifetimes.refreshTokenSeconds = 0
    const short = await agentTokens(sandbox)
    await oauthError(await refresh(sandbox, short.refresh_token), 400, 'invalid_grant')
  })

  it('masks the code, verifier and refresh token in the request log', async () => {
    const signIn = await agentTokens(sandbox)
    await fetch(`${sandbox.connectIdUrl}/oauth/token?${new URLSearchParams({ grant_type: 'refresh_token', client_id: 'sandbox-console', refresh_token: signIn.refresh_token })}`, {
      method: 'POST',
    })
    expect(sandbox.state.requests.at(-1)?.query.refresh_token).toBe('***')
    expect(JSON.stringify(sandbox.state.requests)).not.toContain(signIn.refresh_token)
  })
})
