/**
 * What the services need to reach the providers. Built by main (from the active profile, or from the
 * embedded sandbox when no credentials are configured), by the CLI and by the dev host.
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

export interface ConsoleConfig {
  version: string
  profile: { kind: ProfileKind; label: string }
  /** True when every API is the embedded sandbox. */
  sandbox: boolean
  connect: ConnectConfig | null
  swedbankPay: SwedbankPayConfig | null
  http: { timeoutMs: number; userAgent: string }
}

/** The URLs and credentials a running sandbox hands out (see src/sandbox). */
export interface SandboxEndpoints {
  connectApiUrl: string
  connectIdUrl: string
  swedbankPayApiUrl: string
  credentials: { clientId: string; clientSecret: string; merchantToken: string }
}

export function sandboxConfig(sandbox: SandboxEndpoints, version: string): ConsoleConfig {
  return {
    version,
    profile: { kind: 'sandbox', label: 'Sandbox (demo data)' },
    sandbox: true,
    connect: {
      apiUrl: sandbox.connectApiUrl,
      loginUrl: sandbox.connectIdUrl,
      clientId: sandbox.credentials.clientId,
      clientSecret: sandbox.credentials.clientSecret,
    },
    swedbankPay: { apiUrl: sandbox.swedbankPayApiUrl, accessToken: sandbox.credentials.merchantToken },
    http: { timeoutMs: 15_000, userAgent: `SupportConsole/${version}` },
  }
}
