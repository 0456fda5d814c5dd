/**
 * The HTTP clients for Connect (client mode) and for ConnectID's token endpoint.
 * Connect answers XML unless asked for JSON, so every request carries `Accept: application/json`.
 */
import { createClientCredentials } from '../auth/client-credentials.ts'
import type { TokenSource } from '../auth/client-credentials.ts'
import type { ConnectConfig, ConsoleConfig } from '../config.ts'
import { createHttpClient } from '../http/client.ts'
import type { HttpClient, HttpClientOptions } from '../http/client.ts'
import type { Logger } from '../log.ts'

export interface ConnectClients {
  api: HttpClient
  tokens: TokenSource
}

export function createConnectClients(
  connect: ConnectConfig,
  http: ConsoleConfig['http'],
  options: { logger?: Logger; adapter?: HttpClientOptions['adapter'] } = {},
): ConnectClients {
  const common = {
    timeoutMs: http.timeoutMs,
    headers: { Accept: 'application/json', 'User-Agent': http.userAgent },
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.adapter === undefined ? {} : { adapter: options.adapter }),
  }
  const login = createHttpClient({ ...common, provider: 'connectid', baseURL: connect.loginUrl })
  const tokens = createClientCredentials({
    http: login,
    clientId: connect.clientId,
    clientSecret: connect.clientSecret,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  })
  const api = createHttpClient({
    ...common,
    provider: 'connect',
    baseURL: connect.apiUrl,
    auth: () => tokens.token(),
    onUnauthorized: () => tokens.invalidate(),
  })
  return { api, tokens }
}
