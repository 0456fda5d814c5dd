/**
 * Local data and the audit log through the runtime and the real dispatcher, on the Node twins, the REAL
 * sandbox and real node:sqlite files in the data folder: settings, clear, recent lookups, the wipes on
 * sign-out and profile switch, the audit entries of sign-in, sign-out and profile changes.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { describe, expect, it } from 'vitest'
import { lookupCachePath } from '../../../../src/core/cache/local-data.ts'
import type { SecretCipher } from '../../../../src/core/platform/ports.ts'
import type { ProfileSettings } from '../../../../src/shared/domain.ts'
import { approveInBrowser, tempDir, useRuntimes } from './support.ts'
import type { RuntimeOnSandbox } from './support.ts'

const { start, restart } = useRuntimes()

async function signIn(t: RuntimeOnSandbox, agent = 'silje') {
  const pending = t.call('auth:signIn', {})
  await approveInBrowser(await t.openedUrl(/\/oauth\/authorize\?/), agent)
  const result = await pending
  if (!result.ok) throw new Error(result.error.message)
  return result.data
}
const entries = async (t: RuntimeOnSandbox) => (await t.data('localData:get', {})).entries
const audit = async (t: RuntimeOnSandbox) => (await t.data('audit:list', {})).entries.reverse()

const TEST_SETTINGS: ProfileSettings = {
  connect: { apiUrl: 'https://api-test.mediaconnect.no/capi', loginUrl: 'https://api-test.mediaconnect.no/login', clientId: 'media-house-test' },
  swedbankPay: { apiUrl: 'https://api.externalintegration.payex.com' },
  payerReferenceTemplate: '{customerNumber}',
}
const CLIENT_SECRET = 'local-data-client-secret-4711'

describe('localData', () => {
  it('starts empty with the defaults; lookups fill it; recent lookups are searched by number, name and email', async () => {
    const t = await start()
    expect(await t.data('localData:get', {})).toEqual({
      settings: { retentionDays: 30, maxEntries: 50_000 },
      available: true,
      unavailableReason: null,
      entries: 0,
      oldestCachedAt: null,
      notice: null,
    })
    const before = Date.now()
    await t.data('customers:get', { customerNumber: '100001' })
    await t.data('customers:get', { customerNumber: '100002' })
    await t.data('tokens:list', { customerNumber: '100001', providers: ['swedbankpay'] })
    const state = await t.data('localData:get', {})
    expect(state.entries).toBe(3)
    expect(Date.parse(state.oldestCachedAt ?? '')).toBeGreaterThanOrEqual(before)

    const recent = await t.data('localData:recent', {})
    expect(recent.map((r) => r.customerNumber)).toEqual(['100002', '100001'])
    const kari = t.sandboxes[0]!.state.data.customers.find((c) => c.customerNumber === 100001)!
    expect(recent[1]).toEqual({ customerNumber: '100001', name: 'Kari Nordmann', email: kari.emails[0] ?? null, cachedAt: expect.any(String) })
    expect((await t.data('localData:recent', { query: 'kARI nORDMANN' })).map((r) => r.customerNumber)).toEqual(['100001'])
    expect((await t.data('localData:recent', { query: kari.emails[0]!.slice(2, 10).toUpperCase() })).map((r) => r.customerNumber)).toEqual(['100001'])
    expect((await t.data('localData:recent', { query: '100002' })).map((r) => r.customerNumber)).toEqual(['100002'])
    expect(await t.data('localData:recent', { query: 'no such customer' })).toEqual([])
    expect(await t.data('localData:recent', { limit: 1 })).toHaveLength(1)
  })

  it('saves retention and cap in the settings store (applied at once) and keeps lookups across a restart', async () => {
    const t = await start()
    await t.data('customers:get', { customerNumber: '100001' })
    const saved = await t.data('localData:save', { retentionDays: 7, maxEntries: 100 })
    expect(saved).toMatchObject({ settings: { retentionDays: 7, maxEntries: 100 }, entries: 1 })
    expect(JSON.parse(t.storeText())['localData.settings']).toEqual({ retentionDays: 7, maxEntries: 100 })

    const again = await restart(t)
    expect(await again.data('localData:get', {})).toMatchObject({ settings: { retentionDays: 7, maxEntries: 100 }, entries: 1 })
    expect((await again.data('localData:recent', {})).map((r) => r.customerNumber)).toEqual(['100001'])

    // Made two days old in the file itself: a 1-day retention, once saved, purges it at once.
    const db = new DatabaseSync(lookupCachePath(again.dir))
    db.prepare('UPDATE lookups SET cached_at = cached_at - ?').run(2 * 24 * 60 * 60 * 1000)
    db.close()
    expect(await again.data('localData:save', { retentionDays: 1, maxEntries: 100 })).toMatchObject({ entries: 0, oldestCachedAt: null })
    expect(await again.data('localData:recent', {})).toEqual([])
  })

  it('clear empties it and is audited with the count', async () => {
    const t = await start()
    await signIn(t)
    await t.data('customers:get', { customerNumber: '100001' })
    await t.data('invoices:list', { customerNumber: '100001', productCode: 'AP001' })
    expect(await entries(t)).toBe(2)
    expect(await t.data('localData:clear', {})).toMatchObject({ entries: 0, oldestCachedAt: null })
    expect(await t.data('localData:recent', {})).toEqual([])
    expect((await audit(t)).at(-1)).toMatchObject({ action: 'localData.clear', agent: '7100001', profile: 'sandbox', outcome: 'ok', detail: 'entries=2' })
  })

  it('sign-out wipes it; sign-in and sign-out are audited with the agent', async () => {
    const t = await start()
    await signIn(t)
    await t.data('customers:get', { customerNumber: '100001' })
    expect(await entries(t)).toBe(1)
    await t.data('auth:signOut', {})
    expect(await entries(t)).toBe(0)
    expect((await audit(t)).map((e) => [e.action, e.agent, e.outcome, e.profile])).toEqual([
      ['auth.signIn', '7100001', 'ok', 'sandbox'],
      ['auth.signOut', '7100001', 'ok', 'sandbox'],
    ])
  })

  it('a denied sign-in is audited as failed with its code', async () => {
    const t = await start()
    const pending = t.call('auth:signIn', {})
    await approveInBrowser(await t.openedUrl(/\/oauth\/authorize\?/), 'silje', 'deny')
    const result = await pending
    expect(result.ok).toBe(false)
    const [entry] = await audit(t)
    expect(entry).toMatchObject({ action: 'auth.signIn', agent: null, outcome: 'failed', errorCode: result.ok ? null : result.error.code })
  })

  it('a profile switch wipes it; settings, secrets and the switch are audited without the secret', async () => {
    const t = await start()
    await signIn(t)
    await t.data('customers:get', { customerNumber: '100001' })
    await t.data('profiles:save', { id: 'test', settings: TEST_SETTINGS })
    await t.data('profiles:setSecret', { id: 'test', name: 'connectClientSecret', value: CLIENT_SECRET })
    expect(await entries(t)).toBe(1) // editing another profile is no switch
    await t.data('profiles:activate', { id: 'test' })
    expect(await entries(t)).toBe(0)
    const log = await audit(t)
    expect(log.map((e) => [e.action, e.profile, e.agent, e.outcome, e.detail])).toEqual([
      ['auth.signIn', 'sandbox', '7100001', 'ok', null],
      ['profile.change', 'test', '7100001', 'ok', 'settings saved'],
      ['profile.change', 'test', '7100001', 'ok', 'secret set name=connectClientSecret'],
      ['profile.change', 'test', '7100001', 'ok', 'from=sandbox to=test'],
    ])
    expect(JSON.stringify(log)).not.toContain(CLIENT_SECRET)
    expect((await t.data('audit:list', { filter: { action: 'profile.change' }, limit: 1 })).total).toBe(3)
  })

  it('without OS secret storage there is no cache: it says why, writes nothing, and lookups stay live', async () => {
    const reason = 'no keyring here (basic_text)'
    const noKeyring: SecretCipher = {
      availability: async () => ({ available: false, reason }),
      encrypt: async () => {
        throw new Error('must not be called')
      },
      decrypt: async () => {
        throw new Error('must not be called')
      },
    }
    const t = await start({ cipher: noKeyring })
    const state = await t.data('localData:get', {})
    expect(state).toMatchObject({ available: false, entries: 0 })
    expect(state.unavailableReason).toContain(reason)
    expect(await t.data('customers:get', { customerNumber: '100001' })).toMatchObject({ customerNumber: '100001', cachedAt: null })
    expect(await t.data('localData:recent', {})).toEqual([])
    expect(existsSync(join(t.dir, 'cache'))).toBe(false)
    expect(existsSync(t.file) ? JSON.parse(t.storeText()) : {}).not.toHaveProperty(['localData.dataKey'])
  })

  it('an unreadable cache file is moved aside and the agent told once', async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'cache'), { recursive: true })
    writeFileSync(lookupCachePath(dir), 'this is no sqlite database '.repeat(100))
    const t = await start({ dir })
    const first = await t.data('localData:get', {})
    expect(first.available).toBe(true)
    expect(first.notice).toMatch(/could not be read/)
    expect((await t.data('localData:get', {})).notice).toBeNull()
    await t.data('customers:get', { customerNumber: '100001' })
    expect(await entries(t)).toBe(1)
  })
})
