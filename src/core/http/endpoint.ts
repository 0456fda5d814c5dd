/**
 * One row of an API's endpoint table. Every path the console calls lives in such a table
 * (src/core/connect/endpoints.ts, src/core/swedbankpay/endpoints.ts), so a correction is one line.
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'

export interface Endpoint {
  method: HttpMethod
  /** Relative to the API base; `{name}` marks a path parameter, always filled through pathSegment. */
  path: string
  /** `confirmed` by the source named; `assumed` when the public docs do not give this path. */
  status: 'confirmed' | 'assumed'
  /** Where the path comes from (keys of /work/shared/api/*.md, e.g. "SP-DOC", "MC-REDOC", "[I]"). */
  source: string
  /** Set when the path is relative to the ConnectID login server ({loginUrl}) rather than the API base. */
  base?: 'login'
}

/** POST, PUT, PATCH and DELETE change state: their unclear outcomes are never retried blindly. */
export function isWrite(method: HttpMethod): boolean {
  return method !== 'GET'
}
