/**
 * Electron's security checklist on the app as it boots (src/main/index.ts with the electron mock): what every
 * window the app opens actually gets, the session it uses, the guards on its webContents and the IPC behind it.
 * The unit tests of each piece (window-options, guards, registrar, app-protocol) test the pieces; these test that
 * the app wires them, for every window and every channel. Each test is named after its checklist item.
 */
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '../../../../src/shared/api-shape.ts'
import { mockEvent } from '../../../support/electron-mock.ts'
import type { MockFrame } from '../../../support/electron-mock.ts'
import { bootMain, electronPermissions } from './boot.ts'
import type { Booted } from './boot.ts'

const repoRoot = join(import.meta.dirname, '../../../..')
let app: Booted

beforeEach(async () => {
  vi.resetModules()
  app = await bootMain()
})
afterEach(() => vi.restoreAllMocks())

const windows = () => app.electron.BrowserWindow.instances
const prefsOf = (window: (typeof app)['window']) => (window.options.webPreferences ?? {}) as Record<string, unknown>

describe("Electron's security checklist, on the booted app", () => {
  it('1. Only load secure content: the window loads app://console (a registered secure scheme), never http, https or file', () => {
    for (const window of windows()) {
      expect(window.loadURL.mock.calls).toEqual([['app://console/index.html']])
    }
    const [schemes] = app.electron.protocol.registerSchemesAsPrivileged.mock.calls[0] ?? []
    expect(schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }])
  })

  it('2. Do not enable Node.js integration for remote content: off in every window, its workers and its sub-frames', () => {
    expect(windows().length).toBeGreaterThan(0)
    for (const window of windows()) {
      expect(prefsOf(window)).toMatchObject({ nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false })
    }
  })

  it('3. Enable context isolation: on, explicitly, in every window', () => {
    for (const window of windows()) expect(prefsOf(window).contextIsolation).toBe(true)
  })

  it('4. Enable process sandboxing: app.enableSandbox() before ready, and sandbox on in every window', () => {
    const enabled = app.electron.app.enableSandbox.mock.invocationCallOrder[0]
    const ready = app.electron.app.whenReady.mock.invocationCallOrder[0]
    expect(enabled).toBeDefined()
    expect(enabled!).toBeLessThan(ready!)
    for (const window of windows()) expect(prefsOf(window).sandbox).toBe(true)
  })

  it('5. Handle session permission requests: every Electron permission is denied on the session the window uses, but clipboard-sanitized-write from the console', async () => {
    const session = app.window.webContents.session
    expect(session).toBe(app.electron.session.defaultSession)
    expect(prefsOf(app.window)).not.toHaveProperty('partition')
    expect(prefsOf(app.window)).not.toHaveProperty('session')
    // Installed before the window loaded anything.
    expect(session.setPermissionRequestHandler.mock.invocationCallOrder[0]!).toBeLessThan(app.window.loadURL.mock.invocationCallOrder[0]!)
    expect(session.setPermissionCheckHandler.mock.invocationCallOrder[0]!).toBeLessThan(app.window.loadURL.mock.invocationCallOrder[0]!)
    const permissions = await electronPermissions()
    expect(permissions.length).toBeGreaterThan(30)
    const requesters = [
      ['app://console/index.html', 'app://console'],
      ['https://evil.example/page', 'https://evil.example'],
      ['http://127.0.0.1:4000/user/oauth/authorize', 'http://127.0.0.1:4000'],
    ] as const
    const granted: string[] = []
    for (const permission of permissions) {
      for (const [url, origin] of requesters) {
        const callback = vi.fn()
        session.permissionRequestHandler?.(app.window.webContents, permission, callback, { requestingUrl: url })
        expect(callback).toHaveBeenCalledTimes(1)
        if (callback.mock.calls[0]?.[0] !== false) granted.push(`request ${permission} ${url}`)
        if (session.permissionCheckHandler?.(app.window.webContents, permission, origin, {}) !== false) granted.push(`check ${permission} ${origin}`)
      }
    }
    expect(granted).toEqual(['request clipboard-sanitized-write app://console/index.html', 'check clipboard-sanitized-write app://console'])
  })

  it('6. Do not disable webSecurity: webSecurity is true in every window', () => {
    for (const window of windows()) expect(prefsOf(window).webSecurity).toBe(true)
  })

  it('8. Do not enable allowRunningInsecureContent: false in every window', () => {
    for (const window of windows()) expect(prefsOf(window).allowRunningInsecureContent).toBe(false)
  })

  it('9. Do not enable experimental features: experimentalFeatures is false in every window', () => {
    for (const window of windows()) expect(prefsOf(window).experimentalFeatures).toBe(false)
  })

  it('10. Do not use enableBlinkFeatures: unset in every window', () => {
    for (const window of windows()) {
      expect(prefsOf(window)).not.toHaveProperty('enableBlinkFeatures')
      expect(prefsOf(window)).not.toHaveProperty('additionalArguments')
    }
  })

  it('11-12. <webview>: webviewTag off in every window, and every webview the page still tries to attach is prevented', () => {
    for (const window of windows()) expect(prefsOf(window).webviewTag).toBe(false)
    app.contentsCreated()
    const event = mockEvent()
    const webPreferences = { nodeIntegration: false, preload: '/tmp/evil.js' }
    app.window.webContents.emit('will-attach-webview', event, webPreferences, { src: 'app://console/', allowpopups: 'true' })
    expect(event.defaultPrevented()).toBe(true)
  })

  it('no preload other than ours: the only preload is out/preload/index.cjs, next to out/main', () => {
    for (const window of windows()) {
      expect(prefsOf(window).preload).toBe(join(repoRoot, 'src/main/preload/index.cjs'))
    }
  })

  it('13. Disable or limit navigation: the window cannot leave app://console, by navigation, frame navigation or redirect', () => {
    app.contentsCreated()
    for (const kind of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const [url, prevented] of [
        ['app://console/index.html#/customers', false],
        ['https://evil.example/', true],
        ['file:///etc/passwd', true],
        ['http://127.0.0.1:4000/user/oauth/authorize', true],
      ] as const) {
        const event = mockEvent({ url })
        app.window.webContents.emit(kind, event, url)
        expect(event.defaultPrevented(), `${kind} ${url}`).toBe(prevented)
      }
    }
  })

  it('14. Disable or limit creation of new windows: window.open is denied, and an allowed https link goes to the system browser instead', async () => {
    app.contentsCreated()
    const handler = app.window.webContents.windowOpenHandler
    expect(handler).not.toBeNull()
    for (const url of ['https://developer.swedbankpay.com/', 'https://evil.example/', 'app://console/index.html', 'about:blank', 'javascript:alert(1)']) {
      expect(handler?.({ url })).toEqual({ action: 'deny' })
    }
    await vi.waitFor(() => expect(app.electron.shell.openExternal).toHaveBeenCalledTimes(1))
    expect(app.electron.shell.openExternal.mock.calls).toEqual([['https://developer.swedbankpay.com/']])
    expect(windows()).toHaveLength(1)
  })

  describe('17. Validate the sender of all IPC messages: every channel refuses a foreign sender before dispatch', () => {
    const foreign: [string, () => unknown][] = [
      ['no senderFrame', () => ({ sender: app.window.webContents, senderFrame: null })],
      ['a sub-frame', () => ({ sender: app.window.webContents, senderFrame: { url: 'app://console/index.html', parent: app.window.webContents.mainFrame } satisfies MockFrame })],
      ['another origin', () => ({ sender: app.window.webContents, senderFrame: { url: 'https://evil.example/', parent: null } })],
      ['a file: page', () => ({ sender: app.window.webContents, senderFrame: { url: 'file:///tmp/index.html', parent: null } })],
      ['a webContents the app did not create', () => {
        const other = new app.electron.BrowserWindow({}).webContents
        return { sender: other, senderFrame: other.mainFrame }
      }],
    ]
    it.each(foreign)('%s', async (_label, event) => {
      expect([...app.electron.ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort())
      for (const channel of CHANNELS) {
        const handler = app.electron.ipcMain.handlers.get(channel)!
        expect(await handler(event(), {}), channel).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      }
      expect(app.dispatched).not.toHaveBeenCalled()
      // The same handler answers the console's own frame.
      const own = { sender: app.window.webContents, senderFrame: app.window.webContents.mainFrame }
      expect(await app.electron.ipcMain.handlers.get('app:info')!(own, {})).toMatchObject({ ok: true })
      expect(app.dispatched).toHaveBeenCalledTimes(1)
    })
  })

  it('18. Prefer a custom protocol to file://: app:// is privileged before ready (no CSP bypass, no service workers) and served by protocol.handle', () => {
    const [schemes] = app.electron.protocol.registerSchemesAsPrivileged.mock.calls[0] ?? []
    const privileges = (schemes as { privileges: Record<string, unknown> }[])[0]!.privileges
    for (const risky of ['bypassCSP', 'allowServiceWorkers', 'corsEnabled', 'stream', 'codeCache']) expect(privileges).not.toHaveProperty(risky)
    expect(app.electron.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]!).toBeLessThan(
      app.electron.app.whenReady.mock.invocationCallOrder[0]!,
    )
    expect(app.electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function))
  })
})
