/**
 * The agent's sign-in end to end against the REAL sandbox over HTTP: the console opens the sandbox's
 * ConnectID authorize page in "the system browser" (recorded), the test acts as the agent there (fetch,
 * manual redirect to the loopback callback), and the runtime answers through the real dispatcher.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createAgentSignIn } from '../../../../src/core/auth/agent-sign-in.ts'
import type { AgentSignIn } from '../../../../src/core/auth/agent-sign-in.ts'
import { httpSettings } from '../../../../src/core/config.ts'
import { createLogger, memorySink } from '../../../../src/core/log.ts'
import { RecordingExternalOpener } from '../../../../src/core/platform/node-external-opener.ts'
import { NodeSecretCipher } from '../../../../src/core/platform/node-secret-cipher.ts'
import { NodeSettingsStore } from '../../../../src/core/platform/node-settings-store.ts'
import { createSecretVault } from '../../../../src/core/profiles/secret-vault.ts'
import { startSandbox } from '../../../../src/sandbox/index.ts'
import type { SandboxHandle } from '../../../../src/sandbox/index.ts'
import { approveInBrowser, issuedTokens, startRuntime, tempDir } from './support.ts'
import type { RuntimeOnSandbox } from './support.ts'

const SILJE = { userId: '7100001', name: 'Silje Haugen', email: 'silje.haugen@kundeservice.example.no' }

describe('auth:* through the runtime on the sandbox profile', () => {
  let t: RuntimeOnSandbox
  beforeEach(async () => {
    t = await startRuntime()
  })
  afterEach(() => t.close())

  it('signs the agent in through the sandbox authorize page and holds no token in any result', async () => {
    expect(await t.data('auth:status', {})).toEqual({ signedIn: false, agent: null, pending: false })
    const signIn = t.call('auth:signIn', {})
    const authorizeUrl = await t.openedUrl(/\/oauth\/authorize\?/)
    const sandbox = t.sandboxes[0]!
    const url = new URL(authorizeUrl)
    expect(`${url.origin}${url.pathname}`).toBe(`${sandbox.connectIdUrl}/oauth/authorize`)
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: sandbox.credentials.clientId,
      response_type: 'code',
      scope: 'read',
      code_challenge_method: 'S256',
    })
    expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\/callback$/)
    expect(await t.data('auth:status', {})).toEqual({ signedIn: false, agent: null, pending: true })

    const browser = await approveInBrowser(authorizeUrl, 'silje')
    expect(browser.status).toBe(200)
    expect(browser.page).toMatch(/close this tab/i)
    expect(await signIn).toEqual({ ok: true, data: { signedIn: true, agent: SILJE, pending: false } })
    expect(await t.data('auth:status', {})).toEqual({ signedIn: true, agent: SILJE, pending: false })

    // The code was redeemed exactly once, and by the verifier behind the challenge.
    const codes = [...sandbox.state.authorizationCodes.values()]
    expect(codes).toHaveLength(1)
    expect(codes[0]).toMatchObject({ used: true, codeChallenge: url.searchParams.get('code_challenge') })
    const secrets = issuedTokens(sandbox)
    const everything = JSON.stringify(t.results) + t.sink.text() + browser.page
    for (const secret of secrets) expect(everything).not.toContain(secret)
  })

  it('the same loopback callback a second time is refused (the listener is gone)', async () => {
    const signIn = t.call('auth:signIn', {})
    const browser = await approveInBrowser(await t.openedUrl(/\/oauth\/authorize\?/))
    await signIn
    await expect(fetch(browser.location)).rejects.toThrow()
    expect(await t.data('auth:status', {})).toMatchObject({ signedIn: true })
  })

  it('Deny on the authorize page ends the sign-in with "Sign-in was cancelled"', async () => {
    const signIn = t.call('auth:signIn', {})
    await approveInBrowser(await t.openedUrl(/\/oauth\/authorize\?/), 'silje', 'deny')
    expect(await signIn).toEqual({ ok: false, error: { code: 'AUTH_REQUIRED', message: 'Sign-in was cancelled.', provider: 'connectid' } })
    expect(await t.data('auth:status', {})).toEqual({ signedIn: false, agent: null, pending: false })
  })

  it('a second auth:signIn joins the pending one; auth:cancelSignIn ends both', async () => {
    const first = t.call('auth:signIn', {})
    const second = t.call('auth:signIn', {})
    await t.openedUrl(/\/oauth\/authorize\?/)
    expect(await t.data('auth:cancelSignIn', {})).toEqual({ signedIn: false, agent: null, pending: false })
    expect(await first).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } })
    expect(await second).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } })
    expect(t.opener.opened.filter((url) => url.includes('/oauth/authorize'))).toHaveLength(1)
  })

  it('auth:signOut forgets the agent; the next sign-in starts from scratch', async () => {
    const signIn = t.call('auth:signIn', {})
    await approveInBrowser(await t.openedUrl(/\/oauth\/authorize\?/))
    await signIn
    expect(await t.data('auth:signOut', {})).toEqual({ signedIn: false, agent: null, pending: false })
    expect(await t.data('auth:status', {})).toEqual({ signedIn: false, agent: null, pending: false })
    const again = t.call('auth:signIn', {})
    await approveInBrowser(await t.openedUrl(/\/oauth\/authorize\?/, 1), 'erik')
    expect(await again).toMatchObject({ ok: true, data: { agent: { userId: '7100002', name: 'Erik Johansson' } } })
  })
})

describe('the refresh token against the sandbox', () => {
  let sandbox: SandboxHandle
  let signIn: AgentSignIn
  let store: NodeSettingsStore
  let dir: string
  const sink = memorySink()
  const opener = new RecordingExternalOpener(null, (url) => ({ allowed: true, url }))
  let clock = Date.now()

  beforeEach(async () => {
    sandbox = await startSandbox()
    dir = tempDir()
    store = new NodeSettingsStore(join(dir, 'settings.json'))
    const logger = createLogger({ sinks: [sink] })
    const vault = createSecretVault({ store, cipher: new NodeSecretCipher(new Uint8Array(32).fill(3)), logger })
    clock = Date.now()
    signIn = createAgentSignIn({
      login: { loginUrl: sandbox.connectIdUrl, apiUrl: sandbox.connectApiUrl, clientId: sandbox.credentials.clientId },
      http: httpSettings('test'),
      opener,
      vault: vault.refreshTokens('test'),
      logger,
      now: () => clock,
    })
    const pending = signIn.signIn()
    await vi.waitFor(() => expect(opener.opened.length).toBeGreaterThan(0))
    await approveInBrowser(opener.opened.splice(0).at(-1)!)
    await pending
  })
  afterEach(async () => {
    signIn.dispose()
    await sandbox.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const refreshTokensBy = (status: string) =>
    [...sandbox.state.refreshTokens.entries()].filter(([, record]) => record.status === status).map(([token]) => token)
  const presentToSandbox = (refreshToken: string) =>
    fetch(`${sandbox.connectIdUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: sandbox.credentials.clientId }),
    })

  it('stores the refresh token encrypted, never in plain text', () => {
    const [active] = refreshTokensBy('active')
    expect(active).toBeDefined()
    const text = JSON.stringify(store.get('secrets'))
    expect(text).toContain('agentRefreshToken')
    expect(text).not.toContain(active!)
    expect(sink.text()).not.toContain(active!)
  })

  it('rotates before expiry: a new access and refresh token, the old refresh token refused by the sandbox', async () => {
    const [first] = refreshTokensBy('active')
    const firstAccess = await signIn.session.accessToken()
    clock += sandbox.state.tokenLifetimes.accessTokenSeconds * 1000 - 30_000
    const renewed = await signIn.session.accessToken()
    expect(renewed).not.toBe(firstAccess)
    expect(sandbox.state.accessTokens.get(renewed!)).toMatchObject({ grantType: 'refresh_token', agent: 'silje' })
    expect(refreshTokensBy('rotated')).toEqual([first])
    const [second] = refreshTokensBy('active')
    expect(second).not.toBe(first)
    expect(JSON.stringify(store.get('secrets'))).not.toContain(second!)

    const replay = await presentToSandbox(first!)
    expect(replay.status).toBe(400)
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' })
  })

  it('on invalid_grant (the sign-in was revoked) wipes the session: signed out, nothing stored', async () => {
    await signIn.refresh()
    const [rotated] = refreshTokensBy('rotated')
    // A replay of the rotated token makes the sandbox revoke the whole family, the console's token too.
    expect((await presentToSandbox(rotated!)).status).toBe(400)
    expect(await signIn.refresh()).toBe(false)
    expect(await signIn.status()).toEqual({ signedIn: false, agent: null, pending: false })
    expect(await signIn.session.accessToken()).toBeNull()
    expect(store.get('secrets')).toEqual({ test: {} })
  })

  it('sign-out wipes the stored refresh token', async () => {
    expect(JSON.stringify(store.get('secrets'))).toContain('agentRefreshToken')
    await signIn.signOut()
    expect(store.get('secrets')).toEqual({ test: {} })
    expect(signIn.session.current()).toBeNull()
  })
})
