/**
 * KeyValueStore on electron-store: small settings only (the lookup cache lives in sqlite).
 * Keys are literal (no dot paths), reads come from the in-memory cache, writes are atomic.
 */
import Store from 'electron-store'
import type { KeyValueStore } from '../../core/platform/ports.ts'

export interface SettingsStoreOptions {
  /** File name without extension, under the app's userData folder. */
  name?: string
  /** Folder override, for tests. */
  cwd?: string
}

export function createSettingsStore(options: SettingsStoreOptions = {}): KeyValueStore {
  const store = new Store<Record<string, unknown>>({
    name: options.name ?? 'settings',
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    cache: true,
    accessPropertiesByDotNotation: false,
    clearInvalidConfig: true,
  })
  return {
    get: (key) => store.get(key),
    set: (key, value) => {
      // electron-store refuses undefined; storing "nothing" means removing the key.
      if (value === undefined) store.delete(key)
      else store.set(key, value)
    },
    delete: (key) => store.delete(key),
  }
}
