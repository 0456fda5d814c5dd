import type { AppInfo } from '../shared/domain.ts'
import { PROVIDERS } from '../shared/domain.ts'
import type { ConsoleConfig } from './config.ts'
import type { ProviderAdapter } from './providers/adapter.ts'

/** What the console is running against: version, profile, sandbox flag, reachable providers. */
export function appInfo(config: ConsoleConfig, adapters: readonly ProviderAdapter[]): AppInfo {
  return {
    version: config.version,
    profile: { kind: config.profile.kind, label: config.profile.label },
    sandbox: config.sandbox,
    providers: PROVIDERS.map((provider) => ({
      provider,
      configured: adapters.some((adapter) => adapter.provider === provider && adapter.configured),
    })),
  }
}
