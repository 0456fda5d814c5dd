/**
 * The masks every layer shares (src/shared/masking.ts): what they keep, and that they never give the
 * value back, checked on examples and on generated values.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { maskEmail, maskField, maskPhone, maskText, maskTokenId } from '../../../src/shared/masking.ts'

describe('masks', () => {
  it.each([
    ['5a17c2f1-9b1e-4c3a-8f00-0123456789ab', '****89ab'],
    ['abcd', '****'],
    ['', '****'],
  ])('token id %j → %j', (token, masked) => expect(maskTokenId(token)).toBe(masked))

  it.each([
    ['kari.nordmann@example.no', 'k***@e***.no'],
    ['ola@work.example', 'o***@w***.example'],
    ['åsa@post.se', 'å***@p***.se'],
    ['x@localhost', 'x***@l***'],
    ['no-at-sign', '*****'],
    ['@example.no', '*****'],
    ['😀kari@example.no', '😀***@e***.no'],
  ])('email %j → %j', (email, masked) => expect(maskEmail(email)).toBe(masked))

  it.each([
    ['+47 912 34 567', '+** *** ** *67'],
    ['91234567', '******67'],
    ['+46 70-123 45 67', '+** **-*** ** 67'],
    ['7', '7'],
  ])('phone %j → %j', (phone, masked) => expect(maskPhone(phone)).toBe(masked))

  it('other text keeps nothing, not even its length', () => {
    expect(maskText('Kari Nordmann')).toBe('*****')
    expect(maskText('K')).toBe(maskText('Kari Nordmann Johansen'))
  })

  it('maskField picks the mask of its field', () => {
    expect(maskField('tokenId', 'abcdef123456')).toBe('****3456')
    expect(maskField('email', 'kari@example.no')).toBe('k***@e***.no')
    expect(maskField('phone', '91234567')).toBe('******67')
  })
})

describe('masks on generated values', () => {
  const longEnough = (min: number) => fc.string({ minLength: min, maxLength: 60 }).filter((s) => s.trim().length >= min)

  it('a masked token id keeps at most its last four characters', () => {
    fc.assert(
      fc.property(longEnough(9), (token) => {
        const masked = maskTokenId(token)
        expect(masked.startsWith('****')).toBe(true)
        expect(masked.length).toBeLessThanOrEqual(8)
        expect(masked).not.toContain(token)
      }),
      { numRuns: 300 },
    )
  })

  it('a masked email keeps the first character of the mailbox and of the host, and the top-level domain', () => {
    const part = fc.stringMatching(/^[a-z0-9._-]{2,20}$/)
    fc.assert(
      fc.property(part, part, fc.constantFrom('no', 'se', 'com'), (mailbox, host, tld) => {
        const masked = maskEmail(`${mailbox}@${host}.${tld}`)
        expect(masked).toBe(`${mailbox[0]}***@${host[0]}***.${tld}`)
      }),
      { numRuns: 300 },
    )
  })

  it('a masked phone number keeps its layout and only its last two digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+?[0-9 -]{4,20}$/), (phone) => {
        const masked = maskPhone(phone)
        const digits = phone.replace(/\D/g, '')
        expect(masked.replace(/\*/g, '0').replace(/\d/g, '0')).toBe(phone.trim().replace(/\d/g, '0'))
        expect(masked.replace(/\D/g, '')).toBe(digits.slice(-2))
      }),
      { numRuns: 300 },
    )
  })
})
