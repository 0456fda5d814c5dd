import { beforeEach, describe, expect, it, vi } from 'vitest'
import { MockSession, MockWebContents, createElectronMock, mockEvent } from '../../support/electron-mock.ts'
import type { ElectronMock } from '../../support/electron-mock.ts'

let electron: ElectronMock
const TRUSTED = ['app://console']

beforeEach(() => {
  vi.resetModules()
  electron = createElectronMock()
  vi.doMock('electron', () => electron)
})

async function guardedContents(openExternal = vi.fn(async (_url: string) => true)) {
  const { installContentsGuards } = await import('../../../src/main/security/guards.ts')
  const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
  installContentsGuards(electron.app as never, { trustedOrigins: TRUSTED, openExternal, logger })
  const contents = new MockWebContents(new MockSession())
  electron.app.emit('web-contents-created', mockEvent(), contents)
  return { contents, openExternal }
}

function navigate(contents: MockWebContents, event: string, url: string): boolean {
  const e = mockEvent({ url })
  contents.emit(event, e, url)
  return e.defaultPrevented()
}

describe('navigation guards', () => {
  it('guard every webContents the app creates', async () => {
    const { contents } = await guardedContents()
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) {
      expect(contents.listenerCount(event), event).toBe(1)
    }
    expect(contents.setWindowOpenHandler).toHaveBeenCalledTimes(1)
  })

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s allows the app origin', async (event) => {
    const { contents } = await guardedContents()
    expect(navigate(contents, event, 'app://console/index.html#/customers')).toBe(false)
    expect(navigate(contents, event, 'app://CONSOLE/other.html')).toBe(false)
  })

  it.each([
    'https://example.org/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'app://console.evil/index.html',
    'app://evil/console',
    'app://console:8080/index.html',
    'app://user@console/index.html',
    'http://console/',
    'data:text/html,hi',
    'about:blank',
    'not a url',
  ])('prevents navigating to %s (every navigation event)', async (url) => {
    const { contents } = await guardedContents()
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(navigate(contents, event, url), `${event} ${url}`).toBe(true)
    }
  })

  it('prevents every <webview> from attaching', async () => {
    const { contents } = await guardedContents()
    const e = mockEvent()
    contents.emit('will-attach-webview', e, { nodeIntegration: false }, { src: 'app://console/' })
    expect(e.defaultPrevented()).toBe(true)
  })
})

describe('window-open handler', () => {
  it('always denies and passes only https URLs to the external-link policy', async () => {
    const { contents, openExternal } = await guardedContents()
    const handler = contents.windowOpenHandler
    if (!handler) throw new Error('no window-open handler installed')
    for (const url of ['https://developer.swedbankpay.com/', 'http://example.org/', 'file:///c:/x', 'javascript:1', 'app://console/x']) {
      expect(handler({ url })).toEqual({ action: 'deny' })
    }
    expect(openExternal.mock.calls).toEqual([['https://developer.swedbankpay.com/']])
  })

  it('with the real policy only allowlisted https hosts reach shell.openExternal', async () => {
    const { openExternalSafely } = await import('../../../src/main/security/external-links.ts')
    const quiet = { info: vi.fn(), warn: vi.fn(), error: vi.fn() }
    const { contents } = await guardedContents(vi.fn((url: string) => openExternalSafely(url, { httpsHosts: ['developer.swedbankpay.com'], loopbackPages: [] }, quiet)))
    const handler = contents.windowOpenHandler
    if (!handler) throw new Error('no window-open handler installed')
    handler({ url: 'https://developer.swedbankpay.com/docs' })
    handler({ url: 'https://evil.example/' })
    handler({ url: 'http://developer.swedbankpay.com/' })
    await vi.waitFor(() => expect(electron.shell.openExternal).toHaveBeenCalledTimes(1))
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(electron.shell.openExternal.mock.calls).toEqual([['https://developer.swedbankpay.com/docs']])
  })
})

describe('permissions', () => {
  const install = async () => {
    const { installPermissionPolicy } = await import('../../../src/main/security/guards.ts')
    const session = electron.session.defaultSession
    installPermissionPolicy(session as never, { trustedOrigins: ['app://console'] })
    const request = (permission: string, requestingUrl: string) => {
      const callback = vi.fn()
      session.permissionRequestHandler?.({}, permission, callback, { requestingUrl })
      expect(callback).toHaveBeenCalledTimes(1)
      return callback.mock.calls[0]?.[0] as boolean
    }
    const check = (permission: string, origin: string) => session.permissionCheckHandler?.({}, permission, origin, {})
    return { request, check }
  }

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'clipboard-write', 'unknown'])(
    'denies a request and a check for %s, even from the console',
    async (permission) => {
      const { request, check } = await install()
      expect(request(permission, 'app://console/index.html')).toBe(false)
      expect(check(permission, 'app://console')).toBe(false)
    },
  )

  it('allows clipboard-sanitized-write (copying a payment link) from the console only', async () => {
    const { request, check } = await install()
    expect(request('clipboard-sanitized-write', 'app://console/index.html')).toBe(true)
    expect(check('clipboard-sanitized-write', 'app://console')).toBe(true)
    for (const foreign of ['https://evil.example/', 'http://127.0.0.1:4000/user/oauth/authorize', 'app://other/', 'not a url']) {
      expect(request('clipboard-sanitized-write', foreign)).toBe(false)
      expect(check('clipboard-sanitized-write', foreign)).toBe(false)
    }
  })
})
