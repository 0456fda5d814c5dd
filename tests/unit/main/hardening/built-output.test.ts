/**
 * What ships: the app built with electron-vite (the project's own config) into a temp folder, then scanned.
 * main: no insecure webPreferences, switches or certificate bypass; preload: one CommonJS file that exposes only
 * `api` (run here in a VM with a fake electron: no ipcRenderer, no verb taking a channel); renderer: no eval, no
 * unsafe-eval, a strict CSP in index.html equal to the header the real app:// handler serves with every file.
 * The build takes about 2 s.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { CHANNELS, apiShape } from '../../../../src/shared/api-shape.ts'
import { createElectronMock } from '../../../support/electron-mock.ts'
import type { ElectronMock } from '../../../support/electron-mock.ts'
import { filesUnder } from '../../../support/leak-scan.ts'

const repoRoot = join(import.meta.dirname, '../../../..')
let outDir = ''
const read = (path: string): string => readFileSync(join(outDir, path), 'utf8')
const filesIn = (folder: string, ext: RegExp): string[] => filesUnder(join(outDir, folder)).filter((file) => ext.test(file)).map((file) => relative(outDir, file))

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'built-output-'))
  const cli = join(repoRoot, 'node_modules/electron-vite/bin/electron-vite.js')
  await promisify(execFile)(process.execPath, [cli, 'build', '--outDir', outDir, '--logLevel', 'error'], { cwd: repoRoot, timeout: 120_000 })
}, 150_000)
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

/** Lines (file:line: text) where `pattern` matches in the given built files. */
function findIn(files: readonly string[], pattern: RegExp): string[] {
  return files.flatMap((file) =>
    read(file)
      .split('\n')
      .flatMap((line, index) => (pattern.test(line) ? [`${file}:${index + 1}: ${line.trim().slice(0, 160)}`] : [])),
  )
}

