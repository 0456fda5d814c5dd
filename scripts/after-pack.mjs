/**
 * electron-builder afterPack hook: flips Electron's fuses in the packaged binary, before electron-builder
 * signs it (afterPack runs before signing, so the signature covers the flipped wire).
 *
 * FUSES is the one source of truth for the fuse settings; tests/unit/main/packaging.test.ts checks it and
 * calls this hook with a fake context. See https://www.electronjs.org/docs/latest/tutorial/fuses
 */
import { join } from 'node:path'
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses'
import { Arch } from 'electron-builder'

/** Fuse name (as in @electron/fuses' FuseV1Options) → state. Fuses not named here keep Electron's default. */
export const FUSES = Object.freeze({
  // The binary must never double as a Node interpreter (ELECTRON_RUN_AS_NODE) …
  RunAsNode: false,
  // … nor read NODE_OPTIONS (or NODE_EXTRA_CA_CERTS) from the environment …
  EnableNodeOptionsEnvironmentVariable: false,
  // … nor open a debugger port on --inspect / --inspect-brk.
  EnableNodeCliInspectArguments: false,
  // Cookies on disk encrypted with the OS keychain key, like safeStorage.
  EnableCookieEncryption: true,
  // Only app.asar is loaded (no app/ folder or default_app next to it) …
  OnlyLoadAppFromAsar: true,
  // … and its header hash is checked against the one electron-builder embeds (macOS Info.plist, Windows
  // resource). Linux has no embedded integrity: there the fuse has no effect.
  EnableEmbeddedAsarIntegrityValidation: true,
  // Off (Electron's default): the browser process would load browser_v8_context_snapshot.bin, which only
  // exists if we build a custom snapshot (electron-mksnapshot). We do not; turning it on would only add a
  // file the app cannot start without.
  LoadBrowserProcessSpecificV8Snapshot: false,
  // The renderer is served from app://console (src/main/security/app-protocol.ts), never file://, so
  // file: pages need none of their legacy extra privileges.
  GrantFileProtocolExtraPrivileges: false,
})

/** The config flipFuses takes for one packaged app. */
export function fuseConfig(platform, arch) {
  const config = { version: FuseVersion.V1 }
  for (const [name, state] of Object.entries(FUSES)) {
    const index = FuseV1Options[name]
    if (typeof index !== 'number') throw new Error(`after-pack: unknown Electron fuse "${name}"`)
    config[index] = state
  }
  // Rewriting the wire breaks the ad-hoc signature Apple Silicon requires of every binary; re-sign
  // ad hoc (electron-builder then signs properly where a certificate is configured).
  config.resetAdHocDarwinSignature = isDarwin(platform) && (arch === Arch.arm64 || arch === Arch.universal)
  return config
}

/** The packaged Electron binary (or, on macOS, the .app bundle @electron/fuses looks into). */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName: platform, packager } = context
  if (isDarwin(platform)) return join(appOutDir, `${packager.appInfo.productFilename}.app`)
  if (platform === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`)
  if (platform === 'linux') return join(appOutDir, packager.executableName)
  throw new Error(`after-pack: unsupported platform "${platform}"`)
}

/** @param {import('electron-builder').AfterPackContext} context */
export async function afterPack(context) {
  await flipFuses(electronBinaryPath(context), fuseConfig(context.electronPlatformName, context.arch))
}

export default afterPack

function isDarwin(platform) {
  return platform === 'darwin' || platform === 'mas'
}
