/**
 * The data-folder leak scan: every byte of every file under a folder (sqlite -wal/-shm included), searched for
 * each needle as written, lower-cased and upper-cased, in UTF-8 and UTF-16LE, and (UTF-8) encoded but not
 * encrypted: hex and base64/base64url at each of the three byte alignments.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { allTokenIds } from './token-oracle.ts'
import type { SandboxCustomer, SandboxSecrets } from './support.ts'

export interface Needle {
  label: string
  value: string
}

export interface Hit {
  file: string
  label: string
  encoding: Encoding
}

export type Encoding = 'utf8' | 'utf16le' | 'hex' | 'base64'

/** Shorter needles would match random ciphertext by chance; they are covered by longer ones (full name, email). */
export const MIN_NEEDLE = 4

export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

/** The base64 text that encodes `bytes` wherever they sit in a longer buffer: one core per alignment. */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = []
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64')
    const start = Math.ceil((offset * 8) / 6)
    const end = Math.floor(((offset + bytes.length) * 8) / 6)
    cores.push(encoded.slice(start, end))
  }
  return cores
}

/** Every byte pattern that would betray `value` in a file, per encoding. */
function patterns(value: string): [Encoding, Buffer][] {
  const forms = [...new Set([value, value.toLowerCase(), value.toUpperCase()])]
  const found: [Encoding, Buffer][] = []
  for (const form of forms) {
    const utf8 = Buffer.from(form, 'utf8')
    found.push(['utf8', utf8], ['utf16le', Buffer.from(form, 'utf16le')], ['hex', Buffer.from(utf8.toString('hex'))])
    for (const core of base64Cores(utf8)) {
      found.push(['base64', Buffer.from(core)], ['base64', Buffer.from(core.replaceAll('+', '-').replaceAll('/', '_'))])
    }
  }
  return found
}

export function scan(files: readonly string[], needles: readonly Needle[]): Hit[] {
  const hits: Hit[] = []
  const compiled = needles.map((needle) => ({ label: needle.label, patterns: patterns(needle.value) }))
  for (const file of files) {
    const bytes = readFileSync(file)
    for (const needle of compiled) {
      const encodings = new Set(needle.patterns.filter(([, pattern]) => bytes.includes(pattern)).map(([encoding]) => encoding))
      for (const encoding of encodings) hits.push({ file, label: needle.label, encoding })
    }
  }
  return hits
}

/** A customer's personal data as needles: names, emails, phone numbers (E.164 and national digits). */
export function customerNeedles(customer: SandboxCustomer): Needle[] {
  const who = `customer ${customer.customerNumber}`
  const names = [customer.firstName, customer.middleName, customer.lastName, customer.companyName].filter((n): n is string => !!n)
  const fullName = [customer.firstName, customer.middleName, customer.lastName].filter(Boolean).join(' ')
  const needles: Needle[] = [{ label: `${who} full name`, value: fullName }, ...names.map((value) => ({ label: `${who} name`, value }))]
  for (const email of [...customer.emails, customer.invoiceEmailAddress ?? '']) needles.push({ label: `${who} email`, value: email })
  for (const phone of customer.phoneNumbers) {
    needles.push({ label: `${who} phone`, value: phone }, { label: `${who} phone digits`, value: phone.replace(/^\+(46|47)/, '') })
  }
  return needles.filter((needle) => needle.value.length >= MIN_NEEDLE)
}

/** Token ids of every family, and Swedbank Pay display names, as the sandbox holds them. */
export function tokenNeedles(customerNumber: string, families: Record<string, unknown>): Needle[] {
  const names = ((families.swedbankpay ?? []) as { displayName?: string }[]).map((t) => t.displayName ?? '')
  return [
    ...allTokenIds(families).map((value) => ({ label: `customer ${customerNumber} token id`, value })),
    ...names.map((value) => ({ label: `customer ${customerNumber} display name`, value })),
  ].filter((needle) => needle.value.length >= MIN_NEEDLE)
}

export function secretNeedles(secrets: SandboxSecrets): Needle[] {
  return [
    { label: 'client secret', value: secrets.clientSecret },
    { label: 'merchant token', value: secrets.merchantToken },
    ...secrets.accessTokens.map((value) => ({ label: 'access token', value })),
    ...secrets.refreshTokens.map((value) => ({ label: 'refresh token', value })),
    ...secrets.authorizationCodes.map((value) => ({ label: 'authorization code', value })),
  ]
}
