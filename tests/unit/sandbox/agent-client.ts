/** Helpers for the agent sign-in tests: PKCE, the authorize form, and the token endpoint, over real HTTP. */
import { createHash, randomBytes } from 'node:crypto'
import type { SandboxHandle } from '../../../src/sandbox/index.ts'

export const REDIRECT_URI = 'http://127.0.0.1:53123/callback'

export interface Pkce {
  verifier: string
  challenge: string
}

export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

/** A valid authorize request's parameters, with overrides (undefined removes one). */
export function authorizeParams(challenge: string, overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const params: Record<string, string | undefined> = {
    client_id: 'sandbox-console',
    response_type: 'code',
    scope: 'read',
    state: 'st-123',
    redirect_uri: REDIRECT_URI,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  }
  return Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined))
}

/** A form POST that does not follow redirects, so a test sees the 302 and its Location. */
export function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
    redirect: 'manual',
  })
}

/** Submits the authorize page as the agent and returns the code from the redirect. */
export async function authorizeCode(sandbox: SandboxHandle, agent = 'silje', pair: Pkce = pkce()): Promise<{ code: string; verifier: string }> {
  const response = await postForm(`${sandbox.connectIdUrl}/oauth/authorize`, { ...authorizeParams(pair.challenge), agent })
  if (response.status !== 302) throw new Error(`authorize failed: ${response.status} ${await response.text()}`)
  const code = new URL(response.headers.get('location') ?? '').searchParams.get('code')
  if (!code) throw new Error('no code in the redirect')
  return { code, verifier: pair.verifier }
}

export interface TokenBody {
  access_token: string
  refresh_token: string
  token_type: string
  expires_in: number
  scope: string
}

export function tokenRequest(sandbox: SandboxHandle, fields: Record<string, string>): Promise<Response> {
  return postForm(`${sandbox.connectIdUrl}/oauth/token`, fields)
}

export function redeem(sandbox: SandboxHandle, code: string, verifier: string, overrides: Record<string, string> = {}): Promise<Response> {
  return tokenRequest(sandbox, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: 'sandbox-console', code_verifier: verifier, ...overrides })
}

export function refresh(sandbox: SandboxHandle, refreshToken: string): Promise<Response> {
  return tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'sandbox-console' })
}

/** Signs an agent in end to end and returns the token response. */
export async function agentTokens(sandbox: SandboxHandle, agent = 'silje'): Promise<TokenBody> {
  const { code, verifier } = await authorizeCode(sandbox, agent)
  const response = await redeem(sandbox, code, verifier)
  if (response.status !== 200) throw new Error(`token exchange failed: ${response.status} ${await response.text()}`)
  return (await response.json()) as TokenBody
}

/** GET the agent's profile with a token: the quickest check that a token is (still) accepted. */
export function profile(sandbox: SandboxHandle, accessToken: string): Promise<Response> {
  return fetch(`${sandbox.connectApiUrl}/v1/customer/profile`, { headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' } })
}
