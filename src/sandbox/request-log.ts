/** The last requests the sandbox saw, for tests: method, raw path, query and headers, with secrets masked. */
import type { IncomingHttpHeaders } from 'node:http'
import type { SandboxState } from './state.ts'

export interface LoggedRequest {
  method: string
  /** Raw, still percent-encoded. */
  path: string
  query: Record<string, string>
  headers: Record<string, string>
}

export const MAX_LOGGED_REQUESTS = 500

const SECRET_QUERY_KEYS = new Set(['client_secret', 'code', 'code_verifier', 'refresh_token', 'access_token', 'password'])

function maskedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    if (name === 'authorization') result[name] = 'Bearer ***'
    else if (name === 'cookie') result[name] = '***'
    else result[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return result
}

export function logRequest(state: SandboxState, method: string, path: string, query: URLSearchParams, headers: IncomingHttpHeaders): void {
  const loggedQuery: Record<string, string> = {}
  for (const [key, value] of query) {
    if (!(key in loggedQuery)) loggedQuery[key] = SECRET_QUERY_KEYS.has(key) ? '***' : value
  }
  state.requests.push({ method, path, query: loggedQuery, headers: maskedHeaders(headers) })
  if (state.requests.length > MAX_LOGGED_REQUESTS) state.requests.splice(0, state.requests.length - MAX_LOGGED_REQUESTS)
}
