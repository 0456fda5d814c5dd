import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createElectronMock } from '../../support/electron-mock.ts'
import type { ElectronMock } from '../../support/electron-mock.ts'

const repoRoot = join(import.meta.dirname, '../../..')
let electron: ElectronMock

beforeEach(() => {
  vi.resetModules()
  electron = createElectronMock()
  vi.doMock('electron', () => electron)
})

describe('window options', () => {
  it('locks every webPreferences flag', async () => {
    const { mainWindowOptions } = await import('../../../src/main/security/window-options.ts')
    const prefs = mainWindowOptions().webPreferences
    expect(prefs).toEqual({
      preload: expect.stringMatching(/[/\\]preload[/\\]index\.cjs$/),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    })
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
  })

  it('resolves the preload next to out/main, as electron-vite builds it', async () => {
    const { PRELOAD_PATH } = await import('../../../src/main/security/window-options.ts')
    // Bundled into out/main/index.js, import.meta.dirname is out/main -> out/preload/index.cjs.
    expect(PRELOAD_PATH).toBe(join(repoRoot, 'src/main/preload/index.cjs'))
  })

  it('starts hidden with a background colour, a title and a sensible minimum size', async () => {
    const { mainWindowOptions } = await import('../../../src/main/security/window-options.ts')
    const options = mainWindowOptions()
    expect(options.show).toBe(false)
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i)
    expect(options.title).toBe('Support Console')
    expect(options.minWidth).toBeGreaterThanOrEqual(800)
    expect(options.minHeight).toBeGreaterThanOrEqual(500)
    expect(options.width).toBeGreaterThanOrEqual(options.minWidth ?? 0)
  })

  it('returns a fresh object each time, so no caller can loosen the shared defaults', async () => {
    const { mainWindowOptions } = await import('../../../src/main/security/window-options.ts')
    const first = mainWindowOptions()
    if (first.webPreferences) first.webPreferences.sandbox = false
    expect(mainWindowOptions().webPreferences?.sandbox).toBe(true)
  })

  it('the window factory uses those options, tracks the window and shows it on ready-to-show', async () => {
    const { createMainWindow } = await import('../../../src/main/window.ts')
    const { createWindowRegistry } = await import('../../../src/main/window-registry.ts')
    const registry = createWindowRegistry()
    createMainWindow(registry, 'app://console/index.html')
    const window = electron.BrowserWindow.instances[0]
    expect(window?.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true } })
    expect(window?.loadURL).toHaveBeenCalledWith('app://console/index.html')
    expect(window?.show).not.toHaveBeenCalled()
    window?.emit('ready-to-show')
    expect(window?.show).toHaveBeenCalledTimes(1)
    expect(registry.ownsWebContents(window?.webContents as never)).toBe(true)
    window?.close()
    expect(registry.ownsWebContents(window?.webContents as never)).toBe(false)
  })
})

describe('content security policy', () => {
  it('is strict: nothing unsafe, nothing remote, no plugins, no framing', async () => {
    const { CONTENT_SECURITY_POLICY } = await import('../../../src/main/security/csp.ts')
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
    )
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|https?:|\*|blob:/)
  })

  it('equals the meta tag in src/renderer/index.html', async () => {
    const { CONTENT_SECURITY_POLICY } = await import('../../../src/main/security/csp.ts')
    const html = readFileSync(join(repoRoot, 'src/renderer/index.html'), 'utf8')
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY)
  })
})
