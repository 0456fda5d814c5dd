/**
 * What the services need from the host platform. main implements these with Electron
 * (src/main/platform), and src/core/platform/node-*.ts are the Node twins used by the CLI,
 * the dev host and the tests.
 */

export type CipherAvailability = { available: true } | { available: false; reason: string }

/** Electron safeStorage in the app. Fails closed: callers must check availability first. */
export interface SecretCipher {
  availability(): Promise<CipherAvailability>
  encrypt(plain: string): Promise<Uint8Array>
  decrypt(cipher: Uint8Array): Promise<string>
}

/** Small settings only (electron-store in the app). Large data goes to the sqlite cache. */
export interface KeyValueStore {
  get(key: string): unknown
  set(key: string, value: unknown): void
  delete(key: string): void
}

export interface SaveDialog {
  /** Resolves to the chosen path, or null when the agent cancelled. */
  chooseSavePath(options: {
    defaultName: string
    filters: { name: string; extensions: string[] }[]
  }): Promise<string | null>
}

export interface ExternalOpener {
  /** Opens an https URL in the system browser. Implementations enforce the allowlist. */
  open(url: string): Promise<void>
}

export interface Platform {
  secrets: SecretCipher
  settings: KeyValueStore
  dialog: SaveDialog
  external: ExternalOpener
}
