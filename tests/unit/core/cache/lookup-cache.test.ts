import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, describe, expect, it } from 'vitest'
import { openLookupCache } from '../../../../src/core/cache/lookup-cache.ts'
import type { LookupCache, LookupCacheOptions } from '../../../../src/core/cache/lookup-cache.ts'
import { createLogger, memorySink } from '../../../../src/core/log.ts'
import { NodeSecretCipher } from '../../../../src/core/platform/node-secret-cipher.ts'
import type { SecretCipher } from '../../../../src/core/platform/ports.ts'
import { AppError } from '../../../../src/shared/errors.ts'

const DAY = 24 * 60 * 60 * 1000
const dirs: string[] = []
const caches: LookupCache[] = []

afterEach(() => {
  for (const cache of caches.splice(0)) cache.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function memoryKeyStore() {
  let value: string | null = null
  return {
    get: () => value,
    set: (v: string) => {
      value = v
    },
  }
}

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'lookup-cache-'))
  dirs.push(dir)
  let clock = 1_700_000_000_000
  const sink = memorySink()
  const env = {
    dir,
    file: join(dir, 'cache', 'lookups.sqlite'),
    cipher: new NodeSecretCipher(new Uint8Array(32).fill(9)) as SecretCipher,
    keyStore: memoryKeyStore(),
    sink,
    logger: createLogger({ sinks: [sink] }),
    now: () => clock,
    advance: (ms: number) => {
      clock += ms
    },
  }
  const open = async (extra: Partial<LookupCacheOptions> = {}) => {
    const opened = await openLookupCache({ file: env.file, cipher: env.cipher, keyStore: env.keyStore, now: env.now, logger: env.logger, ...extra })
    caches.push(opened.cache)
    return opened
  }
  return { ...env, open }
}

/** Changes one row directly in the file, as an attacker or a bit flip would. */
function rawUpdate(file: string, sql: string, ...params: (string | Uint8Array)[]) {
  const db = new DatabaseSync(file)
  db.prepare(sql).run(...params)
  db.close()
}

const customer = { name: 'Astrid Lindqvist', email: 'astrid.lindqvist@example.test', tokens: [{ id: 'tok_9f3c2a71e5', last4: '4242' }] }

