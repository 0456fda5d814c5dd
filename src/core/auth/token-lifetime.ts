/**
 * How long an OAuth access token from ConnectID lives, and when to renew it: shared by client
 * credentials (client mode) and the agent's sign-in (user mode).
 */
import { z } from 'zod'

/** `expires_in` in seconds; ConnectID clients have seen it as a number and as a digit string. */
export const ExpiresIn = z.union([z.number().nonnegative(), z.string().regex(/^\d+$/).transform(Number)])

const EXPIRY_MARGIN_MS = 60_000
/** When the server does not say how long the token lives, assume it is short. */
const DEFAULT_LIFETIME_S = 300

export interface TokenTiming {
  /** From this moment on, a new token is fetched before the held one is used. */
  refreshAt: number
  expiresAt: number
}

/** Renew a minute before expiry (or halfway through a token that lives less than two minutes). */
export function tokenTiming(now: number, expiresInSeconds: number | undefined): TokenTiming {
  const lifetimeMs = (expiresInSeconds ?? DEFAULT_LIFETIME_S) * 1000
  const margin = Math.min(EXPIRY_MARGIN_MS, lifetimeMs / 2)
  return { refreshAt: now + lifetimeMs - margin, expiresAt: now + lifetimeMs }
}
