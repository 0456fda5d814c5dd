import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createElectronMock } from '../../support/electron-mock.ts'
import type { ElectronMock } from '../../support/electron-mock.ts'

let electron: ElectronMock
let sandboxDir: string
let root: string

beforeAll(() => {
  sandboxDir = mkdtempSync(join(tmpdir(), 'app-protocol-'))
  root = join(sandboxDir, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Support Console</title>')
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)')
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}')
  writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>')
  writeFileSync(join(sandboxDir, 'secret.txt'), 'TOP SECRET')
  symlinkSync(join(sandboxDir, 'secret.txt'), join(root, 'assets', 'linked.txt'))
})
afterAll(() => rmSync(sandboxDir, { recursive: true, force: true }))

beforeEach(() => {
  vi.resetModules()
  electron = createElectronMock()
  vi.doMock('electron', () => electron)
})

async function serve() {
  const { serveAppProtocol } = await import('../../../src/main/security/app-protocol.ts')
  serveAppProtocol(root)
  const handler = electron.protocol.handlers.get('app')
  if (!handler) throw new Error('app: was not handled')
  return (url: string, method = 'GET') => Promise.resolve(handler(new Request(url, { method })))
}

/** A request whose URL was NOT canonicalised (the URL parser would fold `..` away before we see it). */
async function serveRaw() {
  const { serveAppProtocol } = await import('../../../src/main/security/app-protocol.ts')
  serveAppProtocol(root)
  const handler = electron.protocol.handlers.get('app')
  if (!handler) throw new Error('app: was not handled')
  return (url: string) => Promise.resolve(handler({ url, method: 'GET' } as Request))
}

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'"

describe('app:// protocol', () => {
  it('registers app: as a standard, secure, fetch-capable scheme', async () => {
    const { registerAppScheme } = await import('../../../src/main/security/app-protocol.ts')
    registerAppScheme()
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
  })

  it('serves index.html with its content type and the CSP header', async () => {
    const fetchApp = await serve()
    for (const url of ['app://console/index.html', 'app://console/']) {
      const response = await fetchApp(url)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(response.headers.get('content-security-policy')).toBe(CSP)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(await response.text()).toContain('<title>Support Console</title>')
    }
  })

  it.each([
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.css', 'text/css; charset=utf-8'],
    ['assets/logo.svg', 'image/svg+xml'],
  ])('serves %s as %s', async (path, type) => {
    const fetchApp = await serve()
    const response = await fetchApp(`app://console/${path}?v=1#x`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(type)
    expect(response.headers.get('content-security-policy')).toBe(CSP)
  })

  it.each([
    ['dot-dot', 'app://console/../secret.txt'],
    ['nested dot-dot', 'app://console/assets/../../secret.txt'],
    ['encoded dot-dot', 'app://console/%2e%2e/secret.txt'],
    ['mixed-case encoded dot-dot', 'app://console/%2E%2e/secret.txt'],
    ['half-encoded dot-dot', 'app://console/.%2e/secret.txt'],
    ['encoded slash', 'app://console/..%2fsecret.txt'],
    ['encoded backslash', 'app://console/..%5csecret.txt'],
    ['backslash', 'app://console/..\\secret.txt'],
    ['NUL', 'app://console/index.html%00.js'],
    ['absolute path', 'app://console//etc/passwd'],
    ['encoded absolute path', 'app://console/%2fetc/passwd'],
    ['drive letter', 'app://console/C:/Windows/win.ini'],
    ['malformed escape', 'app://console/%E0%A4%A'],
  ])('refuses %s: 400 on the raw URL, never the file once canonicalised', async (_label, url) => {
    const raw = await (await serveRaw())(url)
    expect(raw.status).toBe(400)
    expect(raw.headers.get('content-security-policy')).toBe(CSP)
    expect(await raw.text()).not.toContain('TOP SECRET')
    const canonical = await (await serve())(url)
    expect([400, 404]).toContain(canonical.status)
    expect(canonical.headers.get('content-security-policy')).toBe(CSP)
    expect(await canonical.text()).not.toContain('TOP SECRET')
  })

  it.each([
    ['a missing file', 'app://console/nope.js'],
    ['a directory', 'app://console/assets'],
    ['a symlink out of the root', 'app://console/assets/linked.txt'],
    ['another host', 'app://evil/index.html'],
    ['a look-alike host', 'app://console.evil/index.html'],
    ['double-encoded dot-dot (a literal file name)', 'app://console/%252e%252e/secret.txt'],
  ])('answers 404 for %s', async (_label, url) => {
    const fetchApp = await serve()
    const response = await fetchApp(url)
    expect(response.status).toBe(404)
    expect(response.headers.get('content-security-policy')).toBe(CSP)
    expect(await response.text()).not.toContain('TOP SECRET')
  })

  it('only answers GET and HEAD', async () => {
    const fetchApp = await serve()
    expect((await fetchApp('app://console/index.html', 'POST')).status).toBe(405)
    const head = await fetchApp('app://console/index.html', 'HEAD')
    expect(head.status).toBe(200)
    expect(head.headers.get('content-security-policy')).toBe(CSP)
  })

  it('starts the window on the app scheme, or on the dev server in development', async () => {
    const { rendererEntryUrl } = await import('../../../src/main/security/app-protocol.ts')
    expect(rendererEntryUrl(null)).toBe('app://console/index.html')
    expect(rendererEntryUrl('http://localhost:5173')).toBe('http://localhost:5173')
  })
})

describe('dev server origin', () => {
  it('is trusted only unpackaged and on loopback', async () => {
    const { devServerOrigin } = await import('../../../src/main/security/origins.ts')
    expect(devServerOrigin('http://localhost:5173', false)).toBe('http://localhost:5173')
    expect(devServerOrigin('http://127.0.0.1:5173/', false)).toBe('http://127.0.0.1:5173')
    expect(devServerOrigin('http://localhost:5173', true)).toBeNull()
    expect(devServerOrigin('http://evil.example:5173', false)).toBeNull()
    expect(devServerOrigin('http://localhost.evil.example:5173', false)).toBeNull()
    expect(devServerOrigin('file:///tmp/index.html', false)).toBeNull()
    expect(devServerOrigin(undefined, false)).toBeNull()
  })
})