describe('lookup cache', () => {
  it('round-trips values, upserts, and lists metadata newest first', async () => {
    const env = setup()
    const { cache, movedAsideTo } = await env.open()
    expect(movedAsideTo).toBeNull()
    cache.put('prod', 'customer', 'C-1001', 'C-1001', customer)
    env.advance(1000)
    cache.put('prod', 'tokens', 'C-1002', null, [1, 2, 3])
    env.advance(1000)
    cache.put('prod', 'customer', 'C-1001', 'C-1001', { ...customer, name: 'Astrid L.' })

    expect(cache.get('prod', 'customer', 'C-1001')).toEqual({ value: { ...customer, name: 'Astrid L.' }, cachedAt: env.now() })
    expect(cache.get('prod', 'tokens', 'C-1002')?.value).toEqual([1, 2, 3])
    expect(cache.get('prod', 'customer', 'nope')).toBeNull()
    expect(cache.list('prod')).toEqual([
      { kind: 'customer', key: 'C-1001', customerNumber: 'C-1001', cachedAt: env.now() },
      { kind: 'tokens', key: 'C-1002', customerNumber: null, cachedAt: env.now() - 1000 },
    ])
    expect(cache.list('prod', 'tokens').map((e) => e.key)).toEqual(['C-1002'])
    expect(cache.list('test')).toEqual([])
  })

  it('writes no plaintext name, email or token id to the db or wal file, and restricts modes', async () => {
    const env = setup()
    const { cache } = await env.open()
    for (let i = 0; i < 20; i++) cache.put('prod', 'customer', `C-${i}`, `C-${i}`, customer)
    expect(cache.get('prod', 'customer', 'C-3')?.value).toEqual(customer)
    const files = readdirSync(join(env.dir, 'cache')).map((name) => join(env.dir, 'cache', name))
    expect(files.some((f) => f.endsWith('-wal'))).toBe(true)
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)))
    expect(bytes.includes('C-3')).toBe(true) // the keys are stored in clear: proves the scan sees rows
    for (const secret of ['Astrid', 'Lindqvist', 'astrid.lindqvist@example.test', 'tok_9f3c2a71e5']) {
      expect(bytes.includes(secret), secret).toBe(false)
    }
    expect(JSON.stringify(env.keyStore.get())).not.toMatch(/[0-9a-f]{64}/)
    if (process.platform !== 'win32') expect(statSync(env.file).mode & 0o777).toBe(0o600)
  })

  it.each(['payload', 'iv', 'tag'])('a tampered %s gives null, deletes the record, and keeps the rest readable', async (column) => {
    const env = setup()
    const { cache } = await env.open()
    cache.put('prod', 'customer', 'A', 'A', customer)
    cache.put('prod', 'customer', 'B', 'B', { ok: true })
    const db = new DatabaseSync(env.file)
    const row = db.prepare(`SELECT ${column} AS v FROM lookups WHERE key = 'A'`).get()
    db.close()
    const flipped = Buffer.from(row?.['v'] as Uint8Array)
    flipped[0] = (flipped[0] ?? 0) ^ 0xff
    rawUpdate(env.file, `UPDATE lookups SET ${column} = ? WHERE key = 'A'`, flipped)

    expect(cache.get('prod', 'customer', 'A')).toBeNull()
    expect(cache.list('prod').map((e) => e.key)).toEqual(['B'])
    expect(cache.get('prod', 'customer', 'B')?.value).toEqual({ ok: true })
    expect(env.sink.records.filter((r) => r.message.includes('could not be decrypted'))).toHaveLength(1)
    expect(cache.get('prod', 'customer', 'A')).toBeNull()
    expect(env.sink.records.filter((r) => r.message.includes('could not be decrypted'))).toHaveLength(1)
  })

  it('a record copied to another row fails (the AAD binds profile, kind and key)', async () => {
    const env = setup()
    const { cache } = await env.open()
    cache.put('prod', 'customer', 'A', 'A', { who: 'A' })
    cache.put('prod', 'customer', 'B', 'B', { who: 'B' })
    cache.put('test', 'customer', 'A', 'A', { who: 'test A' })
    const copy = "UPDATE lookups SET iv = s.iv, tag = s.tag, payload = s.payload FROM (SELECT iv, tag, payload FROM lookups WHERE profile = 'prod' AND key = 'A') AS s"
    rawUpdate(env.file, `${copy} WHERE lookups.profile = 'prod' AND lookups.key = 'B'`)
    rawUpdate(env.file, `${copy} WHERE lookups.profile = 'test'`)
    expect(cache.get('prod', 'customer', 'B')).toBeNull()
    expect(cache.get('test', 'customer', 'A')).toBeNull()
    expect(cache.get('prod', 'customer', 'A')?.value).toEqual({ who: 'A' })
  })

  it('purges by retention and by maxEntries with an injected clock; expired entries are not served', async () => {
    const env = setup()
    const { cache } = await env.open({ retentionMs: 10 * DAY, maxEntries: 3 })
    for (const key of ['k1', 'k2', 'k3', 'k4', 'k5']) {
      cache.put('prod', 'customer', key, null, key)
      env.advance(DAY)
    }
    expect(cache.purge()).toBe(2) // k1 and k2 are the oldest beyond 3
    expect(cache.list('prod').map((e) => e.key)).toEqual(['k5', 'k4', 'k3'])
    env.advance(8 * DAY) // k3 is now 11 days old, k4 exactly 10
    expect(cache.get('prod', 'customer', 'k3')).toBeNull()
    expect(cache.purge()).toBe(0) // k3 was already deleted by get; k4 is exactly 10 days old
    env.advance(DAY)
    expect(cache.purge()).toBe(1)
    expect(cache.list('prod').map((e) => e.key)).toEqual(['k5'])
  })

  it('clear(profile) touches only that profile; clear() empties everything', async () => {
    const env = setup()
    const { cache } = await env.open()
    cache.put('prod', 'customer', 'A', null, 1)
    cache.put('prod', 'tokens', 'A', null, 2)
    cache.put('test', 'customer', 'A', null, 3)
    expect(cache.clear('prod')).toBe(2)
    expect(cache.list('prod')).toEqual([])
    expect(cache.get('test', 'customer', 'A')?.value).toBe(3)
    expect(cache.clear()).toBe(1)
    expect(cache.list('test')).toEqual([])
  })

  it('fails closed with ENCRYPTION_UNAVAILABLE and writes nothing when the cipher is unavailable', async () => {
    const env = setup()
    const cipher: SecretCipher = {
      availability: async () => ({ available: false, reason: 'basic_text backend' }),
      encrypt: async () => {
        throw new Error('must not be called')
      },
      decrypt: async () => {
        throw new Error('must not be called')
      },
    }
    const error = await env.open({ cipher }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('ENCRYPTION_UNAVAILABLE')
    expect(existsSync(join(env.dir, 'cache'))).toBe(false)
    expect(env.keyStore.get()).toBeNull()
  })

  it('moves a garbage file aside and starts a fresh, working cache', async () => {
    const env = setup()
    const first = await env.open()
    first.cache.close()
    const garbage = Buffer.from('this is not a sqlite database '.repeat(200))
    writeFileSync(env.file, garbage)
    const { cache, movedAsideTo } = await env.open()
    expect(movedAsideTo).toBe(`${env.file}.corrupt-${env.now()}`)
    expect(readFileSync(movedAsideTo ?? '').equals(garbage)).toBe(true)
    cache.put('prod', 'customer', 'A', 'A', customer)
    expect(cache.get('prod', 'customer', 'A')?.value).toEqual(customer)
    expect(env.sink.text()).toContain('moved aside')
  })

  it('reuses the wrapped key across reopen; a lost key discards old rows instead of failing', async () => {
    const env = setup()
    const first = await env.open()
    first.cache.put('prod', 'customer', 'A', 'A', customer)
    first.cache.close()
    const wrapped = env.keyStore.get()
    expect(wrapped).not.toBeNull()

    const second = await env.open()
    expect(env.keyStore.get()).toBe(wrapped)
    expect(second.cache.get('prod', 'customer', 'A')?.value).toEqual(customer)
    second.cache.close()

    // Another OS keyring (a different wrapping cipher): the old data key cannot be unwrapped.
    const third = await env.open({ cipher: new NodeSecretCipher(new Uint8Array(32).fill(1)) })
    expect(env.keyStore.get()).not.toBe(wrapped)
    expect(third.cache.list('prod')).toEqual([])
    expect(third.cache.get('prod', 'customer', 'A')).toBeNull()
  })
})
