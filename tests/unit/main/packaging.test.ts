import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { isAbsolute, join, posix, relative, resolve } from 'node:path'
import { FuseV1Options, FuseVersion } from '@electron/fuses'
import type * as Fuses from '@electron/fuses'
import { Arch } from 'electron-builder'
import type { AfterPackContext, TargetConfiguration } from 'electron-builder'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import config from '../../../electron-builder.config.ts'

// The installer configuration (electron-builder.config.ts) and the afterPack hook that flips Electron's
// fuses (scripts/after-pack.mjs), checked without an Electron binary: the hook runs against a fake
// packaging context with @electron/fuses' flipFuses mocked (its enums stay real).

const { flipFuses } = vi.hoisted(() => ({ flipFuses: vi.fn(async (_path: string, _config: object) => 1) }))
vi.mock('@electron/fuses', async (importOriginal) => ({
  ...(await importOriginal<typeof Fuses>()),
  flipFuses,
}))

const repoRoot = join(import.meta.dirname, '../../..')
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  main: string
  productName: string
  scripts: Record<string, string>
}

/** What issue 6 §9 asks of the packaged binary, written out independently of the hook's own map. */
const REQUIRED_FUSES = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableCookieEncryption: true,
  OnlyLoadAppFromAsar: true,
  EnableEmbeddedAsarIntegrityValidation: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: false,
} as const

type Hook = {
  afterPack: (context: AfterPackContext) => Promise<void>
  default: (context: AfterPackContext) => Promise<void>
  FUSES: Record<string, boolean>
}

async function loadHook(): Promise<Hook> {
  if (typeof config.afterPack !== 'string') throw new Error('afterPack must name the hook file')
  // As electron-builder does: the path is relative to the project directory.
  return (await import(resolve(repoRoot, config.afterPack))) as Hook
}

function targets(target: unknown): Array<{ target: string; arch?: string[] }> {
  const list = Array.isArray(target) ? target : [target]
  return list.map((t: string | TargetConfiguration) =>
    typeof t === 'string' ? { target: t } : { target: t.target, arch: t.arch == null ? undefined : [t.arch].flat() },
  )
}

/** electron-builder's `files` semantics: the last pattern that matches decides; `!` excludes. */
function packaged(path: string): boolean {
  let included = false
  for (const pattern of config.files as string[]) {
    const negated = pattern.startsWith('!')
    if (posix.matchesGlob(path, negated ? pattern.slice(1) : pattern)) included = !negated
  }
  return included
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file)
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

function fakeContext(electronPlatformName: string, arch: Arch): AfterPackContext {
  return {
    appOutDir: '/build/dist/unpacked',
    outDir: '/build/dist',
    electronPlatformName,
    arch,
    targets: [],
    packager: { executableName: config.linux?.executableName, appInfo: { productFilename: config.productName } },
  } as unknown as AfterPackContext
}

describe('electron-builder configuration', () => {
  it('is valid against electron-builder’s own schema, loaded the way `npm run dist` loads it', async () => {
    const require = createRequire(join(repoRoot, 'package.json'))
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js')
    const { DebugLogger } = require('builder-util')
    const loaded = await getConfig(repoRoot, 'electron-builder.config.ts', null)
    // getConfig normalises `files` into one file set; everything else arrives as written.
    expect({ ...loaded, files: undefined }).toEqual({ ...config, files: undefined })
    expect(loaded.files).toEqual([{ filter: config.files }])
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined()
    await expect(validateConfiguration({ ...loaded, nsis: { oneClik: false } }, new DebugLogger(false))).rejects.toThrow(
      /Invalid configuration/,
    )
  }, 30_000) // loading app-builder-lib and compiling its schema takes seconds

  it('names the app, pins the installed Electron and needs no rebuild', () => {
    const electronPkg = JSON.parse(readFileSync(join(repoRoot, 'node_modules/electron/package.json'), 'utf8')) as {
      version: string
    }
    expect(config.appId).toBe('no.supportconsole.app')
    expect(config.productName).toBe('Support Console')
    expect(config.productName).toBe(pkg.productName)
    expect(config.electronVersion).toBe(electronPkg.version)
    expect(config.npmRebuild).toBe(false)
    expect(config.asar).toBe(true)
    expect(config.directories).toEqual({ buildResources: 'resources', output: 'dist' })
  })

  it('packages the electron-vite build and package.json, nothing of src, tests, docs or local data', () => {
    for (const path of ['package.json', 'out/main/index.js', 'out/main/chunks/sandbox-x.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/renderer/assets/index-x.js']) {
      expect(packaged(path), path).toBe(true)
    }
    for (const path of ['src/main/index.ts', 'src/sandbox/data/customers.ts', 'tests/unit/main/packaging.test.ts', 'docs/screenshots/search.png', 'resources/icon.png', '.data/audit-log.sqlite', 'out/cli/index.js', 'bench/run.ts', 'electron-builder.config.ts', 'scripts/after-pack.mjs', 'README.md', 'dist/x.AppImage']) {
      expect(packaged(path), path).toBe(false)
    }
  })

  it('starts the packaged app from out/ (package.json "main")', () => {
    const main = posix.normalize(pkg.main)
    expect(main).toBe('out/main/index.js')
    expect(packaged(main)).toBe(true)
  })

  it('builds AppImage and deb on Linux, with maintainer, category and synopsis', () => {
    expect(targets(config.linux?.target).map((t) => t.target)).toEqual(['AppImage', 'deb'])
    expect(config.linux?.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/)
    expect(['Office', 'Utility']).toContain(config.linux?.category)
    expect(config.linux?.synopsis).toEqual(expect.any(String))
    expect(config.linux?.executableName).toBe('support-console')
  })

  it('builds a per-user, assisted NSIS installer for Windows x64', () => {
    expect(targets(config.win?.target)).toEqual([{ target: 'nsis', arch: ['x64'] }])
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true })
  })

  it('builds a dmg for macOS with the hardened runtime and only the JIT entitlement', () => {
    expect(targets(config.mac?.target).map((t) => t.target)).toEqual(['dmg'])
    expect(config.mac?.category).toBe('public.app-category.business')
    expect(config.mac?.hardenedRuntime).toBe(true)
    const entitlements = readFileSync(join(repoRoot, config.mac?.entitlements ?? 'missing'), 'utf8')
    expect(entitlements.match(/<key>[^<]+<\/key>/g)).toEqual(['<key>com.apple.security.cs.allow-jit</key>'])
  })

  it('names every artifact with the version', () => {
    for (const artifactName of [config.artifactName, config.nsis?.artifactName, config.dmg?.artifactName]) {
      expect(artifactName).toContain('${version}')
      expect(artifactName).toContain('${ext}')
    }
  })

  it('takes the icon from resources/, a PNG of at least 512×512', () => {
    const icons = new Set([config.linux?.icon, config.win?.icon, config.mac?.icon])
    expect([...icons]).toEqual(['resources/icon.png'])
    const { width, height } = pngSize(join(repoRoot, 'resources/icon.png'))
    expect(width).toBeGreaterThanOrEqual(512)
    expect(height).toBe(width)
  })
})

