import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CHANNELS } from '../../../src/shared/api-shape.ts'
import type { Result } from '../../../src/shared/errors.ts'
import { createElectronMock, mockEvent } from '../../support/electron-mock.ts'
import type { ElectronMock, MockBrowserWindowInstance } from '../../support/electron-mock.ts'

let electron: ElectronMock
let settings: Map<string, unknown>
const sandboxHandle = () => ({
  connectApiUrl: 'http://127.0.0.1:1/capi',
  connectIdUrl: 'http://127.0.0.1:1/user',
  swedbankPayApiUrl: 'http://127.0.0.1:1',
  credentials: { clientId: 'sandbox-client', clientSecret: 'sandbox-secret-value', merchantToken: 'sandbox-merchant-token' },
  close: vi.fn(async () => undefined),
})
let sandbox: ReturnType<typeof sandboxHandle>
let startSandbox: ReturnType<typeof vi.fn<() => Promise<ReturnType<typeof sandboxHandle>>>>
const savedRendererUrl = process.env.ELECTRON_RENDERER_URL

class FakeStore {
  get = (key: string) => settings.get(key)
  set = (key: string, value: unknown) => settings.set(key, value)
  delete = (key: string) => settings.delete(key)
}

beforeEach(() => {
  vi.resetModules()
  delete process.env.ELECTRON_RENDERER_URL
  electron = createElectronMock()
  settings = new Map()
  sandbox = sandboxHandle()
  startSandbox = vi.fn(async () => sandbox)
  vi.doMock('electron', () => electron)
  vi.doMock('electron-store', () => ({ default: FakeStore }))
  vi.doMock('../../../src/sandbox/index.ts', () => ({ startSandbox }))
  vi.spyOn(console, 'log').mockImplementation(() => undefined)
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.restoreAllMocks()
  if (savedRendererUrl === undefined) delete process.env.ELECTRON_RENDERER_URL
  else process.env.ELECTRON_RENDERER_URL = savedRendererUrl
})

async function boot(): Promise<MockBrowserWindowInstance> {
  await import('../../../src/main/index.ts')
  electron.app.markReady()
  await vi.waitFor(() => expect(electron.BrowserWindow.instances).toHaveLength(1))
  const window = electron.BrowserWindow.instances[0]
  if (!window) throw new Error('no window')
  return window
}

function call(window: MockBrowserWindowInstance, channel: string, request: unknown, url = 'app://console/index.html') {
  const handler = electron.ipcMain.handlers.get(channel)
  if (!handler) throw new Error(`${channel} is not handled`)
  return handler({ sender: window.webContents, senderFrame: { url, parent: null } }, request) as Promise<Result<unknown>>
}

describe('before ready', () => {
  it('enables the sandbox, registers the app scheme, takes the lock and guards new webContents', async () => {
    await import('../../../src/main/index.ts')
    expect(electron.app.enableSandbox).toHaveBeenCalledTimes(1)
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1)
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1)
    expect(electron.app.listenerCount('web-contents-created')).toBe(1)
    expect(electron.BrowserWindow.instances).toHaveLength(0)
    expect(electron.ipcMain.handle).not.toHaveBeenCalled()
  })

  it('quits at once when another console holds the lock', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValue(false)
    await import('../../../src/main/index.ts')
    expect(electron.app.quit).toHaveBeenCalledTimes(1)
    expect(electron.app.whenReady).not.toHaveBeenCalled()
  })
})

