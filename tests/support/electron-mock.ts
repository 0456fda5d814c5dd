/**
 * A hand-written stand-in for the `electron` module (in the spirit of electron/fiddle's
 * tests/mocks): just enough surface for the main-process glue and the preload, recording what the
 * code under test does. The real module cannot be imported here (it tries to download a binary).
 *
 *   const electron = createElectronMock()
 *   vi.doMock('electron', () => electron)
 *   const { registerContract } = await import('../../../src/main/ipc/registrar.ts')
 */
import { vi } from 'vitest'

type Listener = (...args: never[]) => unknown

/** Records listeners by event name and lets a test emit events. */
export class MockEmitter {
  readonly listeners = new Map<string, Listener[]>()

  on = vi.fn((event: string, listener: Listener) => {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  })

  once = vi.fn((event: string, listener: Listener) => {
    const wrapper = ((...args: never[]) => {
      this.removeListener(event, wrapper)
      return listener(...args)
    }) as Listener
    return this.on(event, wrapper)
  })

  removeListener(event: string, listener: Listener): this {
    this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== listener))
    return this
  }

  emit(event: string, ...args: unknown[]): unknown[] {
    return [...(this.listeners.get(event) ?? [])].map((listener) => (listener as (...a: unknown[]) => unknown)(...args))
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0
  }
}

export interface MockFrame {
  url: string
  parent: MockFrame | null
}

export type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void
export type PermissionCheckHandler = (contents: unknown, permission: string, origin: string, details: unknown) => boolean
export type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' }

export class MockSession {
  permissionRequestHandler: PermissionRequestHandler | null = null
  permissionCheckHandler: PermissionCheckHandler | null = null
  setPermissionRequestHandler = vi.fn((handler: PermissionRequestHandler | null) => {
    this.permissionRequestHandler = handler
  })
  setPermissionCheckHandler = vi.fn((handler: PermissionCheckHandler | null) => {
    this.permissionCheckHandler = handler
  })
  webRequest = { onHeadersReceived: vi.fn(), onBeforeRequest: vi.fn() }
}

let nextWebContentsId = 1

export class MockWebContents extends MockEmitter {
  readonly id = nextWebContentsId++
  windowOpenHandler: WindowOpenHandler | null = null
  readonly mainFrame: MockFrame
  readonly session: MockSession
  constructor(session: MockSession, url = 'app://console/index.html') {
    super()
    this.session = session
    this.mainFrame = { url, parent: null }
  }
  setWindowOpenHandler = vi.fn((handler: WindowOpenHandler) => {
    this.windowOpenHandler = handler
  })
  loadURL = vi.fn(async (_url: string) => undefined)
  isDestroyed = vi.fn(() => false)
}

/** An event object as Electron passes it to will-navigate & co. */
export function mockEvent(fields: Record<string, unknown> = {}): { preventDefault: ReturnType<typeof vi.fn>; defaultPrevented: () => boolean } & Record<string, unknown> {
  let prevented = false
  return {
    ...fields,
    preventDefault: vi.fn(() => {
      prevented = true
    }),
    defaultPrevented: () => prevented,
  }
}

export function createElectronMock() {
  const defaultSession = new MockSession()
  let focusedWindow: MockBrowserWindow | null = null

  class MockBrowserWindow extends MockEmitter {
    static readonly instances: MockBrowserWindow[] = []
    static getFocusedWindow = vi.fn(() => focusedWindow)
    static getAllWindows = vi.fn(() => MockBrowserWindow.instances.filter((w) => !w.destroyed))
    static focus(window: MockBrowserWindow): void {
      focusedWindow = window
    }
    static fromWebContents = vi.fn(
      (contents: unknown) => MockBrowserWindow.instances.find((w) => w.webContents === contents) ?? null,
    )
    readonly webContents = new MockWebContents(defaultSession)
    destroyed = false
    minimized = false
    readonly options: Record<string, unknown>
    constructor(options: Record<string, unknown>) {
      super()
      this.options = options
      MockBrowserWindow.instances.push(this)
    }
    loadURL = vi.fn(async (_url: string) => undefined)
    show = vi.fn()
    focus = vi.fn(() => {
      MockBrowserWindow.focus(this)
    })
    restore = vi.fn(() => {
      this.minimized = false
    })
    isMinimized = vi.fn(() => this.minimized)
    isDestroyed = vi.fn(() => this.destroyed)
    close = vi.fn(() => {
      this.destroyed = true
      this.emit('closed')
    })
  }

  let markReady: () => void = () => undefined
  const ready = new Promise<void>((resolve) => {
    markReady = resolve
  })

  const appEmitter = new MockEmitter()
  const app = Object.assign(appEmitter, {
    isPackaged: false,
    /** Test helper: resolves whenReady(). */
    markReady: () => markReady(),
    whenReady: vi.fn(() => ready),
    isReady: vi.fn(() => false),
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    getVersion: vi.fn(() => '0.1.0-test'),
    getName: vi.fn(() => 'Support Console'),
    getPath: vi.fn((name: string) => `/tmp/support-console-test/${name}`),
    quit: vi.fn(),
    exit: vi.fn(),
  })

  const invokeHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>()
  const ipcMain = {
    handlers: invokeHandlers,
    handle: vi.fn((channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
      if (invokeHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
      invokeHandlers.set(channel, handler)
    }),
    removeHandler: vi.fn((channel: string) => {
      invokeHandlers.delete(channel)
    }),
    on: vi.fn(),
  }

  const protocolHandlers = new Map<string, (request: Request) => Promise<Response> | Response>()
  const protocol = {
    handlers: protocolHandlers,
    registerSchemesAsPrivileged: vi.fn(),
    handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response> | Response) => {
      protocolHandlers.set(scheme, handler)
    }),
  }

  const safeStorage = {
    isEncryptionAvailable: vi.fn(() => true),
    isAsyncEncryptionAvailable: vi.fn(async () => true),
    getSelectedStorageBackend: vi.fn((): string => 'gnome_libsecret'),
    encryptString: vi.fn((plain: string) => Buffer.from(`enc:${plain}`)),
    decryptString: vi.fn((cipher: Buffer) => cipher.toString().replace(/^enc:/, '')),
    encryptStringAsync: vi.fn(async (plain: string) => Buffer.from(`enc:${plain}`)),
    decryptStringAsync: vi.fn(async (cipher: Buffer) => ({
      result: cipher.toString().replace(/^enc:/, ''),
      shouldReEncrypt: false,
    })),
    setUsePlainTextEncryption: vi.fn(),
  }

  const module = {
    app,
    BrowserWindow: MockBrowserWindow,
    ipcMain,
    protocol,
    safeStorage,
    session: { defaultSession },
    shell: { openExternal: vi.fn(async (_url: string) => undefined) },
    dialog: {
      showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
      showErrorBox: vi.fn(),
      showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
    },
    net: { fetch: vi.fn(async (_input: unknown, _init?: unknown) => new Response('')) },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(async (_channel: string, ..._args: unknown[]) => ({ ok: true, data: null })) },
  }
  return { ...module, default: module }
}

export type ElectronMock = ReturnType<typeof createElectronMock>
export type MockBrowserWindowInstance = InstanceType<ElectronMock['BrowserWindow']>
