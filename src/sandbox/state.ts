/** Everything the sandbox remembers between requests. Exposed on the handle for tests. */
import type { RateWindow } from './connect/rate-limit.ts'
import { buildSeedData } from './data/index.ts'
import type { SandboxData } from './data/index.ts'
import type { Fault } from './faults.ts'
import type { LoggedRequest } from './request-log.ts'

export interface SandboxCredentials {
  /** Always 'sandbox-console'. */
  clientId: string
  clientSecret: string
  merchantToken: string
}

/** An access token issued by the fake ConnectID. */
export interface IssuedAccessToken {
  clientId: string
  grantType: 'client_credentials'
  scope: string
  expiresAt: number
}

export interface SandboxState {
  seed: number
  /** http://127.0.0.1:PORT, set once the server listens; operation hrefs are built on it. */
  baseUrl: string
  credentials: SandboxCredentials
  data: SandboxData
  accessTokens: Map<string, IssuedAccessToken>
  /** Connect's documented limits per client; tests may lower them. */
  rateLimit: { perSecond: number; perMinute: number; windows: Map<string, RateWindow> }
  /** Route key -> fault, e.g. state.faults.set('GET /online/payers/:payerReference', { status: 503 }). */
  faults: Map<string, Fault>
  requests: LoggedRequest[]
}

export const CONNECT_RATE_LIMIT = { perSecond: 100, perMinute: 2000 } as const

export function createSandboxState(seed: number, credentials: SandboxCredentials): SandboxState {
  return {
    seed,
    baseUrl: '',
    credentials,
    data: buildSeedData(seed),
    accessTokens: new Map(),
    rateLimit: { ...CONNECT_RATE_LIMIT, windows: new Map() },
    faults: new Map(),
    requests: [],
  }
}

/** Back to the seed data: tokens, customers and invoices restored; faults and rate-limit counters cleared.
 *  Issued access tokens and the request log are kept, so connected clients keep working. */
export function restoreSeedData(state: SandboxState): void {
  state.data = buildSeedData(state.seed)
  state.faults.clear()
  state.rateLimit.perSecond = CONNECT_RATE_LIMIT.perSecond
  state.rateLimit.perMinute = CONNECT_RATE_LIMIT.perMinute
  state.rateLimit.windows.clear()
}
