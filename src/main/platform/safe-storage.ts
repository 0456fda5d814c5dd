/**
 * SecretCipher on Electron's safeStorage. Fails closed: when the OS cannot protect the key
 * (encryption unavailable, or Linux without a keyring, where safeStorage falls back to plain text)
 * nothing is encrypted and callers get a reason an agent can act on.
 */
import { safeStorage } from 'electron'
import type { CipherAvailability, SecretCipher } from '../../core/platform/ports.ts'
import { AppError } from '../../shared/errors.ts'

export const UNAVAILABLE_REASON =
  "This computer's secure storage (keychain or credential store) is not available, so the console will not save sign-ins or cached lookups. Ask IT to enable it."
export const LINUX_PLAIN_TEXT_REASON =
  'No system keyring (GNOME Keyring or KWallet) was found, so saved sign-ins and cached lookups would be readable by anyone with access to this computer. The console will not save them until a keyring is available.'
export const LINUX_UNKNOWN_REASON =
  'The console could not tell which keyring this computer uses, so it will not save sign-ins or cached lookups. Restart the console; if this persists, ask IT to check the keyring.'

/** The subset of safeStorage we use; the async half exists on current Electron versions. */
type SafeStorageLike = {
  isEncryptionAvailable(): boolean
  getSelectedStorageBackend?: () => string
  encryptString(plain: string): Buffer
  decryptString(cipher: Buffer): string
  isAsyncEncryptionAvailable?: () => Promise<boolean>
  encryptStringAsync?: (plain: string) => Promise<Buffer>
  decryptStringAsync?: (cipher: Buffer) => Promise<{ result: string; shouldReEncrypt: boolean }>
}

export interface SafeStorageCipherOptions {
  platform?: NodeJS.Platform
}

export function createSafeStorageCipher(options: SafeStorageCipherOptions = {}): SecretCipher {
  const storage = safeStorage as unknown as SafeStorageLike
  const platform = options.platform ?? process.platform

  async function availability(): Promise<CipherAvailability> {
    const available =
      typeof storage.isAsyncEncryptionAvailable === 'function'
        ? await storage.isAsyncEncryptionAvailable()
        : storage.isEncryptionAvailable()
    if (!available) return { available: false, reason: UNAVAILABLE_REASON }
    if (platform === 'linux') {
      const backend = storage.getSelectedStorageBackend?.() ?? 'unknown'
      if (backend === 'basic_text') return { available: false, reason: LINUX_PLAIN_TEXT_REASON }
      if (backend === 'unknown') return { available: false, reason: LINUX_UNKNOWN_REASON }
    }
    return { available: true }
  }

  async function requireAvailable(): Promise<void> {
    const state = await availability()
    if (!state.available) throw new AppError('ENCRYPTION_UNAVAILABLE', state.reason)
  }

  return {
    availability,
    async encrypt(plain) {
      await requireAvailable()
      const cipher =
        typeof storage.encryptStringAsync === 'function'
          ? await storage.encryptStringAsync(plain)
          : storage.encryptString(plain)
      return new Uint8Array(cipher)
    },
    async decrypt(cipher) {
      await requireAvailable()
      const buffer = Buffer.from(cipher)
      if (typeof storage.decryptStringAsync === 'function') {
        return (await storage.decryptStringAsync(buffer)).result
      }
      return storage.decryptString(buffer)
    },
  }
}
