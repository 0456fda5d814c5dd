/**
 * PKCE (RFC 7636) and `state` for the agent's sign-in: fresh crypto-random values per attempt.
 * base64url of random bytes only uses [A-Za-z0-9_-], a subset of PKCE's unreserved characters.
 */
import { createHash, randomBytes } from 'node:crypto'

/** 48 random bytes → a 64-character verifier (RFC 7636 allows 43 to 128). */
const VERIFIER_BYTES = 48
/** 32 random bytes → 256 bits of state (RFC 9700 asks for at least 128). */
const STATE_BYTES = 32

export interface Pkce {
  verifier: string
  challenge: string
  method: 'S256'
}

/** code_challenge = base64url(SHA-256(ASCII(code_verifier))), RFC 7636 §4.2. */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url')
}

export function createPkce(): Pkce {
  const verifier = randomBytes(VERIFIER_BYTES).toString('base64url')
  return { verifier, challenge: s256Challenge(verifier), method: 'S256' }
}

export function createState(): string {
  return randomBytes(STATE_BYTES).toString('base64url')
}
