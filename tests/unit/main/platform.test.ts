import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createElectronMock } from '../../support/electron-mock.ts'
import type { ElectronMock } from '../../support/electron-mock.ts'

let electron: ElectronMock

class FakeStore {
  static instances: FakeStore[] = []
  readonly data = new Map<string, unknown>()
  readonly options: Record<string, unknown>
  constructor(options: Record<string, unknown>) {
    this.options = options
    FakeStore.instances.push(this)
  }
  get(key: string) {
    return this.data.get(key)
  }
  set(key: string, value: unknown) {
    if (value === undefined) throw new TypeError('Use `delete()` to clear values')
    this.data.set(key, value)
  }
  delete(key: string) {
    this.data.delete(key)
  }
}

beforeEach(() => {
  vi.resetModules()
  electron = createElectronMock()
  FakeStore.instances = []
  vi.doMock('electron', () => electron)
  vi.doMock('electron-store', () => ({ default: FakeStore }))
})

const loadCipher = () => import('../../../src/main/platform/safe-storage.ts')

function expectNothingEncrypted() {
  expect(electron.safeStorage.encryptStringAsync).not.toHaveBeenCalled()
  expect(electron.safeStorage.encryptString).not.toHaveBeenCalled()
}

describe('safe-storage cipher', () => {
  it('round-trips through the async API when the keyring is real', async () => {
    const { createSafeStorageCipher } = await loadCipher()
    const cipher = createSafeStorageCipher({ platform: 'linux' })
    expect(await cipher.availability()).toEqual({ available: true })
    const encrypted = await cipher.encrypt('refresh-token-value')
    expect(encrypted).toBeInstanceOf(Uint8Array)
    expect(await cipher.decrypt(encrypted)).toBe('refresh-token-value')
    expect(electron.safeStorage.encryptStringAsync).toHaveBeenCalledTimes(1)
    expect(electron.safeStorage.encryptString).not.toHaveBeenCalled()
    expect(electron.safeStorage.decryptString).not.toHaveBeenCalled()
  })

  it('falls back to the sync API on an Electron without the async one', async () => {
    const storage = electron.safeStorage as Partial<typeof electron.safeStorage>
    delete storage.isAsyncEncryptionAvailable
    delete storage.encryptStringAsync
    delete storage.decryptStringAsync
    const { createSafeStorageCipher } = await loadCipher()
    const cipher = createSafeStorageCipher({ platform: 'darwin' })
    expect(await cipher.decrypt(await cipher.encrypt('x'))).toBe('x')
    expect(electron.safeStorage.encryptString).toHaveBeenCalledTimes(1)
  })

  it.each([
    ['basic_text', /No system keyring/],
    ['unknown', /could not tell which keyring/],
  ])('fails closed on Linux with the %s backend', async (backend, reason) => {
    electron.safeStorage.getSelectedStorageBackend.mockReturnValue(backend)
    const { createSafeStorageCipher } = await loadCipher()
    const cipher = createSafeStorageCipher({ platform: 'linux' })
    const state = await cipher.availability()
    expect(state).toEqual({ available: false, reason: expect.stringMatching(reason) })
    await expect(cipher.encrypt('secret')).rejects.toMatchObject({ code: 'ENCRYPTION_UNAVAILABLE' })
    await expect(cipher.decrypt(new Uint8Array([1, 2]))).rejects.toMatchObject({ code: 'ENCRYPTION_UNAVAILABLE' })
    expectNothingEncrypted()
  })

  it('ignores the Linux backend on other platforms', async () => {
    electron.safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text')
    const { createSafeStorageCipher } = await loadCipher()
    expect(await createSafeStorageCipher({ platform: 'win32' }).availability()).toEqual({ available: true })
  })

  it('fails closed when encryption is unavailable (async check)', async () => {
    electron.safeStorage.isAsyncEncryptionAvailable.mockResolvedValue(false)
    const { createSafeStorageCipher } = await loadCipher()
    const cipher = createSafeStorageCipher({ platform: 'darwin' })
    expect(await cipher.availability()).toEqual({ available: false, reason: expect.stringMatching(/secure storage/) })
    await expect(cipher.encrypt('secret')).rejects.toMatchObject({ code: 'ENCRYPTION_UNAVAILABLE' })
    expectNothingEncrypted()
  })

  it('fails closed when isEncryptionAvailable() is false on a sync-only Electron', async () => {
    delete (electron.safeStorage as Partial<typeof electron.safeStorage>).isAsyncEncryptionAvailable
    electron.safeStorage.isEncryptionAvailable.mockReturnValue(false)
    const { createSafeStorageCipher } = await loadCipher()
    const cipher = createSafeStorageCipher({ platform: 'win32' })
    expect((await cipher.availability()).available).toBe(false)
    await expect(cipher.encrypt('secret')).rejects.toMatchObject({ code: 'ENCRYPTION_UNAVAILABLE' })
    expectNothingEncrypted()
  })
})

describe('settings store', () => {
  it('uses electron-store with literal keys and the read cache', async () => {
    const { createSettingsStore } = await import('../../../src/main/platform/settings-store.ts')
    const settings = createSettingsStore()
    expect(FakeStore.instances[0]?.options).toMatchObject({ name: 'settings', cache: true, accessPropertiesByDotNotation: false })
    settings.set('ui.theme', 'dark')
    expect(settings.get('ui.theme')).toBe('dark')
    settings.set('ui.theme', undefined)
    expect(settings.get('ui.theme')).toBeUndefined()
    settings.set('a', 1)
    settings.delete('a')
    expect(settings.get('a')).toBeUndefined()
  })
})

describe('save dialog', () => {
  it('attaches to the focused window and keeps only the file name of the suggestion', async () => {
    const window = new electron.BrowserWindow({})
    window.focus()
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/agent/Downloads/tokens.csv' })
    const { createSaveDialog } = await import('../../../src/main/platform/dialog.ts')
    const path = await createSaveDialog().chooseSavePath({
      defaultName: '../../etc/tokens.csv',
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    })
    expect(path).toBe('/home/agent/Downloads/tokens.csv')
    const [parent, options] = electron.dialog.showSaveDialog.mock.calls[0] ?? []
    expect(parent).toBe(window)
    expect(options).toMatchObject({ defaultPath: '/tmp/support-console-test/downloads/tokens.csv' })
  })

  it('resolves null when the agent cancels', async () => {
    const { createSaveDialog } = await import('../../../src/main/platform/dialog.ts')
    expect(await createSaveDialog().chooseSavePath({ defaultName: 'x.csv', filters: [] })).toBeNull()
  })
})

describe('external opener', () => {
  it('opens allowlisted https links and throws FORBIDDEN for the rest', async () => {
    const { createExternalOpener } = await import('../../../src/main/platform/shell.ts')
    const opener = createExternalOpener(() => ({ httpsHosts: ['developer.swedbankpay.com'], loopbackPages: [] }))
    await opener.open('https://developer.swedbankpay.com/')
    await expect(opener.open('https://evil.example/')).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(opener.open('file:///etc/passwd')).rejects.toMatchObject({ code: 'FORBIDDEN' })
    expect(electron.shell.openExternal.mock.calls).toEqual([['https://developer.swedbankpay.com/']])
  })
})
