/**
 * What the services need to reach the providers. Built by the runtime (src/core/runtime.ts) from the
 * active profile, or from the embedded sandbox, and by the CLI.
 * Holds secrets: it never leaves the main process / the Node host.
 */
import type { ProfileKind } from '../shared/domain.ts'

export interface ConnectConfig {
  /** Connect API base, e.g. https://api.mediaconnect.no/capi */
  apiUrl: string
  /** ConnectID login server base, e.g. https://connectid.no/user (token URL: {loginUrl}/oauth/token) */
  loginUrl: string
  clientId: string
  clientSecret: string
}

export interface SwedbankPayConfig {
  /** Swedbank Pay API base, e.g. https://api.payex.com */
  apiUrl: string
  /** The merchant access token made in the merchant portal. */
  accessToken: string
}

/** How a failed read is tried again (src/core/http/retry.ts). */
export interface RetrySettings {
  /** Attempts in all, the first one included. */
  maxAttempts: number
  /** The backoff cap of the first retry; doubled for each further one, up to maxDelayMs (full jitter below it). */
  baseDelayMs: number
  maxDelayMs: number
  /** A wait beyond this (a long Retry-After, a full rate-limit window) fails at once: RATE_LIMITED with retryAfterMs. */
  ceilingMs: number
}

/** Connect's documented limit per client (src/core/http/rate-limit.ts keeps the console under it). */
export interface RateLimitSettings {
  perSecond: number
  perMinute: number
}

export interface HttpSettings {
  /** The total deadline of one attempt. */
  timeoutMs: number
  userAgent: string
  retry: RetrySettings
  /** Connect's limit; Swedbank Pay documents none, so its calls are not limited on our side. */
  rateLimit: RateLimitSettings
}

export const DEFAULT_RETRY: Readonly<RetrySettings> = { maxAttempts: 4, baseDelayMs: 250, maxDelayMs: 4_000, ceilingMs: 30_000 }
/** 100 requests a second and 2000 a minute per client (MC-UNITE "Rate limiting"). */
export const CONNECT_RATE_LIMIT: Readonly<RateLimitSettings> = { perSecond: 100, perMinute: 2_000 }

export interface ConsoleConfig {
  version: string
  profile: { kind: ProfileKind; label: string }
  /** True when every API is the embedded sandbox. */
  sandbox: boolean
  connect: ConnectConfig | null
  swedbankPay: SwedbankPayConfig | null
  http: HttpSettings
}

/** The URLs and credentials a running sandbox hands out (see src/sandbox). */
export interface SandboxEndpoints {
  connectApiUrl: string
  connectIdUrl: string
  swedbankPayApiUrl: string
  credentials: { clientId: string; clientSecret: string; merchantToken: string }
}

/** A sandbox the runtime started for the sandbox profile, and stops when it leaves it. */
export type RunningSandbox = SandboxEndpoints & { close(): Promise<void> }

export const PROFILE_LABELS: Readonly<Record<ProfileKind, string>> = {
  sandbox: 'Sandbox (demo data)',
  test: 'Test',
  production: 'Production',
}

/** Whether a profile's APIs are the embedded sandbox (only the sandbox profile's are). */
export function runsOnTheSandbox(kind: ProfileKind): boolean {
  return kind === 'sandbox'
}

export function httpSettings(version: string): HttpSettings {
  return {
    timeoutMs: 15_000,
    userAgent: `SupportConsole/${version}`,
    retry: { ...DEFAULT_RETRY },
    rateLimit: { ...CONNECT_RATE_LIMIT },
  }
}

export function sandboxConfig(sandbox: SandboxEndpoints, version: string): ConsoleConfig {
  return {
    version,
    profile: { kind: 'sandbox', label: PROFILE_LABELS.sandbox },
    sandbox: runsOnTheSandbox('sandbox'),
    connect: {
      apiUrl: sandbox.connectApiUrl,
      loginUrl: sandbox.connectIdUrl,
      clientId: sandbox.credentials.clientId,
      clientSecret: sandbox.credentials.clientSecret,
    },
    swedbankPay: { apiUrl: sandbox.swedbankPayApiUrl, accessToken: sandbox.credentials.merchantToken },
    http: httpSettings(version),
  }
}
