/** The Electron implementation of every platform port core needs. */
import type { LinkPolicy } from '../../core/platform/link-policy.ts'
import type { Platform } from '../../core/platform/ports.ts'
import { createSaveDialog } from './dialog.ts'
import { createSafeStorageCipher } from './safe-storage.ts'
import { createSettingsStore } from './settings-store.ts'
import { createExternalOpener } from './shell.ts'

export function createElectronPlatform(options: { linkPolicy: () => LinkPolicy }): Platform {
  return {
    secrets: createSafeStorageCipher(),
    settings: createSettingsStore(),
    dialog: createSaveDialog(),
    external: createExternalOpener(options.linkPolicy),
  }
}
