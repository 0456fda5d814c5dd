/**
 * Every endpoint row the console knows, across APIs, for the CLI and the README to print:
 * which paths are confirmed by the public docs and which are assumptions to check first.
 */
import { agentEndpoints } from './auth/agent-endpoints.ts'
import { connectEndpoints } from './connect/endpoints.ts'
import type { Endpoint } from './http/endpoint.ts'
import { payerApiEndpoints, paymentOrderTokenEndpoints } from './swedbankpay/endpoints.ts'

export interface EndpointRow extends Endpoint {
  /** 'connect' (relative to {apiUrl}), 'connectid' (relative to {loginUrl}) or 'swedbankpay'. */
  api: 'connect' | 'connectid' | 'swedbankpay'
  /** The row's key in its table, e.g. "payexTokens". */
  name: string
}

export function listEndpointRows(): EndpointRow[] {
  const rows = (api: EndpointRow['api'] | null, table: Record<string, Endpoint>): EndpointRow[] =>
    Object.entries(table).map(([name, endpoint]) => ({ ...endpoint, name, api: api ?? (endpoint.base === 'login' ? 'connectid' : 'connect') }))
  return [...rows(null, connectEndpoints), ...rows(null, agentEndpoints), ...rows('swedbankpay', payerApiEndpoints), ...rows('swedbankpay', paymentOrderTokenEndpoints)]
}
