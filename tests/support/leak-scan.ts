/**
 * THE leak scanner of the test suites (unit, e2e): every byte of every file (or buffer) searched for each
 * needle as written, lower-cased and upper-cased, in UTF-8 and UTF-16LE, and (UTF-8) encoded but not
 * encrypted: hex and base64/base64url at each of the three byte alignments. Used for the data folder
 * (sqlite -wal/-shm included), log files, exported CSV files and what the renderer received over IPC.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { allTokenIds } from '../e2e/token-oracle.ts'

export interface Needle {
  label: string
  value: string
}

export type Encoding = 'utf8' | 'utf16le' | 'hex' | 'base64'

export interface Hit {
  file: string
  label: string
  encoding: Encoding
}

/** Something to scan that is not (yet) a file: a name for the report and its bytes. */
export interface Source {
  name: string
  bytes: Uint8Array
}

/** Shorter needles would match random ciphertext by chance; they are covered by longer ones (full name, email). */
export const MIN_NEEDLE = 4
/**
 * Hex and base64 forms only for needles of at least this many UTF-8 bytes: the base64 of a 4-byte name is a 4- or
 * 5-character core, which random ciphertext (the cache's payloads) contains by chance now and then. Short names are
 * still searched as UTF-8 and UTF-16LE, and in every encoding inside the longer needles (full name, email).
 */
export const MIN_ENCODED_NEEDLE = 6

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
    found.push(['utf8', utf8], ['utf16le', Buffer.from(form, 'utf16le')])
    if (utf8.length < MIN_ENCODED_NEEDLE) continue
    found.push(['hex', Buffer.from(utf8.toString('hex'))])
    for (const core of base64Cores(utf8)) {
      found.push(['base64', Buffer.from(core)], ['base64', Buffer.from(core.replaceAll('+', '-').replaceAll('/', '_'))])
    }
  }
  return found
}

/** Every (source, needle, encoding) found; a needle shorter than MIN_NEEDLE is refused rather than ignored. */
export function scanSources(sources: readonly Source[], needles: readonly Needle[]): Hit[] {
  const short = needles.filter((needle) => needle.value.length < MIN_NEEDLE)
  if (short.length > 0) throw new Error(`needles shorter than ${MIN_NEEDLE} characters: ${short.map((n) => n.label).join(', ')}`)
  const hits: Hit[] = []
  const compiled = needles.map((needle) => ({ label: needle.label, patterns: patterns(needle.value) }))
  for (const source of sources) {
    const bytes = Buffer.from(source.bytes)
    for (const needle of compiled) {
      const encodings = new Set(needle.patterns.filter(([, pattern]) => bytes.includes(pattern)).map(([encoding]) => encoding))
      for (const encoding of encodings) hits.push({ file: source.name, label: needle.label, encoding })
    }
  }
  return hits
}

export function scan(files: readonly string[], needles: readonly Needle[]): Hit[] {
  return scanSources(
    files.map((file) => ({ name: file, bytes: readFileSync(file) })),
    needles,
  )
}

/** Needles of at least MIN_NEEDLE characters, without duplicates (the first label wins). */
export function needlesOf(label: string, values: readonly (string | null | undefined)[]): Needle[] {
  return values.filter((value): value is string => typeof value === 'string' && value.length >= MIN_NEEDLE).map((value) => ({ label, value }))
}

/** The sandbox's raw customer record (GET /__sandbox/customers/<n>), as far as a scan needs it. */
export interface CustomerRecord {
  customerNumber: number | string
  firstName: string
  middleName: string | null
  lastName: string
  companyName: string | null
  emails: readonly string[]
  phoneNumbers: readonly string[]
  invoiceEmailAddress: string | null
}

/** A customer's personal data as needles: names, emails, phone numbers (E.164 and national digits). */
export function customerNeedles(customer: CustomerRecord): Needle[] {
  const who = `customer ${customer.customerNumber}`
  const fullName = [customer.firstName, customer.middleName, customer.lastName].filter(Boolean).join(' ')
  return [
    ...needlesOf(`${who} full name`, [fullName]),
    ...needlesOf(`${who} name`, [customer.firstName, customer.middleName, customer.lastName, customer.companyName]),
    ...needlesOf(`${who} email`, [...customer.emails, customer.invoiceEmailAddress]),
    ...customer.phoneNumbers.flatMap((phone) => [
      ...needlesOf(`${who} phone`, [phone]),
      ...needlesOf(`${who} phone digits`, [phone.replace(/^\+(46|47)/, '')]),
    ]),
  ]
}

/** Token ids of every family and Swedbank Pay display names, from GET /__sandbox/customers/<n>/tokens. */
export function tokenNeedles(customerNumber: string, families: Record<string, unknown>): Needle[] {
  const names = ((families.swedbankpay ?? []) as { displayName?: string }[]).map((t) => t.displayName)
  return [...needlesOf(`customer ${customerNumber} token id`, allTokenIds(families)), ...needlesOf(`customer ${customerNumber} display name`, names)]
}

/** GET /__sandbox/secrets: the session's credentials and every token and code the sandbox issued. */
export interface SessionSecrets {
  clientSecret: string
  merchantToken: string
  accessTokens: readonly string[]
  refreshTokens: readonly string[]
  authorizationCodes: readonly string[]
}

export function secretNeedles(secrets: SessionSecrets): Needle[] {
  return [
    { label: 'client secret', value: secrets.clientSecret },
    { label: 'merchant token', value: secrets.merchantToken },
    ...secrets.accessTokens.map((value) => ({ label: 'access token', value })),
    ...secrets.refreshTokens.map((value) => ({ label: 'refresh token', value })),
    ...secrets.authorizationCodes.map((value) => ({ label: 'authorization code', value })),
  ]
}

/** One line per hit, for readable failures: `label in file (encoding)`. */
export function describeHits(hits: readonly Hit[], relativeTo: (file: string) => string = (file) => file): string[] {
  return hits.map((hit) => `${hit.label} in ${relativeTo(hit.file)} (${hit.encoding})`)
}
