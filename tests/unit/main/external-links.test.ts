import { beforeEach, describe, expect, it, vi } from 'vitest'
import { sandboxConfig } from '../../../src/core/config.ts'
import { createElectronMock } from '../../support/electron-mock.ts'
import type { ElectronMock } from '../../support/electron-mock.ts'

let electron: ElectronMock
const ALLOWED = ['developer.swedbankpay.com', 'api.mediaconnect.no', 'connectid.no']
const logger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() })

beforeEach(() => {
  vi.resetModules()
  electron = createElectronMock()
  vi.doMock('electron', () => electron)
})

const load = () => import('../../../src/main/security/external-links.ts')

describe('openExternalSafely', () => {
  it.each([
    'https://developer.swedbankpay.com/checkout-v3/',
    'https://connectid.no/user/login?x=1',
    'https://API.MediaConnect.no/capi',
    'https://developer.swedbankpay.com:443/port-443-is-the-default',
  ])('opens %s', async (url) => {
    const { openExternalSafely } = await load()
    expect(await openExternalSafely(url, ALLOWED, logger())).toBe(true)
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(1)
    expect(electron.shell.openExternal.mock.calls[0]?.[0]).toMatch(/^https:\/\//)
  })

  it.each([
    ['http', 'http://developer.swedbankpay.com/'],
    ['file', 'file:///etc/passwd'],
    ['javascript', 'javascript:alert(1)'],
    ['smb', 'smb://developer.swedbankpay.com/share'],
    ['ms- scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['custom scheme', 'supportconsole://open'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['credentials', 'https://user:pass@developer.swedbankpay.com/'],
    ['user only', 'https://developer.swedbankpay.com@evil.example/'],
    ['non-allowlisted host', 'https://evil.example/'],
    ['subdomain of an allowed host', 'https://evil.connectid.no/'],
    ['allowed host as a prefix', 'https://connectid.no.evil.example/'],
    ['trailing dot', 'https://connectid.no./'],
    ['non-standard port', 'https://connectid.no:8443/'],
    ['punycode look-alike', 'https://xn--connectd-5cg.no/'],
    ['unicode look-alike', 'https://соnnectid.no/'],
    ['not a URL', 'developer.swedbankpay.com'],
    ['empty', ''],
    ['not a string', 42],
  ])('refuses %s', async (_label, url) => {
    const { openExternalSafely } = await load()
    const log = logger()
    expect(await openExternalSafely(url, ALLOWED, log)).toBe(false)
    expect(electron.shell.openExternal).not.toHaveBeenCalled()
    expect(log.warn).toHaveBeenCalledTimes(1)
  })

  it('opens an IDN host only when that exact host is allowlisted', async () => {
    const { openExternalSafely } = await load()
    expect(await openExternalSafely('https://blåbær.no/', ['blåbær.no'], logger())).toBe(true)
    expect(await openExternalSafely('https://blåbær.no/', ['blabaer.no'], logger())).toBe(false)
    expect(electron.shell.openExternal).toHaveBeenCalledTimes(1)
  })

  it('logs a redacted line: no path, query or credentials', async () => {
    const { openExternalSafely } = await load()
    const log = logger()
    await openExternalSafely('https://agent:hunter2@evil.example/reset?token=abc123', ALLOWED, log)
    const line = String(log.warn.mock.calls[0]?.[0])
    expect(line).toContain('evil.example')
    expect(line).not.toMatch(/hunter2|agent|token|abc123|reset/)
  })

  it('reports false when the OS fails to open the link', async () => {
    const { openExternalSafely } = await load()
    electron.shell.openExternal.mockRejectedValueOnce(new Error('no handler'))
    expect(await openExternalSafely('https://connectid.no/', ALLOWED, logger())).toBe(false)
  })
})

describe('allowedHostsFor', () => {
  it('takes the https login and API hosts of the profile plus the docs hosts', async () => {
    const { allowedHostsFor, DOCS_HOSTS } = await load()
    const hosts = allowedHostsFor({
      ...sandboxConfig(
        {
          connectApiUrl: 'https://api.mediaconnect.no/capi',
          connectIdUrl: 'https://connectid.no/user',
          swedbankPayApiUrl: 'https://api.payex.com',
          credentials: { clientId: 'c', clientSecret: 's', merchantToken: 't' },
        },
        '1',
      ),
      profile: { kind: 'production', label: 'Prod' },
    })
    expect(hosts.sort()).toEqual([...DOCS_HOSTS, 'api.mediaconnect.no', 'connectid.no', 'api.payex.com'].sort())
  })

  it('adds nothing for the sandbox (plain http on loopback)', async () => {
    const { allowedHostsFor, DOCS_HOSTS } = await load()
    const hosts = allowedHostsFor({
      ...sandboxConfig(
        {
          connectApiUrl: 'http://127.0.0.1:4000/capi',
          connectIdUrl: 'http://127.0.0.1:4000/user',
          swedbankPayApiUrl: 'http://127.0.0.1:4000',
          credentials: { clientId: 'c', clientSecret: 's', merchantToken: 't' },
        },
        '1',
      ),
      swedbankPay: null,
    })
    expect(hosts).toEqual([...DOCS_HOSTS])
  })
})
