/**
 * Envelope encryption for the lookup cache (design: examples.md §2.5).
 *
 * One random 32-byte data key encrypts every record with AES-256-GCM (random 12-byte IV per record,
 * 16-byte tag). The data key itself is stored only WRAPPED by the platform cipher (safeStorage in the
 * app): the key store holds base64(cipher.encrypt(hex(dataKey))). The AAD binds a record to its row
 * (profile, kind, key digest), so ciphertext copied to another row fails authentication.
 *
 * Row keys are never stored as given: a subkey derived from the data key (HKDF-SHA256) turns each
 * (profile, kind, key) into an HMAC-SHA256 digest, so a key that happens to be personal (a payerReference
 * that is an email) never reaches the disk, while lookups stay exact-match.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto'
import { AppError } from '../../shared/errors.ts'
import type { SecretCipher } from '../platform/ports.ts'

const KEY_BYTES = 32
const IV_BYTES = 12
const TAG_BYTES = 16

/** Where the wrapped data key lives (a settings entry in the app). Never holds the plain key. */
export interface WrappedKeyStore {
  get(): string | null
  set(value: string): void
}

export interface SealedRecord {
  iv: Uint8Array
  tag: Uint8Array
  payload: Uint8Array
}

/** Throws ENCRYPTION_UNAVAILABLE when the OS offers no secret storage. Nothing is written before this. */
export async function requireCipher(cipher: SecretCipher): Promise<void> {
  const availability = await cipher.availability()
  if (!availability.available) {
    throw new AppError(
      'ENCRYPTION_UNAVAILABLE',
      `The offline cache is off: this system offers no secure storage (${availability.reason}). Lookups work online only.`,
    )
  }
}

/**
 * Returns the data key: unwrapped from the key store, or freshly generated and stored wrapped.
 * `fresh` is true when a new key was made (first run, or the stored key could not be unwrapped,
 * e.g. after an OS keyring change): records written under an older key are then unreadable.
 */
export async function loadDataKey(cipher: SecretCipher, store: WrappedKeyStore): Promise<{ key: Buffer; fresh: boolean }> {
  const wrapped = store.get()
  if (wrapped !== null && wrapped !== '') {
    const key = await unwrap(cipher, wrapped)
    if (key !== null) return { key, fresh: false }
  }
  const key = randomBytes(KEY_BYTES)
  const sealed = await cipher.encrypt(key.toString('hex'))
  store.set(Buffer.from(sealed).toString('base64'))
  return { key, fresh: true }
}

async function unwrap(cipher: SecretCipher, wrapped: string): Promise<Buffer | null> {
  try {
    const hex = await cipher.decrypt(Buffer.from(wrapped, 'base64'))
    if (!/^[0-9a-f]{64}$/.test(hex)) return null
    return Buffer.from(hex, 'hex')
  } catch {
    return null
  }
}

export type KeyDigester = (profile: string, kind: string, key: string) => string

/** The row-key digester of one data key: HMAC-SHA256 under an HKDF subkey, hex. */
export function keyDigester(dataKey: Buffer): KeyDigester {
  const subkey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'lookup-cache/row-key/v1', KEY_BYTES))
  return (profile, kind, key) => createHmac('sha256', subkey).update(JSON.stringify([profile, kind, key]), 'utf8').digest('hex')
}

/** The additional authenticated data of one row: unambiguous even when a part contains '|'. */
export function rowAad(profile: string, kind: string, key: string): Buffer {
  return Buffer.from(JSON.stringify(['lookup-cache/v1', profile, kind, key]), 'utf8')
}

export function seal(dataKey: Buffer, aad: Buffer, plain: string): SealedRecord {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(aad)
  const payload = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return { iv, tag: cipher.getAuthTag(), payload }
}

/** Throws when the IV, tag, payload or AAD do not match (tampering, another row, another key). */
export function open(dataKey: Buffer, aad: Buffer, record: SealedRecord): string {
  if (record.iv.length !== IV_BYTES || record.tag.length !== TAG_BYTES) throw new Error('malformed record')
  const decipher = createDecipheriv('aes-256-gcm', dataKey, record.iv, { authTagLength: TAG_BYTES })
  decipher.setAAD(aad)
  decipher.setAuthTag(record.tag)
  return Buffer.concat([decipher.update(record.payload), decipher.final()]).toString('utf8')
}
