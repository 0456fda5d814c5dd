/**
 * Boots the REAL main process (src/main/index.ts → lifecycle.ts) against the electron mock, the way
 * tests/unit/main/lifecycle.test.ts does, with two extras for the hardening suite: the dispatcher is wrapped
 * in a spy (so a test can tell a refused IPC call never reached it), and `contentsCreated` replays what
 * Electron does for every new window: emit app 'web-contents-created' with its webContents.
 */
import { vi } from 'vitest'
import type * as DispatchModule from '../../../../src/core/dispatch.ts'
import type { Dispatch } from '../../../../src/core/dispatch.ts'
import { createElectronMock, mockEvent } from '../../../support/electron-mock.ts'
import type { ElectronMock, MockBrowserWindowInstance } from '../../../support/electron-mock.ts'

export interface Booted {
  electron: ElectronMock
  window: MockBrowserWindowInstance
  dispatched: ReturnType<typeof vi.fn<Dispatch>>
  /** Emits 'web-contents-created' for the window's webContents, as Electron does when it creates the window. */
  contentsCreated(): void
}

const sandboxHandle = () => ({
  connectApiUrl: 'http://127.0.0.1:1/capi',
  connectIdUrl: 'http://127.0.0.1:1/user',
  swedbankPayApiUrl: 'http://127.0.0.1:1',
  credentials: { clientId: 'sandbox-client', clientSecret: 'sandbox-secret-value', merchantToken: 'sandbox-merchant-token' },
  close: vi.fn(async () => undefined),
})

class MemoryStore {
  readonly #values = new Map<string, unknown>()
  get = (key: string) => this.#values.get(key)
  set = (key: string, value: unknown) => this.#values.set(key, value)
  delete = (key: string) => this.#values.delete(key)
}

/** Call from beforeEach (after vi.resetModules()); restore console with vi.restoreAllMocks() in afterEach. */
export async function bootMain(): Promise<Booted> {
  delete process.env.ELECTRON_RENDERER_URL
  const electron = createElectronMock()
  const dispatched = vi.fn<Dispatch>()
  vi.doMock('electron', () => electron)
  vi.doMock('electron-store', () => ({ default: MemoryStore }))
  vi.doMock('../../../../src/sandbox/index.ts', () => ({ startSandbox: async () => sandboxHandle() }))
  vi.doMock('../../../../src/core/dispatch.ts', async (importOriginal) => {
    const original = await importOriginal<typeof DispatchModule>()
    return {
      ...original,
      createDispatcher: (...args: Parameters<typeof original.createDispatcher>) => {
        const real = original.createDispatcher(...args)
        dispatched.mockImplementation(real)
        return dispatched
      },
    }
  })
  vi.spyOn(console, 'log').mockImplementation(() => undefined)
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
  await import('../../../../src/main/index.ts')
  electron.app.markReady()
  await vi.waitFor(() => {
    if (electron.BrowserWindow.instances.length !== 1) throw new Error('the window is not open yet')
  })
  const window = electron.BrowserWindow.instances[0]!
  return {
    electron,
    window,
    dispatched,
    contentsCreated: () => void electron.app.emit('web-contents-created', mockEvent(), window.webContents),
  }
}

/** Every permission name Electron 45 knows, read from its own type definitions (setPermissionRequestHandler's union). */
export async function electronPermissions(): Promise<string[]> {
  const { readFile } = await import('node:fs/promises')
  const { join } = await import('node:path')
  const types = await readFile(join(import.meta.dirname, '../../../../node_modules/electron/electron.d.ts'), 'utf8')
  const signature = /setPermissionRequestHandler\(handler: \(\(webContents: WebContents, permission: ([^,]+(?:\|[^,]+)*),/.exec(types)?.[1]
  if (signature === undefined) throw new Error('setPermissionRequestHandler not found in electron.d.ts')
  return [...signature.matchAll(/'([^']+)'/g)].map((match) => match[1]!)
}
