/**
 * The embedded sandbox: a real HTTP server on 127.0.0.1 faking ConnectID (OAuth: client credentials, and agents'
 * sign-in with Authorization Code + PKCE; the invoice payment page), the Connect API (customers, token families,
 * products, invoices, Pay invoice) and Swedbank Pay (the Payer API and the old PaymentOrder token endpoints),
 * with seeded demo data, state, and per-route fault injection.
 */
import { createServer } from 'node:http'
import { connectFamily } from './connect/family.ts'
import { connectIdFamily } from './connectid/oauth.ts'
import { DEFAULT_SEED } from './data/index.ts'
import { randomSecret } from './http/auth.ts'
import { createRequestHandler } from './http/dispatcher.ts'
import { routeKey } from './http/router.ts'
import { createInspectFamily, unknownFamily } from './inspect/family.ts'
import { startListener } from './listener.ts'
import { createSandboxState } from './state.ts'
import type { SandboxState } from './state.ts'
import { swedbankPayFamily } from './swedbankpay/family.ts'

export type { SandboxState } from './state.ts'
export { DEMO_AGENTS, SHOWCASE_TOKENS } from './data/index.ts'
export type { DemoAgent } from './data/index.ts'

export interface SandboxOptions {
  /** Default 0: a random free port. */
  port?: number
  /** Seed of the generated demo data; the showcase customers are the same for every seed. */
  seed?: number
}

export interface SandboxHandle {
  /** http://127.0.0.1:PORT */
  url: string
  /** `${url}/capi` */
  connectApiUrl: string
  /** `${url}/user`, the ConnectID login server base; token URL `${connectIdUrl}/oauth/token` */
  connectIdUrl: string
  /** `${url}` (paths /online/..., /psp/...) */
  swedbankPayApiUrl: string
  /** clientId is always 'sandbox-console'; the secret and the merchant token are random per start. */
  credentials: { clientId: string; clientSecret: string; merchantToken: string }
  /** In-memory state, for tests. */
  state: SandboxState
  /** "The sandbox is down": stops listening and destroys open connections, so clients get connection refused. */
  suspend(): Promise<void>
  /** Listens again on the same port, with the same state (data, issued tokens, faults). */
  resume(): Promise<void>
  /** False while suspended or after close. */
  listening(): boolean
  close(): Promise<void>
}

export const SANDBOX_CLIENT_ID = 'sandbox-console'

const apiFamilies = [connectIdFamily, connectFamily, swedbankPayFamily]
/** Every API route key ("GET /online/payers/:payerReference"), in matching order: what a fault can target. */
export const SANDBOX_ROUTES: readonly string[] = apiFamilies.flatMap((family) => family.routes.map(routeKey))

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const port = options.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`Invalid sandbox port: ${port}`)

  const credentials = { clientId: SANDBOX_CLIENT_ID, clientSecret: randomSecret(), merchantToken: randomSecret() }
  const state = createSandboxState(options.seed ?? DEFAULT_SEED, credentials)
  const lifetime = new AbortController()
  const handler = createRequestHandler(state, [...apiFamilies, createInspectFamily(SANDBOX_ROUTES)], unknownFamily, lifetime.signal)
  const server = createServer(handler)

  const listener = await startListener(server, port)
  const url = `http://127.0.0.1:${listener.port}`
  state.baseUrl = url

  const close = (): Promise<void> => {
    lifetime.abort()
    return listener.close()
  }

  return {
    url,
    connectApiUrl: `${url}/capi`,
    connectIdUrl: `${url}/user`,
    swedbankPayApiUrl: url,
    credentials: { ...credentials },
    state,
    suspend: listener.suspend,
    resume: listener.resume,
    listening: listener.listening,
    close,
  }
}
