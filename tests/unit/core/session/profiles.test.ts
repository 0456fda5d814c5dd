/**
 * Profiles through the runtime and the real dispatcher, on the Node twins: settings in the store file,
 * secrets encrypted apart from them, activation rebuilding the services, persistence across a restart.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { NodeSecretCipher } from '../../../../src/core/platform/node-secret-cipher.ts'
import type { SecretCipher } from '../../../../src/core/platform/ports.ts'
import type { ProfileSettings } from '../../../../src/shared/domain.ts'
import { approveInBrowser, tempDir, useRuntimes } from './support.ts'
import type { RuntimeOnSandbox } from './support.ts'

const CLIENT_SECRET = 'test-client-secret-4711'
const MERCHANT_TOKEN = 'test-merchant-token-0815'
const TEST_SETTINGS: ProfileSettings = {
  connect: { apiUrl: 'https://api-test.mediaconnect.no/capi', loginUrl: 'https://api-test.mediaconnect.no/login', clientId: 'media-house-test' },
  swedbankPay: { apiUrl: 'https://api.externalintegration.payex.com' },
  payerReferenceTemplate: 'NO-{customerNumber}',
}

const { start, restart } = useRuntimes()

async function configureTest(t: RuntimeOnSandbox) {
  await t.data('profiles:save', { id: 'test', settings: TEST_SETTINGS })
  await t.data('profiles:setSecret', { id: 'test', name: 'connectClientSecret', value: CLIENT_SECRET })
  return t.data('profiles:setSecret', { id: 'test', name: 'swedbankPayAccessToken', value: MERCHANT_TOKEN })
}

describe('profiles', () => {
  it('starts on the sandbox; test and production are editable and not yet saved', async () => {
    const t = await start()
    const state = await t.data('profiles:get', {})
    expect(state.active).toBe('sandbox')
    expect(state.encryption).toEqual({ available: true, reason: null })
    expect(state.profiles.map((p) => [p.id, p.active, p.editable, p.complete])).toEqual([
      ['sandbox', true, false, true],
      ['test', false, true, false],
      ['production', false, true, false],
    ])
    expect(state.profiles[1]).toMatchObject({
      saved: false,
      // A never-saved profile offers the documented test hosts and an empty client id to fill in.
      settings: {
        connect: { apiUrl: 'https://api-test.mediaconnect.no/capi', loginUrl: 'https://api-test.mediaconnect.no/login', clientId: '' },
        swedbankPay: { apiUrl: 'https://api.externalintegration.payex.com' },
        payerReferenceTemplate: '{customerNumber}',
      },
      secrets: { connectClientSecret: false, swedbankPayAccessToken: false },
    })
    expect(state.profiles[2]?.settings?.connect.apiUrl).toBe('https://api.mediaconnect.no/capi')
    expect(await t.data('app:info', {})).toMatchObject({ sandbox: true, profile: { kind: 'sandbox' } })
  })

  it('save → setSecret → activate → clearSecret round trip, secrets encrypted and never returned', async () => {
    const t = await start()
    const saved = await t.data('profiles:save', { id: 'test', settings: TEST_SETTINGS })
    expect(saved.profiles[1]).toMatchObject({ settings: TEST_SETTINGS, complete: false })

    const configured = await configureTest(t)
    expect(configured.profiles[1]).toMatchObject({ secrets: { connectClientSecret: true, swedbankPayAccessToken: true }, complete: true })

    // On disk: settings readable, secrets only as ciphertext that decrypts with the platform's key.
    const file = JSON.parse(t.storeText()) as { profiles: unknown; secrets: { test: Record<string, string> } }
    expect(file.profiles).toMatchObject({ settings: { test: TEST_SETTINGS } })
    expect(t.storeText()).not.toContain(CLIENT_SECRET)
    expect(t.storeText()).not.toContain(MERCHANT_TOKEN)
    const cipher = new NodeSecretCipher(t.key)
    expect(await cipher.decrypt(Buffer.from(file.secrets.test.connectClientSecret!, 'base64'))).toBe(CLIENT_SECRET)

    const activated = await t.data('profiles:activate', { id: 'test' })
    expect(activated.active).toBe('test')
    const info = await t.data('app:info', {})
    expect(info).toMatchObject({ profile: { kind: 'test', label: 'Test' } })
    expect(info.sandbox).toBe(false)
    // Leaving the sandbox profile stops the sandbox.
    await expect(fetch(`${t.sandboxes[0]!.url}/__sandbox/routes`)).rejects.toThrow()

    const cleared = await t.data('profiles:clearSecret', { id: 'test', name: 'connectClientSecret' })
    expect(cleared).toMatchObject({ active: 'test' })
    expect(cleared.profiles[1]).toMatchObject({ secrets: { connectClientSecret: false, swedbankPayAccessToken: true }, complete: false })
    expect(t.storeText()).not.toContain(file.secrets.test.connectClientSecret!)
    // Swedbank Pay alone still runs: Connect now answers NOT_CONFIGURED.
    expect(await t.call('customers:search', { query: 'kari' })).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED' } })

    const back = await t.data('profiles:activate', { id: 'sandbox' })
    expect(back.active).toBe('sandbox')
    expect(await t.data('app:info', {})).toMatchObject({ sandbox: true, profile: { kind: 'sandbox' } })
    expect(t.sandboxes).toHaveLength(2)

    const everything = JSON.stringify(t.results) + t.sink.text()
    expect(everything).not.toContain(CLIENT_SECRET)
    expect(everything).not.toContain(MERCHANT_TOKEN)
  })

  it('remembers the active profile and its secrets across a restart', async () => {
    const first = await start()
    await configureTest(first)
    await first.data('profiles:activate', { id: 'test' })
    const second = await restart(first)
    expect(await second.data('app:info', {})).toMatchObject({ profile: { kind: 'test' } })
    expect((await second.data('profiles:get', {})).profiles[1]).toMatchObject({ complete: true, active: true })
    expect(second.sandboxes).toHaveLength(0)
  })

  it('falls back to the sandbox when the last secret of the active profile is cleared', async () => {
    const t = await start()
    await configureTest(t)
    await t.data('profiles:activate', { id: 'test' })
    await t.data('profiles:clearSecret', { id: 'test', name: 'connectClientSecret' })
    const state = await t.data('profiles:clearSecret', { id: 'test', name: 'swedbankPayAccessToken' })
    expect(state.active).toBe('sandbox')
    expect(await t.data('app:info', {})).toMatchObject({ profile: { kind: 'sandbox' } })
  })

  it('saving the active profile rebuilds its services with the new settings', async () => {
    const t = await start()
    await configureTest(t)
    await t.data('profiles:activate', { id: 'test' })
    expect(t.runtime.linkPolicy().httpsHosts).not.toContain('pay.example.com')
    await t.data('profiles:save', { id: 'test', settings: { ...TEST_SETTINGS, swedbankPay: { apiUrl: 'https://pay.example.com' } } })
    expect(t.runtime.linkPolicy().httpsHosts).toContain('pay.example.com')
    expect(await t.data('app:info', {})).toMatchObject({ profile: { kind: 'test' } })
  })

  it('refuses to activate a profile that has nothing to run with', async () => {
    const t = await start()
    expect(await t.call('profiles:activate', { id: 'production' })).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED' } })
    await t.data('profiles:save', { id: 'production', settings: { ...TEST_SETTINGS, payerReferenceTemplate: '{customerNumber}' } })
    expect(await t.call('profiles:activate', { id: 'production' })).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED' } })
    expect(await t.data('app:info', {})).toMatchObject({ profile: { kind: 'sandbox' } })
  })

  it('signs the agent out when the profile changes', async () => {
    const t = await start()
    await configureTest(t)
    const signIn = t.call('auth:signIn', {})
    await approveInBrowser(await t.openedUrl(/\/oauth\/authorize\?/))
    expect(await signIn).toMatchObject({ ok: true, data: { signedIn: true } })
    await t.data('profiles:activate', { id: 'test' })
    expect(await t.data('auth:status', {})).toEqual({ signedIn: false, agent: null, pending: false })
  })

  it('the system browser may open the sandbox pages only while the sandbox profile runs', async () => {
    const t = await start()
    const loginPage = `${t.sandboxes[0]!.connectIdUrl}/oauth/authorize?x=1`
    expect(t.runtime.linkPolicy().loopbackPages).toEqual([`${t.sandboxes[0]!.connectIdUrl}/`])
    await configureTest(t)
    await t.data('profiles:activate', { id: 'test' })
    expect(t.runtime.linkPolicy()).toEqual({
      httpsHosts: expect.arrayContaining(['api-test.mediaconnect.no', 'api.externalintegration.payex.com']),
      loopbackPages: [],
    })
    await expect(t.opener.open(loginPage)).rejects.toMatchObject({ code: 'VALIDATION' })
  })
})

describe('secrets when the platform cannot encrypt', () => {
  const REASON = 'This computer offers no secure storage (Linux basic_text); secrets are not saved.'
  const noKeyring: SecretCipher = {
    availability: async () => ({ available: false, reason: REASON }),
    encrypt: async () => {
      throw new Error('must not be called')
    },
    decrypt: async () => {
      throw new Error('must not be called')
    },
  }

  it('setSecret fails with ENCRYPTION_UNAVAILABLE and the store holds no trace of the value', async () => {
    const t = await start({ cipher: noKeyring })
    await t.data('profiles:save', { id: 'test', settings: TEST_SETTINGS })
    const result = await t.call('profiles:setSecret', { id: 'test', name: 'swedbankPayAccessToken', value: MERCHANT_TOKEN })
    expect(result).toEqual({ ok: false, error: { code: 'ENCRYPTION_UNAVAILABLE', message: REASON } })
    expect(t.storeText()).not.toContain(MERCHANT_TOKEN)
    expect(JSON.parse(t.storeText())).not.toHaveProperty('secrets')
    const state = await t.data('profiles:get', {})
    expect(state.encryption).toEqual({ available: false, reason: REASON })
    expect(state.profiles[1]?.secrets).toEqual({ connectClientSecret: false, swedbankPayAccessToken: false })
    expect(JSON.stringify(t.results) + t.sink.text()).not.toContain(MERCHANT_TOKEN)
  })
})

describe('a damaged settings file', () => {
  it('starts with the defaults when the file is not JSON', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'settings.json'), '{"profiles": {"active": "test",,,')
    const t = await start({ dir })
    expect((await t.data('profiles:get', {})).active).toBe('sandbox')
    expect(await t.data('app:info', {})).toMatchObject({ profile: { kind: 'sandbox' } })
  })

  it('drops invalid values with a warning and keeps the valid ones', async () => {
    const dir = tempDir()
    const file = join(dir, 'settings.json')
    writeFileSync(
      file,
      JSON.stringify({
        profiles: { active: 'staging', settings: { test: { connect: { apiUrl: 'http://insecure.example' } }, production: TEST_SETTINGS } },
        secrets: 'not a record',
      }),
    )
    const t = await start({ dir })
    const state = await t.data('profiles:get', {})
    expect(state.active).toBe('sandbox')
    expect(state.profiles[1]?.saved).toBe(false)
    expect(state.profiles[1]?.settings?.connect.clientId).toBe('')
    expect(state.profiles[2]?.settings).toEqual(TEST_SETTINGS)
    const warnings = t.sink.records.filter((record) => record.level === 'warn').map((record) => record.message)
    expect(warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/active profile is unknown/), expect.stringMatching(/test profile are invalid/), expect.stringMatching(/secrets are unreadable/)]),
    )
    expect(existsSync(file)).toBe(true)
  })

  it('drops secrets that no longer decrypt (another key) instead of failing', async () => {
    const first = await start()
    await configureTest(first)
    await first.data('profiles:activate', { id: 'test' })
    const second = await restart(first, new Uint8Array(32).fill(9))
    const state = await second.data('profiles:get', {})
    expect(state.profiles[1]?.secrets).toEqual({ connectClientSecret: false, swedbankPayAccessToken: false })
    expect(second.sink.text()).toMatch(/could not be decrypted/)
    expect(state.active).toBe('sandbox')
    expect(await second.data('app:info', {})).toMatchObject({ profile: { kind: 'sandbox' } })
    expect(readFileSync(join(second.dir, 'settings.json'), 'utf8')).not.toContain('connectClientSecret')
  })
})
