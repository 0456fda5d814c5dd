import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src/shared/errors.ts'
import { buildPath, pathSegment } from '../../../src/core/http/paths.ts'

function codeOf(run: () => unknown): string | undefined {
  try {
    run()
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError'
  }
  return undefined
}

describe('pathSegment', () => {
  it('encodes one segment: slash, percent, question mark, hash and unicode', () => {
    expect(pathSegment('a/b%c?d#e ø✓')).toBe('a%2Fb%25c%3Fd%23e%20%C3%B8%E2%9C%93')
  })

  it('refuses empty, "." and ".." with VALIDATION', () => {
    for (const value of ['', '.', '..']) expect(codeOf(() => pathSegment(value))).toBe('VALIDATION')
  })

  it('keeps "..." and encoded dots harmless', () => {
    expect(pathSegment('...')).toBe('...')
    expect(pathSegment('%2e%2e')).toBe('%252e%252e')
  })

  it('refuses text that cannot be encoded (a lone surrogate)', () => {
    expect(codeOf(() => pathSegment('\uD800'))).toBe('VALIDATION')
  })
})

describe('buildPath', () => {
  it('fills every placeholder through pathSegment and keeps literal dashes', () => {
    expect(buildPath('/online/payers/tokens/{token}-{tokenType}/archives', { token: 'a/b', tokenType: 'Payment' })).toBe(
      '/online/payers/tokens/a%2Fb-Payment/archives',
    )
  })

  it('refuses a dot segment in any parameter', () => {
    expect(codeOf(() => buildPath('/online/payers/{payerReference}', { payerReference: '..' }))).toBe('VALIDATION')
    expect(codeOf(() => buildPath('/t/{token}-{tokenType}', { token: 'x', tokenType: '.' }))).toBe('VALIDATION')
  })

  it('treats a missing or extra parameter as a programming error', () => {
    expect(() => buildPath('/a/{b}', {})).toThrow(/no value for \{b\}/)
    expect(() => buildPath('/a', { b: 'x' })).toThrow(/has no \{b\}/)
  })
})
