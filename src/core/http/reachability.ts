/**
 * Whether a request reached its API, told to an observer for every call of an HttpClient: any HTTP
 * answer (2xx to 5xx, readable or not) means reachable; no answer (connection refused or reset, a
 * timeout, the network down) means unreachable. A call refused before anything was sent (an invalid
 * path parameter) tells nothing. Relies on the error mapper's rule: an AppError carries `httpStatus`
 * exactly when the API answered (errors.ts).
 */
import { isAppError } from '../../shared/errors.ts'
import type { ErrorCode } from '../../shared/errors.ts'
import type { ApiName } from './apis.ts'
import type { HttpClient } from './client.ts'

export type ReachabilityObserver = (api: ApiName, reachable: boolean) => void

/** Codes the mapper gives a request that got no HTTP answer. */
const NO_ANSWER: ReadonlySet<ErrorCode> = new Set(['TIMEOUT', 'OFFLINE', 'PROVIDER_UNAVAILABLE', 'OUTCOME_UNKNOWN'])

/** The same client, reporting each call's reachability (of the API that failed: ConnectID for a token). */
export function reportReachability(client: HttpClient, observe: ReachabilityObserver): HttpClient {
  return {
    provider: client.provider,
    async send(request, schema) {
      try {
        const answer = await client.send(request, schema)
        observe(client.provider, true)
        return answer
      } catch (error) {
        const reached = reachabilityOf(error)
        if (reached !== null) observe(apiOf(error) ?? client.provider, reached)
        throw error
      }
    },
  }
}

/** true: the API answered; false: it did not; null: nothing was sent, or the failure says nothing. */
export function reachabilityOf(error: unknown): boolean | null {
  if (!isAppError(error)) return null
  if (error.httpStatus !== undefined) return true
  return NO_ANSWER.has(error.code) ? false : null
}

function apiOf(error: unknown): ApiName | null {
  const provider = isAppError(error) ? error.provider : undefined
  return provider === 'connect' || provider === 'connectid' || provider === 'swedbankpay' ? provider : null
}