describe('npm scripts', () => {
  it.each([
    ['dist', null],
    ['dist:linux', '--linux'],
    ['dist:win', '--win'],
    ['dist:mac', '--mac'],
  ])('%s builds, then packages with this configuration and never publishes', (name, platformFlag) => {
    const script = pkg.scripts[name] ?? ''
    expect(script).toMatch(/^npm run build && electron-builder /)
    expect(script).toContain('--config electron-builder.config.ts')
    expect(script).toContain('--publish never')
    const flags = script.match(/--(linux|win|mac)\b/g) ?? []
    expect(flags).toEqual(platformFlag ? [platformFlag] : [])
  })
})

describe('afterPack hook: Electron fuses', () => {
  beforeEach(() => flipFuses.mockClear())

  it('is the hook file named in the configuration, inside the repository, exporting a function', async () => {
    expect(typeof config.afterPack).toBe('string')
    const file = resolve(repoRoot, config.afterPack as string)
    expect(isAbsolute(relative(repoRoot, file)) || relative(repoRoot, file).startsWith('..')).toBe(false)
    expect(existsSync(file)).toBe(true)
    const hook = await loadHook()
    expect(hook.afterPack).toBeTypeOf('function')
    expect(hook.default).toBe(hook.afterPack)
  })

  it('holds every required fuse value, as data', async () => {
    const { FUSES } = await loadHook()
    expect(FUSES).toEqual(REQUIRED_FUSES)
    expect(Object.isFrozen(FUSES)).toBe(true)
  })

  const expectedWire = (resetAdHocDarwinSignature: boolean) => ({
    version: FuseVersion.V1,
    ...Object.fromEntries(Object.entries(REQUIRED_FUSES).map(([name, state]) => [FuseV1Options[name as keyof typeof FuseV1Options], state])),
    resetAdHocDarwinSignature,
  })

  it.each([
    ['linux', 'x64', '/build/dist/unpacked/support-console', false],
    ['linux', 'arm64', '/build/dist/unpacked/support-console', false],
    ['win32', 'x64', '/build/dist/unpacked/Support Console.exe', false],
    ['darwin', 'x64', '/build/dist/unpacked/Support Console.app', false],
    ['darwin', 'arm64', '/build/dist/unpacked/Support Console.app', true],
    ['darwin', 'universal', '/build/dist/unpacked/Support Console.app', true],
  ] as const)('%s %s: flips the fuses of %s (reset ad-hoc signature: %s)', async (platform, arch, path, resetAdHoc) => {
    const { afterPack } = await loadHook()
    await afterPack(fakeContext(platform, Arch[arch]))
    expect(flipFuses).toHaveBeenCalledTimes(1)
    expect(flipFuses).toHaveBeenCalledWith(join(path), expectedWire(resetAdHoc))
  })

  it('fails the build when the fuses cannot be flipped', async () => {
    const { afterPack } = await loadHook()
    flipFuses.mockRejectedValueOnce(new Error('Could not find sentinel in the provided Electron binary'))
    await expect(afterPack(fakeContext('linux', Arch.x64))).rejects.toThrow(/sentinel/)
  })
})
