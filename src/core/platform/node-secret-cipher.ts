/**
 * The Node twin of SecretCipher: AES-256-GCM with a 32-byte key given to the constructor
 * (tests, CLI). Layout of a ciphertext: version byte, 12-byte IV, 16-byte tag, encrypted bytes.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { CipherAvailability, SecretCipher } from './ports.ts'

const VERSION = 1
const IV_BYTES = 12
const TAG_BYTES = 16

export class NodeSecretCipher implements SecretCipher {
  readonly #key: Buffer

  constructor(key: Uint8Array) {
    if (key.length !== 32) throw new Error('NodeSecretCipher needs a 32-byte key')
    this.#key = Buffer.from(key)
  }

  async availability(): Promise<CipherAvailability> {
    return { available: true }
  }

  async encrypt(plain: string): Promise<Uint8Array> {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv)
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return new Uint8Array(Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]))
  }

  async decrypt(data: Uint8Array): Promise<string> {
    const bytes = Buffer.from(data)
    if (bytes.length < 1 + IV_BYTES + TAG_BYTES || bytes[0] !== VERSION) throw new Error('not a NodeSecretCipher ciphertext')
    const iv = bytes.subarray(1, 1 + IV_BYTES)
    const tag = bytes.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES)
    const decipher = createDecipheriv('aes-256-gcm', this.#key, iv)
    decipher.setAuthTag(tag)
    // final() throws when the tag does not match: tampered data or another key.
    return Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
  }
}
