import { beforeEach, describe, expect, it, vi } from 'vitest'
import { sandboxConfig } from '../../../src/core/config.ts'
import type { ConsoleConfig } from '../../../src/core/config.ts'
import { DOCS_HOSTS, linkPolicyFor } from '../../../src/core/platform/link-policy.ts'
import type { LinkPolicy } from '../../../src/core/platform/link-policy.ts'
import { createElectronMock } from '../../support/electron-mock.ts'
import type { ElectronMock } from '../../support/electron-mock.ts'

let electron: ElectronMock
const ALLOWED: LinkPolicy = { httpsHosts: ['developer.swedbankpay.com', 'api.mediaconnect.no', 'connectid.no'], loopbackPages: [] }
const hostsOnly = (...httpsHosts: string[]): LinkPolicy => ({ httpsHosts, loopbackPages: [] })
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
    expect(await openExternalSafely('https://blåbær.no/', hostsOnly('blåbær.no'), logger())).toBe(true)
    expect(await openExternalSafely('https://blåbær.no/', hostsOnly('blabaer.no'), logger())).toBe(false)
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

const sandboxAt = (port: number): ConsoleConfig =>
  sandboxConfig(
    {
      connectApiUrl: `http://127.0.0.1:${port}/capi`,
      connectIdUrl: `http://127.0.0.1:${port}/user`,
      swedbankPayApiUrl: `http://127.0.0.1:${port}`,
      credentials: { clientId: 'c', clientSecret: 's', merchantToken: 't' },
    },
    '1',
  )
/** A sandboxConfig's endpoints, flagged as a real profile (the `sandbox` flag is what the loopback rule keys on). */
const notTheSandbox = (config: ConsoleConfig): ConsoleConfig => ({ ...config, sandbox: !config.sandbox })
const production: ConsoleConfig = notTheSandbox({
  ...sandboxConfig(
    {
      connectApiUrl: 'https://api.mediaconnect.no/capi',
      connectIdUrl: 'https://connectid.no/user',
      swedbankPayApiUrl: 'https://api.payex.com',
      credentials: { clientId: 'c', clientSecret: 's', merchantToken: 't' },
    },
    '1',
  ),
  profile: { kind: 'production', label: 'Production' },
})

describe('linkPolicyFor', () => {
  it('takes the https login and API hosts of the profile plus the docs hosts, and no loopback page', () => {
    const policy = linkPolicyFor(production)
    expect([...policy.httpsHosts].sort()).toEqual([...DOCS_HOSTS, 'api.mediaconnect.no', 'connectid.no', 'api.payex.com'].sort())
    expect(policy.loopbackPages).toEqual([])
  })

  it('gives the sandbox profile no https host but its login pages on loopback', () => {
    expect(linkPolicyFor(sandboxAt(4000))).toEqual({ httpsHosts: [...DOCS_HOSTS], loopbackPages: ['http://127.0.0.1:4000/user/'] })
  })

  it('gives loopback pages to nothing but a running sandbox profile', () => {
    // A profile that is not the sandbox never opens http, even if its URLs point at loopback.
    expect(linkPolicyFor(notTheSandbox(sandboxAt(4000))).loopbackPages).toEqual([])
    expect(linkPolicyFor(null)).toEqual({ httpsHosts: [...DOCS_HOSTS], loopbackPages: [] })
  })
})

describe('the sandbox rule: http on 127.0.0.1 for the sandbox profile\'s pages only', () => {
  const sandbox = linkPolicyFor(sandboxAt(4000))

  it.each([
    'http://127.0.0.1:4000/user/oauth/authorize?client_id=sandbox-console&state=x',
    'http://127.0.0.1:4000/user/payment/invoice/pay?transactionId=1',
  ])('opens %s while the sandbox profile is active', async (url) => {
    const { openExternalSafely } = await load()
    expect(await openExternalSafely(url, sandbox, logger())).toBe(true)
    expect(electron.shell.openExternal).toHaveBeenCalledWith(url)
  })

  it.each([
    ['another port', 'http://127.0.0.1:4001/user/oauth/authorize'],
    ['outside the login pages', 'http://127.0.0.1:4000/__sandbox/reset'],
    ['the API', 'http://127.0.0.1:4000/capi/v1/client/customer/search'],
    ['a dot-segment escape', 'http://127.0.0.1:4000/user/../__sandbox/reset'],
    ['an encoded dot-segment escape', 'http://127.0.0.1:4000/user/%2e%2e/__sandbox/reset'],
    ['the login base without a page', 'http://127.0.0.1:4000/user'],
    ['a path that only starts like it', 'http://127.0.0.1:4000/username'],
    ['localhost', 'http://localhost:4000/user/oauth/authorize'],
    ['another loopback address', 'http://127.0.0.2:4000/user/oauth/authorize'],
    ['IPv6 loopback', 'http://[::1]:4000/user/oauth/authorize'],
    ['credentials', 'http://a:b@127.0.0.1:4000/user/oauth/authorize'],
    ['https on the sandbox port', 'https://127.0.0.1:4000/user/oauth/authorize'],
    ['a LAN host', 'http://192.168.1.10:4000/user/oauth/authorize'],
  ])('refuses %s', async (_label, url) => {
    const { openExternalSafely } = await load()
    expect(await openExternalSafely(url, sandbox, logger())).toBe(false)
    expect(electron.shell.openExternal).not.toHaveBeenCalled()
  })

  it('refuses the sandbox pages once another profile is active', async () => {
    const { openExternalSafely } = await load()
    expect(await openExternalSafely('http://127.0.0.1:4000/user/oauth/authorize', linkPolicyFor(production), logger())).toBe(false)
    expect(electron.shell.openExternal).not.toHaveBeenCalled()
  })
})
