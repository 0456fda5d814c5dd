/**
 * ConnectID in user mode, for the agent: the authorize URL (Authorization Code + PKCE S256), the code
 * exchange and refresh on {loginUrl}/oauth/token (public client: no secret), and the agent's profile on
 * Connect. Every call goes through the one HTTP client factory and its error mapper.
 */
import { z } from 'zod'
import type { Agent } from '../../shared/domain.ts'
import type { HttpSettings } from '../config.ts'
import { connectEndpoints } from '../connect/endpoints.ts'
import { createHttpClient } from '../http/client.ts'
import type { HttpClientOptions } from '../http/client.ts'
import type { Logger } from '../log.ts'
import { agentEndpoints } from './agent-endpoints.ts'
import { ExpiresIn } from './token-lifetime.ts'

/** Where the agent signs in: the active profile's ConnectID login server, Connect API and client id. */
export interface AgentLogin {
  loginUrl: string
  apiUrl: string
  clientId: string
}

export interface AgentTokens {
  accessToken: string
  /** null when ConnectID sends none (the sign-in then ends with the access token). */
  refreshToken: string | null
  expiresIn: number | undefined
}

export interface ConnectIdAgentApi {
  authorizeUrl(request: { state: string; challenge: string; redirectUri: string }): string
  exchangeCode(request: { code: string; verifier: string; redirectUri: string }): Promise<AgentTokens>
  refresh(refreshToken: string): Promise<AgentTokens>
  agentProfile(accessToken: string): Promise<Agent>
}

const TokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: ExpiresIn.optional(),
})

/** Tolerant: only userId is required (as the PHP clients require it); unknown fields are ignored. */
const Profile = z.object({
  userId: z.union([z.string().min(1), z.number()]).transform(String),
  name: z
    .object({ firstName: z.string().nullish(), middleName: z.string().nullish(), lastName: z.string().nullish() })
    .nullish(),
  emails: z.array(z.unknown()).nullish(),
  credential: z.object({ credential: z.string().nullish(), credentialType: z.string().nullish() }).nullish(),
})

export function createConnectIdAgentApi(options: {
  login: AgentLogin
  http: HttpSettings
  adapter?: HttpClientOptions['adapter']
  logger: Logger
}): ConnectIdAgentApi {
  const { login, logger } = options
  const common = {
    timeoutMs: options.http.timeoutMs,
    headers: { Accept: 'application/json', 'User-Agent': options.http.userAgent },
    logger,
    ...(options.adapter === undefined ? {} : { adapter: options.adapter }),
  }
  const tokenClient = createHttpClient({ ...common, provider: 'connectid', baseURL: login.loginUrl })

  const requestTokens = async (form: Record<string, string>): Promise<AgentTokens> => {
    const body = await tokenClient.send({ endpoint: connectEndpoints.token, form, write: false }, TokenResponse)
    logger.addSecret(body.access_token)
    logger.addSecret(body.refresh_token)
    return { accessToken: body.access_token, refreshToken: body.refresh_token ?? null, expiresIn: body.expires_in }
  }

  return {
    authorizeUrl({ state, challenge, redirectUri }) {
      const query = new URLSearchParams({
        client_id: login.clientId,
        response_type: 'code',
        scope: 'read',
        state,
        redirect_uri: redirectUri,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      })
      return `${login.loginUrl.replace(/\/+$/, '')}${agentEndpoints.authorize.path}?${query}`
    },
    exchangeCode: ({ code, verifier, redirectUri }) =>
      requestTokens({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: login.clientId,
        code_verifier: verifier,
      }),
    refresh: (refreshToken) => requestTokens({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: login.clientId }),
    async agentProfile(accessToken) {
      const api = createHttpClient({ ...common, provider: 'connect', baseURL: login.apiUrl, auth: async () => accessToken })
      return toAgent(await api.send({ endpoint: agentEndpoints.profile, subject: 'profile for this sign-in' }, Profile))
    },
  }
}

function toAgent(profile: z.output<typeof Profile>): Agent {
  const email = firstEmail(profile)
  const name = [profile.name?.firstName, profile.name?.lastName].map((part) => part?.trim() ?? '').filter(Boolean).join(' ')
  return { userId: profile.userId, name: name || email || `ConnectID user ${profile.userId}`, email }
}

function firstEmail(profile: z.output<typeof Profile>): string | null {
  const listed = profile.emails?.find((value): value is string => typeof value === 'string' && value.includes('@'))
  if (listed !== undefined) return listed
  const credential = profile.credential
  return credential?.credentialType === 'A' && credential.credential ? credential.credential : null
}
