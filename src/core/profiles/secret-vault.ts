/**
 * The secrets of the editable profiles (Connect client secret, Swedbank Pay merchant token, the agent's
 * refresh token), kept apart from the settings under their own store key, `secrets`:
 * `{ test?: { <name>: base64(SecretCipher.encrypt(value)) }, production?: … }`.
 * Fails closed: when the platform cannot encrypt, nothing is written (ENCRYPTION_UNAVAILABLE). A value
 * that no longer decrypts (another key, tampering) is dropped with a warning. Values never leave core.
 */
import { z } from 'zod'
import type { EditableProfileId, SecretName } from '../../shared/domain.ts'
import { AppError } from '../../shared/errors.ts'
import type { RefreshTokenVault } from '../auth/agent-sign-in.ts'
import type { Logger } from '../log.ts'
import type { CipherAvailability, KeyValueStore, SecretCipher } from '../platform/ports.ts'

export const SECRETS_KEY = 'secrets'

/** The agent's refresh token is stored like the profile secrets, but never set through profiles:setSecret. */
export type VaultSecretName = SecretName | 'agentRefreshToken'

type VaultRecord = Partial<Record<EditableProfileId, Partial<Record<VaultSecretName, string>>>>

const Base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/)
const StoredVault = z.object({
  test: z.record(z.string(), Base64).optional(),
  production: z.record(z.string(), Base64).optional(),
})

export interface SecretVault {
  availability(): Promise<CipherAvailability>
  isSet(profile: EditableProfileId, name: VaultSecretName): boolean
  /** Encrypts and stores; throws ENCRYPTION_UNAVAILABLE (and writes nothing) when it cannot encrypt. */
  write(profile: EditableProfileId, name: VaultSecretName, value: string): Promise<void>
  /** The plain value, or null when none is stored or it no longer decrypts. */
  read(profile: EditableProfileId, name: VaultSecretName): Promise<string | null>
  remove(profile: EditableProfileId, name: VaultSecretName): void
  /** The agent's refresh token of one profile; kept in memory only (and said so) when it cannot be encrypted. */
  refreshTokens(profile: EditableProfileId): RefreshTokenVault
}

export function createSecretVault(options: { store: KeyValueStore; cipher: SecretCipher; logger: Logger }): SecretVault {
  const { store, cipher, logger } = options

  const load = (): VaultRecord => {
    const raw = store.get(SECRETS_KEY)
    if (raw === undefined) return {}
    const parsed = StoredVault.safeParse(raw)
    if (parsed.success) return parsed.data as VaultRecord
    logger.warn('the stored secrets are unreadable and were ignored; enter them again')
    return {}
  }
  const update = (profile: EditableProfileId, change: (secrets: Partial<Record<VaultSecretName, string>>) => void): void => {
    const record = load()
    const secrets = { ...record[profile] }
    change(secrets)
    // One write of the whole record: the old value is replaced atomically.
    store.set(SECRETS_KEY, { ...record, [profile]: secrets })
  }

  const vault: SecretVault = {
    availability: () => cipher.availability(),
    isSet: (profile, name) => load()[profile]?.[name] !== undefined,
    async write(profile, name, value) {
      const state = await cipher.availability()
      if (!state.available) throw new AppError('ENCRYPTION_UNAVAILABLE', state.reason)
      let encrypted: Uint8Array
      try {
        encrypted = await cipher.encrypt(value)
      } catch (error) {
        logger.warn('the secure storage refused to encrypt a secret', { error })
        throw new AppError('ENCRYPTION_UNAVAILABLE', "This computer's secure storage refused to protect the secret; it was not saved.")
      }
      update(profile, (secrets) => {
        secrets[name] = Buffer.from(encrypted).toString('base64')
      })
    },
    async read(profile, name) {
      const stored = load()[profile]?.[name]
      if (stored === undefined) return null
      try {
        const value = await cipher.decrypt(new Uint8Array(Buffer.from(stored, 'base64')))
        logger.addSecret(value)
        return value
      } catch {
        logger.warn(`a stored secret of the ${profile} profile (${name}) could not be decrypted and was removed; enter it again`)
        vault.remove(profile, name)
        return null
      }
    },
    remove(profile, name) {
      if (!vault.isSet(profile, name)) return
      update(profile, (secrets) => {
        delete secrets[name]
      })
    },
    refreshTokens(profile) {
      return {
        load: () => vault.read(profile, 'agentRefreshToken'),
        async save(refreshToken) {
          try {
            await vault.write(profile, 'agentRefreshToken', refreshToken)
          } catch (error) {
            // Fail closed: never plaintext. The previous token is used up, so it goes too.
            vault.remove(profile, 'agentRefreshToken')
            const reason = error instanceof AppError ? error.message : 'unknown'
            logger.warn('the sign-in is kept in memory only (it ends when the console closes): secure storage is unavailable', { reason })
          }
        },
        clear: async () => vault.remove(profile, 'agentRefreshToken'),
      }
    },
  }
  return vault
}
