/** Everything the sandbox remembers between requests. Exposed on the handle for tests. */
import type { PaymentTransaction } from './connect/payments.ts'
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
  /** client_credentials: client mode. authorization_code / refresh_token: user mode, an agent signed in. */
  grantType: 'client_credentials' | 'authorization_code' | 'refresh_token'
  scope: string
  expiresAt: number
  /** The demo agent (DEMO_AGENTS id) behind a user-mode token. */
  agent?: string
  /** Every token issued from one authorization code (and its refreshes) shares a family id. */
  family?: string
  /** Set when the family was revoked (a code or a rotated refresh token was used twice). */
  revoked?: boolean
}

/** An authorization code: single use, short-lived, bound to the client, redirect_uri, PKCE challenge and agent. */
export interface AuthorizationCodeRecord {
  clientId: string
  redirectUri: string
  codeChallenge: string
  agent: string
  scope: string
  expiresAt: number
  /** Set on the first redemption attempt; a second one revokes the family. */
  used: boolean
  family: string
}

/** A refresh token. Rotation: each use makes a new one and marks this one 'rotated'. */
export interface RefreshTokenRecord {
  clientId: string
  agent: string
  scope: string
  family: string
  expiresAt: number
  status: 'active' | 'rotated' | 'revoked'
}

/** Lifetimes of what ConnectID issues; tests may shorten them. */
export interface TokenLifetimes {
  accessTokenSeconds: number
  refreshTokenSeconds: number
  authorizationCodeSeconds: number
}

export interface SandboxState {
  seed: number
  /** http://127.0.0.1:PORT, set once the server listens; operation hrefs are built on it. */
  baseUrl: string
  credentials: SandboxCredentials
  data: SandboxData
  accessTokens: Map<string, IssuedAccessToken>
  authorizationCodes: Map<string, AuthorizationCodeRecord>
  refreshTokens: Map<string, RefreshTokenRecord>
  tokenLifetimes: TokenLifetimes
  /** Connect's documented limits per client; tests may lower them. */
  rateLimit: { perSecond: number; perMinute: number; windows: Map<string, RateWindow> }
  /** Invoice payments started with POST /capi/v1/api/payment/invoice. */
  payments: {
    transactions: Map<number, PaymentTransaction>
    /** Never reset, so a transaction id is never handed out twice in one run. */
    nextTransactionId: number
    /** POSTs to the Pay invoice endpoint per invoiceNumber, counted before faults, auth and validation. */
    postsPerInvoice: Map<string, number>
  }
  /** Route key -> fault, e.g. state.faults.set('GET /online/payers/:payerReference', { status: 503 }). */
  faults: Map<string, Fault>
  requests: LoggedRequest[]
}

export const CONNECT_RATE_LIMIT = { perSecond: 100, perMinute: 2000 } as const
/** 12 h access tokens and 30-day refresh tokens (MC-UNITE OAuth page); 60 s codes. */
export const DEFAULT_TOKEN_LIFETIMES: TokenLifetimes = { accessTokenSeconds: 43_200, refreshTokenSeconds: 2_592_000, authorizationCodeSeconds: 60 }
/** The docs' example transactionId. */
const FIRST_TRANSACTION_ID = 12_378_954

export function createSandboxState(seed: number, credentials: SandboxCredentials): SandboxState {
  return {
    seed,
    baseUrl: '',
    credentials,
    data: buildSeedData(seed),
    accessTokens: new Map(),
    authorizationCodes: new Map(),
    refreshTokens: new Map(),
    tokenLifetimes: { ...DEFAULT_TOKEN_LIFETIMES },
    rateLimit: { ...CONNECT_RATE_LIMIT, windows: new Map() },
    payments: { transactions: new Map(), nextTransactionId: FIRST_TRANSACTION_ID, postsPerInvoice: new Map() },
    faults: new Map(),
    requests: [],
  }
}

/** Back to the seed data: tokens, customers and invoices restored; transactions, faults and rate-limit counters
 *  cleared; limits and token lifetimes back to their defaults. Issued tokens (access, refresh, codes) and the
 *  request log are kept, so connected clients and signed-in agents keep working. */
export function restoreSeedData(state: SandboxState): void {
  state.data = buildSeedData(state.seed)
  state.faults.clear()
  state.rateLimit.perSecond = CONNECT_RATE_LIMIT.perSecond
  state.rateLimit.perMinute = CONNECT_RATE_LIMIT.perMinute
  state.rateLimit.windows.clear()
  state.tokenLifetimes = { ...DEFAULT_TOKEN_LIFETIMES }
  state.payments.transactions.clear()
  state.payments.postsPerInvoice.clear()
}