/** The directives of a policy: name -> sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0] !== '')
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  )
}

const META_CSP = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i

describe('the built app', () => {
  it('has the three parts in place: out/main, out/preload/index.cjs (one file) and out/renderer', () => {
    expect(filesIn('main', /\.js$/)).toContain(join('main', 'index.js'))
    expect(filesIn('preload', /./)).toEqual([join('preload', 'index.cjs')])
    expect(filesIn('renderer', /\.html$/)).toEqual([join('renderer', 'index.html')])
    expect(filesIn('renderer', /\.js$/).length).toBeGreaterThan(0)
  })

  it('2-10. main: no insecure webPreferences, command-line switch, remote module or certificate bypass in the bundle', () => {
    const main = filesIn('main', /\.js$/)
    // Minified booleans included: true is !0, false is !1.
    const insecure = new RegExp(
      [
        String.raw`webSecurity\s*:\s*(false|!1|0\b)`,
        String.raw`nodeIntegration\w*\s*:\s*(true|!0|1\b)`,
        String.raw`contextIsolation\s*:\s*(false|!1|0\b)`,
        String.raw`allowRunningInsecureContent\s*:\s*(true|!0|1\b)`,
        String.raw`experimentalFeatures\s*:\s*(true|!0|1\b)`,
        String.raw`webviewTag\s*:\s*(true|!0|1\b)`,
        ...['enableBlinkFeatures', 'disable-web-security', 'disablewebsecurity', 'allowpopups', 'appendSwitch', 'enableRemoteModule'],
        ...['@electron/remote', 'setCertificateVerifyProc', 'certificate-error', 'ELECTRON_DISABLE_SECURITY_WARNINGS'],
        ...['setPreloads', 'registerPreloadScript', String.raw`loadFile\(`, String.raw`["'\x60]file://`],
      ].join('|'),
    )
    expect(findIn(main, insecure)).toEqual([])
    // The locked values are there, so the scan looked at the right code.
    expect(findIn(main, /webSecurity:\s*true/)).toHaveLength(1)
    expect(findIn(main, /nodeIntegration:\s*false/)).toHaveLength(1)
  })

  it('4. Enable process sandboxing: the preload is one CommonJS file requiring nothing but electron, as a sandboxed preload must be', () => {
    const preload = read('preload/index.cjs')
    expect(preload).not.toMatch(/^\s*(import|export)\s/m)
    expect([...preload.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((match) => match[1])).toEqual(['electron'])
    expect(preload).not.toMatch(/\bimport\(/)
  })

  it('7. Define a Content Security Policy: the renderer bundle needs no unsafe-eval (no eval, no Function constructor, no string timers)', () => {
    // Vue is bundled in its runtime-only build (templates are compiled at build time), so nothing needs eval.
    const renderer = [...filesIn('renderer', /\.(js|html)$/)]
    expect(findIn(renderer, /unsafe-eval|unsafe-inline|wasm-unsafe-eval/)).toEqual([])
    expect(findIn(renderer, /(?<![\w$.])eval\s*\(|new\s+Function\b|(?<![\w$.])Function\s*\(|set(Timeout|Interval)\(\s*["'`]/)).toEqual([])
    expect(findIn(renderer, /nodeIntegration\s*:\s*(true|!0)|webSecurity\s*:\s*(false|!1)|\brequire\(|ipcRenderer|process\.versions/)).toEqual([])
  })

  it('7. Define a Content Security Policy: index.html has the strict CSP as a meta tag, loads its own files only, and has no inline script', () => {
    const html = read('renderer/index.html')
    const policy = META_CSP.exec(html)?.[1]
    expect(policy).toBeDefined()
    const csp = directives(policy!)
    expect(csp.get('default-src')).toEqual(["'none'"])
    expect(csp.get('script-src')).toEqual(["'self'"])
    expect(csp.get('object-src')).toEqual(["'none'"])
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(csp.get('base-uri')).toEqual(["'none'"])
    expect(csp.get('connect-src')).toEqual(["'self'"])
    for (const [name, sources] of csp) {
      for (const source of sources) expect(source, name).toMatch(/^('self'|'none'|data:)$/)
    }
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\ssrc="\.\/assets\/[^"]+\.js"/)
      expect(body!.trim()).toBe('')
    }
    expect([...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((match) => match[1]).filter((url) => !url!.startsWith('./assets/'))).toEqual([])
    // Only XML namespace identifiers (never fetched) carry http: in the bundle.
    const http = findIn(filesIn('renderer', /\.js$/), /["'`]http:\/\//).filter((line) => !/http:\/\/www\.w3\.org\//.test(line))
    expect(http).toEqual([])
  })
})

describe('the built renderer served by the app:// protocol handler', () => {
  let electron: ElectronMock
  beforeEach(() => {
    vi.resetModules()
    electron = createElectronMock()
    vi.doMock('electron', () => electron)
  })

  it('7. Define a Content Security Policy: app:// answers index.html and every built asset with the CSP header, equal to the meta tag, and nothing outside out/renderer', async () => {
    const { serveAppProtocol } = await import('../../../../src/main/security/app-protocol.ts')
    serveAppProtocol(join(outDir, 'renderer'))
    const handler = electron.protocol.handlers.get('app')!
    const meta = META_CSP.exec(read('renderer/index.html'))?.[1]
    const paths = ['index.html', ...filesIn('renderer', /\.(js|css)$/).map((file) => relative('renderer', file).split('\\').join('/'))]
    expect(paths.length).toBeGreaterThan(2)
    for (const path of paths) {
      const response = await handler(new Request(`app://console/${path}`))
      expect(response.status, path).toBe(200)
      expect(response.headers.get('content-security-policy'), path).toBe(meta)
    }
    for (const escape of ['app://console/../main/index.js', 'app://console/%2e%2e/preload/index.cjs']) {
      const response = await handler({ url: escape, method: 'GET' } as Request)
      expect(response.status, escape).toBe(400)
      expect(response.headers.get('content-security-policy')).toBe(meta)
    }
  })
})

describe('the built preload, run as Electron runs it (a CommonJS module whose require gives electron)', () => {
  function runPreload() {
    const exposed: [string, unknown][] = []
    const invoked: unknown[][] = []
    const ipcRenderer = {
      invoke: async (...args: unknown[]) => {
        invoked.push(args)
        return { ok: true, data: null }
      },
      send: () => undefined,
      on: () => undefined,
    }
    const electron = { contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void exposed.push([key, value]) }, ipcRenderer }
    const module = { exports: {} }
    const require = (name: string) => {
      if (name !== 'electron') throw new Error(`the preload required ${name}`)
      return electron
    }
    runInNewContext(read('preload/index.cjs'), { require, module, exports: module.exports, Object, Promise, console })
    return { exposed, invoked, ipcRenderer }
  }

  it('20. Do not expose Electron APIs to untrusted web content: the built preload exposes exactly one key, `api`, frozen, with the verbs of api-shape', () => {
    const { exposed } = runPreload()
    expect(exposed.map(([key]) => key)).toEqual(['api'])
    const api = exposed[0]![1] as Record<string, Record<string, unknown>>
    expect(Object.isFrozen(api)).toBe(true)
    expect(Object.keys(api).sort()).toEqual(Object.keys(apiShape).sort())
    for (const [domain, verbs] of Object.entries(apiShape)) {
      expect(Object.isFrozen(api[domain])).toBe(true)
      expect(Object.keys(api[domain]!).sort()).toEqual(Object.keys(verbs).sort())
      for (const verb of Object.values(api[domain]!)) expect(typeof verb).toBe('function')
    }
  })

  it('20. Do not expose Electron APIs to untrusted web content: the built preload never exposes ipcRenderer or its functions, at any depth', () => {
    const { exposed, ipcRenderer } = runPreload()
    const forbidden = new Set<unknown>([ipcRenderer, ipcRenderer.invoke, ipcRenderer.send, ipcRenderer.on])
    const seen = new Set<unknown>()
    const walk = (value: unknown, path: string): void => {
      if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return
      seen.add(value)
      expect(forbidden.has(value), path).toBe(false)
      for (const key of Reflect.ownKeys(value)) {
        if (typeof value === 'function' && ['prototype', 'length', 'name'].includes(String(key))) continue
        walk((value as Record<PropertyKey, unknown>)[key], `${path}.${String(key)}`)
      }
    }
    walk(exposed[0]![1], 'api')
    expect(seen.size).toBeGreaterThan(CHANNELS.length)
  })

  it('20. Do not expose Electron APIs to untrusted web content: no generic invoke, every built verb calls its own channel whatever it is handed', async () => {
    const { exposed, invoked } = runPreload()
    const api = exposed[0]![1] as Record<string, Record<string, (...args: unknown[]) => Promise<unknown>>>
    const called: string[] = []
    for (const [domain, verbs] of Object.entries(apiShape)) {
      for (const [verb, channel] of Object.entries(verbs)) {
        invoked.length = 0
        await api[domain]![verb]!('auth:signOut', { channel: 'profiles:setSecret' }, 'tokens:archiveAll')
        expect(invoked.map(([sent]) => sent), `${domain}.${verb}`).toEqual([channel])
        called.push(channel)
      }
    }
    expect(called.sort()).toEqual([...CHANNELS].sort())
  })
})
