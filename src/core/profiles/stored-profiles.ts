/**
 * The profile settings as stored in the KeyValueStore (electron-store in the app), key `profiles`:
 * `{ active, settings: { test?, production? } }`. Everything read back is checked with the contract's
 * schemas: a part that does not pass is replaced by its default with a warning, never a crash.
 * No secret is ever stored here (see secret-vault.ts).
 */
import { z } from 'zod'
import { EditableProfileId, ProfileKind, ProfileSettings } from '../../shared/domain.ts'
import type { EditableProfileId as EditableId, ProfileKind as Kind, ProfileSettings as Settings } from '../../shared/domain.ts'
import type { Logger } from '../log.ts'
import { DEFAULT_PAYER_REFERENCE_TEMPLATE } from '../payer-reference.ts'
import type { KeyValueStore } from '../platform/ports.ts'

export const PROFILES_KEY = 'profiles'

export interface StoredProfiles {
  active: Kind
  /** Only the profiles an agent has saved. */
  settings: Partial<Record<EditableId, Settings>>
}

/** The hosts a new profile starts with (connect.md §2.1, swedbankpay.md); the client id is the agent's to add. */
export const DEFAULT_ENDPOINTS: Readonly<Record<EditableId, Omit<Settings, 'connect'> & { connect: Omit<Settings['connect'], 'clientId'> }>> = {
  test: {
    connect: { apiUrl: 'https://api-test.mediaconnect.no/capi', loginUrl: 'https://api-test.mediaconnect.no/login' },
    swedbankPay: { apiUrl: 'https://api.externalintegration.payex.com' },
    payerReferenceTemplate: DEFAULT_PAYER_REFERENCE_TEMPLATE,
  },
  production: {
    connect: { apiUrl: 'https://api.mediaconnect.no/capi', loginUrl: 'https://connectid.no/user' },
    swedbankPay: { apiUrl: 'https://api.payex.com' },
    payerReferenceTemplate: DEFAULT_PAYER_REFERENCE_TEMPLATE,
  },
}

const RawRecord = z.object({ active: z.unknown(), settings: z.record(z.string(), z.unknown()).optional() })

export function readStoredProfiles(store: KeyValueStore, logger: Logger): StoredProfiles {
  const fallback: StoredProfiles = { active: 'sandbox', settings: {} }
  const raw = store.get(PROFILES_KEY)
  if (raw === undefined) return fallback
  const record = RawRecord.safeParse(raw)
  if (!record.success) {
    logger.warn('the stored profiles are unreadable; using the defaults')
    return fallback
  }
  const active = ProfileKind.safeParse(record.data.active)
  if (!active.success) logger.warn('the stored active profile is unknown; using the sandbox')
  const settings: StoredProfiles['settings'] = {}
  for (const id of EditableProfileId.options) {
    const value = record.data.settings?.[id]
    if (value === undefined) continue
    const parsed = ProfileSettings.safeParse(value)
    if (parsed.success) settings[id] = parsed.data
    else logger.warn(`the stored settings of the ${id} profile are invalid; using the defaults`)
  }
  return { active: active.success ? active.data : 'sandbox', settings }
}

export function writeStoredProfiles(store: KeyValueStore, profiles: StoredProfiles): void {
  store.set(PROFILES_KEY, { active: profiles.active, settings: profiles.settings })
}
