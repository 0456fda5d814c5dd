/**
 * The shared leak scanner (tests/support/leak-scan.ts) finds what it claims to find: a planted needle in every
 * encoding, at every base64 alignment, in any letter case, inside binary noise; and nothing where nothing is.
 */
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { MIN_ENCODED_NEEDLE, scanSources } from '../../../support/leak-scan.ts'
import type { Encoding, Needle } from '../../../support/leak-scan.ts'

const SECRET: Needle = { label: 'access token', value: 'sbx-at-Q2hhcmxpZSBpcyBoZXJl_x' }
const noise = (): Buffer => randomBytes(4096)
const hidden = (planted: Buffer): Buffer => Buffer.concat([noise(), planted, noise()])
const found = (bytes: Buffer, needles: Needle[] = [SECRET]): { label: string; encoding: Encoding }[] =>
  scanSources([{ name: 'file', bytes }], needles).map(({ label, encoding }) => ({ label, encoding }))

describe('the leak scanner', () => {
  const utf8 = Buffer.from(SECRET.value)
  const plants: [string, Encoding, Buffer][] = [
    ['UTF-8', 'utf8', utf8],
    ['UTF-8, upper-cased', 'utf8', Buffer.from(SECRET.value.toUpperCase())],
    ['UTF-16LE', 'utf16le', Buffer.from(SECRET.value, 'utf16le')],
    ['UTF-16LE, lower-cased', 'utf16le', Buffer.from(SECRET.value.toLowerCase(), 'utf16le')],
    ['hex', 'hex', Buffer.from(utf8.toString('hex'))],
    ...[0, 1, 2].flatMap((offset): [string, Encoding, Buffer][] => {
      const prefixed = Buffer.concat([Buffer.from('ab'.slice(0, offset)), utf8, Buffer.from('"}')])
      return [
        [`base64 at alignment ${offset}`, 'base64', Buffer.from(prefixed.toString('base64'))],
        [`base64url at alignment ${offset}`, 'base64', Buffer.from(prefixed.toString('base64url'))],
      ]
    }),
  ]

  it.each(plants)('finds a needle planted in %s', (_label, encoding, planted) => {
    expect(found(hidden(planted))).toEqual([{ label: SECRET.label, encoding }])
  })

  it('finds nothing in noise, and nothing in a near miss', () => {
    expect(found(noise())).toEqual([])
    expect(found(hidden(Buffer.from(SECRET.value.slice(0, -1))))).toEqual([])
  })

  it('searches short needles as text only, and refuses needles too short to mean anything', () => {
    const name: Needle = { label: 'first name', value: 'Kari' }
    expect(Buffer.byteLength(name.value)).toBeLessThan(MIN_ENCODED_NEEDLE)
    expect(found(hidden(Buffer.from('KARI')), [name])).toEqual([{ label: 'first name', encoding: 'utf8' }])
    expect(found(hidden(Buffer.from('Kari', 'utf16le')), [name])).toEqual([{ label: 'first name', encoding: 'utf16le' }])
    expect(found(hidden(Buffer.from(Buffer.from('Kari').toString('base64'))), [name])).toEqual([])
    expect(() => found(noise(), [{ label: 'initials', value: 'KN' }])).toThrow(/shorter than/)
  })
})
