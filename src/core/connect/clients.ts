/**
 * The HTTP clients for Connect and for ConnectID's token endpoint.
 * Connect answers XML unless asked for JSON, so every request carries `Accept: application/json`.
 * `api` sends the client-credentials token (client mode); `agentApi` sends the signed-in agent's
 * ConnectID token when there is one (user-mode endpoints), else the client token (an assumption).
 */
import type { AgentSession } from '../auth/agent-session.ts'
import { fixedAgentSession } from '../auth/agent-session.ts'
import { createClientCredentials } from '../auth/client-credentials.ts'
import type { TokenSource } from '../auth/client-credentials.ts'
import type { ConnectConfig, ConsoleConfig } from '../config.ts'
import { createHttpClient } from '../http/client.ts'
import type { HttpClient, HttpClientOptions } from '../http/client.ts'
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
    ...(logger === undefined ? {} : { logger }),
    ...(options.adapter === undefined ? {} : { adapter: options.adapter }),
  }
  const login = createHttpClient({ ...common, provider: 'connectid', baseURL: connect.loginUrl })
  const tokens = createClientCredentials({
    http: login,
    clientId: connect.clientId,
    clientSecret: connect.clientSecret,
    ...(logger === undefined ? {} : { logger }),
  })
  const onConnect = { ...common, provider: 'connect', baseURL: connect.apiUrl } as const
  const api = createHttpClient({ ...onConnect, auth: () => tokens.token(), onUnauthorized: () => tokens.invalidate() })

  const agentApi = createHttpClient({
    ...onConnect,
    auth: async () => {
      const agentToken = await agentSession.accessToken()
      if (agentToken === null) return tokens.token()
      logger?.addSecret(agentToken)
      return agentToken
    },
    // Renewing a refused agent token is the session layer's job; forgetting the client token on any
    // 401 here costs at most one extra token request.
    onUnauthorized: () => tokens.invalidate(),
  })
  return { api, agentApi, tokens }
}
