/**
 * The three profiles: sandbox (embedded, not editable), test and production (settings in the store,
 * secrets encrypted apart from them). Answers ProfilesState for the renderer (never a secret value,
 * only whether each is set) and builds a ConsoleConfig for a profile from its settings and secrets.
 */
import type { EditableProfileId, ProfileKind, ProfileSettings, ProfileSummary, ProfilesState, SecretName } from '../../shared/domain.ts'
import { EditableProfileId as EditableIds } from '../../shared/domain.ts'
import type { RefreshTokenVault } from '../auth/agent-sign-in.ts'
import { PROFILE_LABELS, httpSettings, runsOnTheSandbox } from '../config.ts'
import type { ConsoleConfig } from '../config.ts'
import type { Logger } from '../log.ts'
import type { KeyValueStore, SecretCipher } from '../platform/ports.ts'
import { createSecretVault } from './secret-vault.ts'
import { DEFAULT_ENDPOINTS, readStoredProfiles, writeStoredProfiles } from './stored-profiles.ts'
import type { StoredProfiles } from './stored-profiles.ts'

export interface Profiles {
  /** The profile stored as active (the runtime decides whether it can run). */
  storedActive(): ProfileKind
  setActive(kind: ProfileKind): void
  state(active: ProfileKind): Promise<ProfilesState>
  settings(id: EditableProfileId): ProfileSettings | null
  /** Saves the settings; says whether what the agent's sign-in depends on (login, API, client id) changed. */
  save(id: EditableProfileId, settings: ProfileSettings): { signInChanged: boolean }
  setSecret(id: EditableProfileId, name: SecretName, value: string): Promise<void>
  clearSecret(id: EditableProfileId, name: SecretName): void
  /** Saved settings and at least one API's credentials (Connect's client secret or Swedbank Pay's token). */
  canRun(id: EditableProfileId): boolean
  /** The services' configuration of a saved profile, with its secrets decrypted (an API without one: null). */
  consoleConfig(id: EditableProfileId, version: string): Promise<ConsoleConfig>
  refreshTokens(id: EditableProfileId): RefreshTokenVault
}

export function createProfiles(options: { store: KeyValueStore; cipher: SecretCipher; logger: Logger }): Profiles {
  const { store, logger } = options
  const vault = createSecretVault(options)
  let stored: StoredProfiles = readStoredProfiles(store, logger)

  const persist = (next: StoredProfiles): void => {
    writeStoredProfiles(store, next)
    stored = next
  }
  const hasSecret = (id: EditableProfileId, name: SecretName): boolean => vault.isSet(id, name)

  const summary = (id: EditableProfileId, active: ProfileKind): ProfileSummary => {
    const saved = stored.settings[id]
    const settings = saved ?? { ...DEFAULT_ENDPOINTS[id], connect: { ...DEFAULT_ENDPOINTS[id].connect, clientId: '' } }
    const secrets = { connectClientSecret: hasSecret(id, 'connectClientSecret'), swedbankPayAccessToken: hasSecret(id, 'swedbankPayAccessToken') }
    return {
      id,
      label: PROFILE_LABELS[id],
      active: active === id,
      editable: true,
      settings,
      saved: saved !== undefined,
      secrets,
      complete: saved !== undefined && secrets.connectClientSecret && secrets.swedbankPayAccessToken,
    }
  }

  return {
    storedActive: () => stored.active,
    setActive(kind) {
      if (stored.active !== kind) persist({ ...stored, active: kind })
    },
    async state(active) {
      const encryption = await vault.availability()
      const sandbox: ProfileSummary = {
        id: 'sandbox',
        label: PROFILE_LABELS.sandbox,
        active: active === 'sandbox',
        editable: false,
        settings: null,
        saved: true,
        secrets: { connectClientSecret: true, swedbankPayAccessToken: true },
        complete: true,
      }
      return {
        active,
        profiles: [sandbox, ...EditableIds.options.map((id) => summary(id, active))],
        encryption: encryption.available ? { available: true, reason: null } : { available: false, reason: encryption.reason },
      }
    },
    settings: (id) => stored.settings[id] ?? null,
    save(id, settings) {
      const before = stored.settings[id]
      persist({ ...stored, settings: { ...stored.settings, [id]: settings } })
      const signInChanged =
        before === undefined ||
        before.connect.loginUrl !== settings.connect.loginUrl ||
        before.connect.apiUrl !== settings.connect.apiUrl ||
        before.connect.clientId !== settings.connect.clientId
      // A sign-in belongs to one login server and client: a stored one for another is of no use.
      if (signInChanged) vault.remove(id, 'agentRefreshToken')
      return { signInChanged }
    },
    setSecret: (id, name, value) => vault.write(id, name, value),
    clearSecret: (id, name) => vault.remove(id, name),
    canRun: (id) =>
      stored.settings[id] !== undefined && (hasSecret(id, 'connectClientSecret') || hasSecret(id, 'swedbankPayAccessToken')),
    async consoleConfig(id, version) {
      const settings = stored.settings[id]
      if (settings === undefined) throw new Error(`the ${id} profile has no saved settings`)
      const clientSecret = await vault.read(id, 'connectClientSecret')
      const merchantToken = await vault.read(id, 'swedbankPayAccessToken')
      return {
        version,
        profile: { kind: id, label: PROFILE_LABELS[id] },
        sandbox: runsOnTheSandbox(id),
        connect: clientSecret === null ? null : { ...settings.connect, clientSecret },
        swedbankPay: merchantToken === null ? null : { apiUrl: settings.swedbankPay.apiUrl, accessToken: merchantToken },
        http: httpSettings(version),
      }
    },
    refreshTokens: (id) => vault.refreshTokens(id),
  }
}