describe('on ready', () => {
  it('denies permissions, serves app://, registers the contract and opens one locked window', async () => {
    const window = await boot()
    const { defaultSession } = electron.session
    expect(defaultSession.setPermissionRequestHandler).toHaveBeenCalledTimes(1)
    expect(defaultSession.setPermissionCheckHandler).toHaveBeenCalledTimes(1)
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function))
    expect([...electron.ipcMain.handlers.keys()]).toEqual([...CHANNELS])
    expect(window.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } })
    expect(window.loadURL).toHaveBeenCalledWith('app://console/index.html')
  })

  it('starts the sandbox when no profile is stored, and answers app:info through it', async () => {
    const window = await boot()
    const result = await call(window, 'app:info', {})
    expect(startSandbox).toHaveBeenCalledTimes(1)
    expect(result).toMatchObject({ ok: true, data: { version: '0.1.0-test', sandbox: true, profile: { kind: 'sandbox' } } })
    expect(JSON.stringify(result)).not.toMatch(/sandbox-secret-value|sandbox-merchant-token/)
  })

  it('holds IPC calls made while the services start, then answers them', async () => {
    let finishStart: () => void = () => undefined
    startSandbox.mockImplementation(() => new Promise((resolve) => (finishStart = () => resolve(sandbox))))
    const window = await boot()
    const pending = call(window, 'app:info', {})
    await vi.waitFor(() => expect(startSandbox).toHaveBeenCalled())
    finishStart()
    await expect(pending).resolves.toMatchObject({ ok: true })
  })

  it('refuses IPC from a frame that is not the app origin', async () => {
    const window = await boot()
    const result = await call(window, 'app:info', {}, 'https://evil.example/')
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('loads and trusts the loopback dev server in development', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173'
    const window = await boot()
    expect(window.loadURL).toHaveBeenCalledWith('http://localhost:5173')
    expect(await call(window, 'app:info', {}, 'http://localhost:5173/')).toMatchObject({ ok: true })
  })

  it('ignores ELECTRON_RENDERER_URL in a packaged app', async () => {
    process.env.ELECTRON_RENDERER_URL = 'http://localhost:5173'
    electron.app.isPackaged = true
    const window = await boot()
    expect(window.loadURL).toHaveBeenCalledWith('app://console/index.html')
    expect(await call(window, 'app:info', {}, 'http://localhost:5173/')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('shows the window only once it has painted', async () => {
    const window = await boot()
    expect(window.show).not.toHaveBeenCalled()
    window.emit('ready-to-show')
    expect(window.show).toHaveBeenCalledTimes(1)
  })
})

describe('while running', () => {
  it('brings the existing window forward on a second launch', async () => {
    const window = await boot()
    window.minimized = true
    electron.app.emit('second-instance', mockEvent(), ['console'], '/')
    expect(window.restore).toHaveBeenCalledTimes(1)
    expect(window.focus).toHaveBeenCalledTimes(1)
    expect(electron.BrowserWindow.instances).toHaveLength(1)
  })

  it('quits when the last window closes', async () => {
    const window = await boot()
    window.close()
    electron.app.emit('window-all-closed')
    expect(electron.app.quit).toHaveBeenCalledTimes(1)
  })

  it('disposes the services and closes the sandbox before quitting', async () => {
    const window = await boot()
    await call(window, 'app:info', {})
    const firstQuit = mockEvent()
    electron.app.emit('will-quit', firstQuit)
    expect(firstQuit.defaultPrevented()).toBe(true)
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledTimes(1))
    expect(sandbox.close).toHaveBeenCalledTimes(1)
    expect(electron.ipcMain.handlers.size).toBe(0)
    const secondQuit = mockEvent()
    electron.app.emit('will-quit', secondQuit)
    expect(secondQuit.defaultPrevented()).toBe(false)
  })
})

describe('startup failure', () => {
  it('shows a plain message (no stack) and quits when the sandbox cannot start', async () => {
    startSandbox.mockRejectedValue(new Error('listen EADDRINUSE 127.0.0.1:4000\n    at Server.listen'))
    await import('../../../src/main/index.ts')
    electron.app.markReady()
    await vi.waitFor(() => expect(electron.dialog.showErrorBox).toHaveBeenCalledTimes(1))
    const [title, message] = electron.dialog.showErrorBox.mock.calls[0] ?? []
    expect(title).toBe('Support Console could not start')
    expect(message).toMatch(/Restart it/)
    expect(message).not.toMatch(/EADDRINUSE|at Server/)
    expect(electron.app.quit).toHaveBeenCalledTimes(1)
  })

  it('falls back to the sandbox when the stored active profile cannot run (no settings or secrets)', async () => {
    settings.set('profiles', { active: 'production', settings: {} })
    const window = await boot()
    expect(await call(window, 'app:info', {})).toMatchObject({ ok: true, data: { profile: { kind: 'sandbox' } } })
    expect(startSandbox).toHaveBeenCalledTimes(1)
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled()
  })
})

const encrypted = (plain: string) => Buffer.from(`enc:${plain}`).toString('base64')
const productionSettings = {
  connect: { apiUrl: 'https://api.mediaconnect.no/capi', loginUrl: 'https://connectid.no/user', clientId: 'media-house-console' },
  swedbankPay: { apiUrl: 'https://api.payex.com' },
  payerReferenceTemplate: '{customerNumber}',
}

describe('profiles and sign-in through IPC', () => {
  it('runs a stored production profile from its settings and encrypted secrets, without the sandbox', async () => {
    settings.set('profiles', { active: 'production', settings: { production: productionSettings } })
    settings.set('secrets', {
      production: { connectClientSecret: encrypted('client-secret-value'), swedbankPayAccessToken: encrypted('merchant-token-value') },
    })
    const window = await boot()
    const info = await call(window, 'app:info', {})
    expect(info).toMatchObject({ ok: true, data: { profile: { kind: 'production' } } })
    expect(info.ok && (info.data as { sandbox: boolean }).sandbox).toBe(false)
    expect(startSandbox).not.toHaveBeenCalled()
    const profiles = await call(window, 'profiles:get', {})
    expect(profiles).toMatchObject({ ok: true, data: { active: 'production', encryption: { available: true } } })
    expect(JSON.stringify([info, profiles])).not.toMatch(/client-secret-value|merchant-token-value|enc:/)
  })

  it('signs in through the system browser (shell.openExternal), never in a window of its own', async () => {
    const window = await boot()
    const signIn = call(window, 'auth:signIn', {})
    await vi.waitFor(() => expect(electron.shell.openExternal).toHaveBeenCalledTimes(1))
    const opened = new URL(String(electron.shell.openExternal.mock.calls[0]?.[0]))
    expect(`${opened.origin}${opened.pathname}`).toBe('http://127.0.0.1:1/user/oauth/authorize')
    expect(opened.searchParams.get('code_challenge_method')).toBe('S256')
    expect(opened.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\/callback$/)
    expect(await call(window, 'auth:status', {})).toMatchObject({ ok: true, data: { pending: true, signedIn: false } })
    expect(await call(window, 'auth:cancelSignIn', {})).toMatchObject({ ok: true, data: { pending: false, signedIn: false } })
    expect(await signIn).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED', message: 'Sign-in was cancelled.' } })
    expect(electron.BrowserWindow.instances).toHaveLength(1)
  })

  it('refuses to save a secret without secure storage and writes nothing', async () => {
    electron.safeStorage.isAsyncEncryptionAvailable.mockResolvedValue(false)
    const window = await boot()
    const result = await call(window, 'profiles:setSecret', { id: 'test', name: 'connectClientSecret', value: 'typed-client-secret' })
    expect(result).toMatchObject({ ok: false, error: { code: 'ENCRYPTION_UNAVAILABLE' } })
    expect(settings.has('secrets')).toBe(false)
    expect(electron.safeStorage.encryptStringAsync).not.toHaveBeenCalled()
    expect(JSON.stringify([...settings.entries()])).not.toContain('typed-client-secret')
    expect(await call(window, 'profiles:get', {})).toMatchObject({ ok: true, data: { encryption: { available: false } } })
  })
})
