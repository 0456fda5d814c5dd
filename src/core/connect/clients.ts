/**
 * The HTTP clients for Connect and for ConnectID's token endpoint.
 * Connect answers XML unless asked for JSON, so every request carries `Accept: application/json`.
 * `api` sends the client-credentials token (client mode); `agentApi` sends the signed-in agent's
 * ConnectID token when there is one (user-mode endpoints), else the client token (an assumption).
 * Both share one rate limiter (Connect counts per client id, whichever token is sent) and the retry
 * policy; a refused token is renewed once (client token: fetched again; agent token: refreshed, or the
 * agent is asked to sign in again) and the request replayed once.
 */
import type { AgentSession } from '../auth/agent-session.ts'
import { fixedAgentSession } from '../auth/agent-session.ts'
import { createClientCredentials } from '../auth/client-credentials.ts'
import type { TokenSource } from '../auth/client-credentials.ts'
import type { ConnectConfig, ConsoleConfig } from '../config.ts'
import { createHttpClient } from '../http/client.ts'
import type { Bearer, HttpClient, HttpClientOptions } from '../http/client.ts'
import { sharedRateLimiter } from '../http/rate-limit.ts'
import { createRetryPolicy } from '../http/retry.ts'
import type { Logger } from '../log.ts'

export interface ConnectClients {
  api: HttpClient
  agentApi: HttpClient
  tokens: TokenSource
}

export function createConnectClients(
  connect: ConnectConfig,
  http: ConsoleConfig['http'],
  options: { logger?: Logger; adapter?: HttpClientOptions['adapter']; agentSession?: AgentSession } = {},
): ConnectClients {
  const { logger } = options
  const agentSession = options.agentSession ?? fixedAgentSession(null)
  const common = {
    timeoutMs: http.timeoutMs,
    headers: { Accept: 'application/json', 'User-Agent': http.userAgent },
    retry: createRetryPolicy(http.retry),
    ...(logger === undefined ? {} : { logger }),
    ...(options.adapter === undefined ? {} : { adapter: options.adapter }),
  }
  // The token POST is marked safe to repeat (write: false), so the policy retries it like a read.
  const login = createHttpClient({ ...common, provider: 'connectid', baseURL: connect.loginUrl })
  const tokens = createClientCredentials({
    http: login,
    clientId: connect.clientId,
    clientSecret: connect.clientSecret,
    ...(logger === undefined ? {} : { logger }),
  })
  const limiter = sharedRateLimiter(
    { baseURL: connect.apiUrl, clientId: connect.clientId },
    { ...http.rateLimit, ceilingMs: http.retry.ceilingMs, provider: 'connect' },
  )
  const onConnect = { ...common, provider: 'connect', baseURL: connect.apiUrl, limiter } as const

  const clientBearer = async (): Promise<Bearer> => {
    const token = await tokens.token()
    return { token, renew: async () => tokens.invalidate(token) }
  }
  const api = createHttpClient({ ...onConnect, auth: clientBearer })

  const agentApi = createHttpClient({
    ...onConnect,
    auth: async () => {
      const agentToken = await agentSession.accessToken()
      if (agentToken === null) return clientBearer()
      logger?.addSecret(agentToken)
      const renew = agentSession.renewAfterRefusal
      return renew === undefined ? { token: agentToken } : { token: agentToken, renew: () => renew(agentToken) }
    },
  })
  return { api, agentApi, tokens }
}
