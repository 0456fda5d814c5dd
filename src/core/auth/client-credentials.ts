/**
 * ConnectID client credentials ("client mode"): POST {loginUrl}/oauth/token with a form body.
 * The access token is kept in memory until 60 s before it expires; concurrent callers share one
 * request. The secret goes in the body only (never the URL), and every token is registered with
 * the logger so that it is masked wherever it might appear.
 */
import { z } from 'zod'
import { connectEndpoints } from '../connect/endpoints.ts'
import type { HttpClient } from '../http/client.ts'
import type { Logger } from '../log.ts'
import { ExpiresIn, tokenTiming } from './token-lifetime.ts'

export interface TokenSource {
  /** A valid access token, fetched when none is held or the held one is about to expire. */
  token(): Promise<string>
  /**
   * Forgets the held token: the next token() fetches a new one. After a 401 the Connect clients call it
   * with the refused token, and replay the request once; a token fetched since then is kept.
   */
  invalidate(refused?: string): void
}

export interface ClientCredentialsOptions {
  /** An HTTP client on the ConnectID login server ({loginUrl}). */
  http: HttpClient
  clientId: string
  clientSecret: string
  logger?: Logger
  now?: () => number
}

const TokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: ExpiresIn.optional(),
  token_type: z.string().optional(),
})

export function createClientCredentials(options: ClientCredentialsOptions): TokenSource {
  const now = options.now ?? Date.now
  options.logger?.addSecret(options.clientSecret)
  let held: { value: string; refreshAt: number } | null = null
  let inFlight: Promise<string> | null = null
  // Bumped by invalidate(), so a request started before it cannot store a token it made stale.
  let generation = 0

  const fetchToken = async (): Promise<string> => {
    const startedIn = generation
    const body = await options.http.send(
      {
        endpoint: connectEndpoints.token,
        form: { grant_type: 'client_credentials', client_id: options.clientId, client_secret: options.clientSecret },
        write: false,
      },
      TokenResponse,
    )
    options.logger?.addSecret(body.access_token)
    if (startedIn === generation) held = { value: body.access_token, refreshAt: tokenTiming(now(), body.expires_in).refreshAt }
    return body.access_token
  }

  return {
    async token() {
      if (held !== null && now() < held.refreshAt) return held.value
      if (inFlight === null) {
        inFlight = fetchToken().finally(() => {
          inFlight = null
        })
      }
      return inFlight
    },
    invalidate(refused) {
      // Already forgotten, or replaced since: a request refused with an old token must not drop the new one.
      if (refused !== undefined && held?.value !== refused) return
      held = null
      generation += 1
    },
  }
}
