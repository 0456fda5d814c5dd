/**
 * Decides what the services talk to. There is no settings UI yet, so for now: when the settings
 * hold no profile or credentials, the embedded sandbox starts and serves every API with demo data.
 */
import type { ConsoleConfig } from '../core/config.ts'
import { sandboxConfig } from '../core/config.ts'
import type { KeyValueStore } from '../core/platform/ports.ts'
import { AppError } from '../shared/errors.ts'

/** Settings keys that would hold a real profile once the settings UI exists. */
export const PROFILE_SETTING_KEYS = ['profiles', 'activeProfile', 'credentials'] as const

export interface ResolvedConfiguration {
  config: ConsoleConfig
  /** Stops what was started for this configuration (the sandbox server). */
  close(): Promise<void>
}

export function hasStoredProfile(settings: KeyValueStore): boolean {
  return PROFILE_SETTING_KEYS.some((key) => {
    const value = settings.get(key)
    return value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0)
  })
}

export async function resolveConfiguration(settings: KeyValueStore, version: string): Promise<ResolvedConfiguration> {
  if (hasStoredProfile(settings)) {
    throw new AppError(
      'NOT_CONFIGURED',
      'A saved profile was found, but this version of the console cannot use saved profiles yet. Update the console, or remove the saved profile to use the demo sandbox.',
    )
  }
  // Loaded on demand: the sandbox is only needed (and only parsed) when no profile exists.
  const { startSandbox } = await import('../sandbox/index.ts')
  const sandbox = await startSandbox()
  return { config: sandboxConfig(sandbox, version), close: () => sandbox.close() }
}
