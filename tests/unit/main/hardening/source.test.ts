/**
 * Electron's security checklist on the source tree and the dependencies: the checks no running code can make
 * (one window factory, where shell.openExternal, ipcMain and contextBridge may be used, the Electron version,
 * the fuses, no remote module). Comments are left out of every scan: only code counts.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { filesUnder } from '../../../support/leak-scan.ts'

const repoRoot = join(import.meta.dirname, '../../../..')
const read = (path: string): string => readFileSync(join(repoRoot, path), 'utf8')
const packageJson = JSON.parse(read('package.json')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
  build?: unknown
  config?: { forge?: unknown }
}

/** Source without comments (block comments, and line comments that start a line). */
const code = (path: string): string =>
  read(path)
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
    .replace(/<!--[\s\S]*?-->/g, '')

const sources = (folder: string): string[] =>
  filesUnder(join(repoRoot, folder))
    .filter((file) => /\.(ts|vue|mjs|cjs|js)$/.test(file))
    .map((file) => relative(repoRoot, file).split('\\').join('/'))
    .sort()

const SRC = sources('src')

/** `file: match` for every match of `pattern` in the code of `files`. */
function occurrences(files: readonly string[], pattern: RegExp): string[] {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`)
  return files.flatMap((file) => [...code(file).matchAll(global)].map((match) => `${file}: ${match[0]}`))
}

describe("Electron's security checklist, on the source tree", () => {
  it('2-10. one window factory: new BrowserWindow only in src/main/window.ts, with the locked options; webPreferences only in window-options.ts', () => {
    expect(occurrences(SRC, /new\s+BrowserWindow\s*\(.*/)).toEqual(['src/main/window.ts: new BrowserWindow(mainWindowOptions())'])
    expect(occurrences(SRC, /webPreferences\s*[:=]/)).toEqual(['src/main/security/window-options.ts: webPreferences:'])
  })

  it('2-10. no insecure webPreferences value anywhere in src (the lint rule only sees literals inside a `webPreferences:` property)', () => {
    const insecure =
      /webSecurity\s*:\s*false|nodeIntegration\w*\s*:\s*true|contextIsolation\s*:\s*false|allowRunningInsecureContent\s*:\s*true|experimentalFeatures\s*:\s*true|webviewTag\s*:\s*true|enableBlinkFeatures|disable-web-security|allowpopups|appendSwitch/
    expect(occurrences(SRC, insecure)).toEqual([])
    expect(occurrences(sources('src/renderer'), /<webview\b/)).toEqual([])
    const locked = code('src/main/security/window-options.ts')
    for (const [key, value] of Object.entries({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false })) {
      expect(locked).toMatch(new RegExp(`\\b${key}: ${value},`))
    }
  })

  it('5. Handle session permission requests: the app uses one session (the default one, whose handlers deny), no partition', () => {
    expect(occurrences(SRC, /fromPartition|fromPath|\bpartition\s*:/)).toEqual([])
    expect(occurrences(sources('src/main'), /installPermissionPolicy\(session\.defaultSession/)).toHaveLength(1)
  })

  it('15. Do not use shell.openExternal with untrusted content: only external-links.ts calls it, with the URL its policy returned', () => {
    expect(occurrences(SRC, /\bshell\s*\.\s*openExternal\s*\([^)]*\)/)).toEqual(['src/main/security/external-links.ts: shell.openExternal(verdict.url)'])
    const externalLinks = code('src/main/security/external-links.ts')
    expect(externalLinks.indexOf('judgeExternalUrl(url, policy)')).toBeGreaterThan(-1)
    expect(externalLinks.indexOf('judgeExternalUrl(url, policy)')).toBeLessThan(externalLinks.indexOf('shell.openExternal('))
    // Every other way out goes through openExternalSafely: the window-open guard and the platform's opener.
    expect(occurrences(sources('src/main'), /openExternalSafely\(url, linkPolicy\(\)\)/).map((line) => line.split(':')[0])).toEqual([
      'src/main/lifecycle.ts',
      'src/main/platform/shell.ts',
    ])
  })

  it('16. Use a current version of Electron: pinned exactly, installed, and within the three supported majors', () => {
    const pinned = packageJson.devDependencies.electron ?? ''
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/)
    expect((JSON.parse(read('node_modules/electron/package.json')) as { version: string }).version).toBe(pinned)
    // Electron supports the latest three stable majors and ships a major every 8 weeks
    // (electronjs.org/docs/latest/tutorial/electron-timelines); 45.0.0 shipped on 2026-10-21. This goes red
    // when the pinned major falls out of support (for 45: when 48 ships, about April 2027), by design.
    const anchor = { major: 45, shipped: Date.parse('2026-10-21T00:00:00Z') }
    const latest = anchor.major + Math.max(0, Math.floor((Date.now() - anchor.shipped) / (56 * 24 * 3600 * 1000)))
    expect(Number(pinned.split('.')[0])).toBeGreaterThanOrEqual(latest - 2)
  })

  it('17. Validate the sender of all IPC messages: ipcMain handlers are registered in the registrar only, and only with handle', () => {
    expect(occurrences(SRC, /ipcMain\s*\.\s*\w+/)).toEqual(['src/main/ipc/registrar.ts: ipcMain.handle', 'src/main/ipc/registrar.ts: ipcMain.removeHandler'])
    expect(occurrences(sources('src/main/ipc'), /isTrustedSender\(event\)/)).toEqual(['src/main/ipc/registrar.ts: isTrustedSender(event)'])
  })

  it('19. Check fuses: an installer configuration (issue 6) comes with a test of the fuses it flips, and the app needs none of the fuses a release turns off', () => {
    const configs = [
      ...['yml', 'yaml', 'json', 'json5', 'toml', 'config.js', 'config.cjs', 'config.mjs', 'config.ts'].map((ext) => `electron-builder.${ext}`),
      ...['js', 'cjs', 'mjs', 'ts'].map((ext) => `forge.config.${ext}`),
    ].filter((file) => existsSync(join(repoRoot, file)))
    if (packageJson.build !== undefined) configs.push('package.json "build"')
    if (packageJson.config?.forge !== undefined) configs.push('package.json "config.forge"')
    const fuseTests = sources('tests').filter((file) => !file.startsWith('tests/unit/main/hardening/') && /from\s+['"]@electron\/fuses['"]/.test(read(file)))
    // An installer configuration needs a test of the fuses it flips (RunAsNode off, NODE_OPTIONS off, inspector
    // off, cookie encryption on, only load from asar, asar integrity, no extra file: privileges).
    if (configs.length > 0) expect(fuseTests, `a fuses test for ${configs.join(', ')}`).not.toEqual([])
    // What those fuses turn off is not used: running as Node, NODE_OPTIONS, the inspector, file: pages.
    expect(occurrences([...SRC, ...sources('scripts')], /ELECTRON_RUN_AS_NODE|NODE_OPTIONS|--inspect|loadFile\s*\(|['"`]file:\/\//)).toEqual([])
  })

  it('20. Do not expose Electron APIs to untrusted web content: only the preload touches contextBridge and ipcRenderer, once, through the verbs', () => {
    expect(occurrences(SRC, /exposeInMainWorld\s*\(\s*['"`]\w+['"`]/)).toEqual(["src/preload/index.ts: exposeInMainWorld(\n  'api'"])
    expect(occurrences(SRC, /\bipcRenderer\b/)).toEqual(['src/preload/index.ts: ipcRenderer', 'src/preload/index.ts: ipcRenderer'])
    expect(occurrences(SRC, /\bipcRenderer\.\w+\([^)]*\)/)).toEqual(['src/preload/index.ts: ipcRenderer.invoke(channel, request)'])
    expect(code('src/preload/index.ts')).toMatch(/buildApi\(apiShape, \(channel, request\) => ipcRenderer\.invoke\(channel, request\)\)/)
  })

  it('no remote module: no @electron/remote dependency, no enableRemoteModule, no electron.remote', () => {
    const dependencies = { ...packageJson.dependencies, ...packageJson.devDependencies }
    expect(Object.keys(dependencies).filter((name) => /remote/.test(name))).toEqual([])
    expect(read('package-lock.json')).not.toContain('node_modules/@electron/remote')
    expect(occurrences(SRC, /@electron\/remote|enableRemoteModule|electron\.remote\b|\bremote\s*\.\s*require/)).toEqual([])
  })
})
