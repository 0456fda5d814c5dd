import { describe, expect, it } from 'vitest'
import { createPkce, createState, s256Challenge } from '../../../../src/core/auth/pkce.ts'

const UNRESERVED = /^[A-Za-z0-9._~-]+$/

describe('PKCE (RFC 7636)', () => {
  it('computes S256 as base64url(SHA-256(verifier)): the RFC 7636 appendix B vector', () => {
    expect(s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')
  })

  it('makes a verifier of 43 to 128 unreserved characters, with its S256 challenge', () => {
    const pkce = createPkce()
    expect(pkce.verifier.length).toBeGreaterThanOrEqual(43)
    expect(pkce.verifier.length).toBeLessThanOrEqual(128)
    expect(pkce.verifier).toMatch(UNRESERVED)
    expect(pkce.method).toBe('S256')
    expect(pkce.challenge).toBe(s256Challenge(pkce.verifier))
    expect(pkce.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(pkce.challenge).not.toBe(pkce.verifier)
  })

  it('makes a fresh verifier every time (crypto random, no repeats in 500)', () => {
    const verifiers = new Set(Array.from({ length: 500 }, () => createPkce().verifier))
    expect(verifiers.size).toBe(500)
  })
})

describe('state', () => {
  it('carries at least 128 bits: >= 22 base64url characters, no repeats in 500', () => {
    const states = Array.from({ length: 500 }, createState)
    for (const state of states) {
      expect(state).toMatch(/^[A-Za-z0-9_-]+$/)
      expect(state.length * 6).toBeGreaterThanOrEqual(128)
    }
    expect(new Set(states).size).toBe(500)
  })

  it('is not biased: every base64url character shows up across many states', () => {
    const seen = new Set(Array.from({ length: 200 }, createState).join(''))
    expect(seen.size).toBe(64)
  })
})
