import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
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
    cache.put('prod', 'tokens', 'swedbankpay:C-1002:active', 'C-1002', [1, 2, 3])
    env.advance(1000)
    cache.put('prod', 'customer', 'C-1001', 'C-1001', { ...customer, name: 'Astrid L.' })

    expect(cache.get('prod', 'customer', 'C-1001')).toEqual({ value: { ...customer, name: 'Astrid L.' }, cachedAt: env.now() })
    expect(cache.get('prod', 'tokens', 'swedbankpay:C-1002:active')?.value).toEqual([1, 2, 3])
    expect(cache.get('prod', 'customer', 'nope')).toBeNull()
    expect(cache.get('prod', 'tokens', 'C-1001')).toBeNull() // the kind is part of the address
    expect(cache.list('prod')).toEqual([
      { kind: 'customer', customerNumber: 'C-1001', cachedAt: env.now() },
      { kind: 'tokens', customerNumber: 'C-1002', cachedAt: env.now() - 1000 },
    ])
    expect(cache.list('prod', 'tokens').map((e) => e.customerNumber)).toEqual(['C-1002'])
    expect(cache.list('test')).toEqual([])
    expect(cache.stats()).toEqual({ entries: 2, oldestCachedAt: env.now() - 1000 })
  })

  it('writes no plaintext key, name, email or token id to the db or wal file, and restricts modes', async () => {
    const env = setup()
    const { cache } = await env.open()
    // A payerReference that is an email, used in a key: only its HMAC digest may reach the disk.
    const payerKey = (i: number) => `swedbankpay:payer-${i}.lindqvist@example.test:active`
    for (let i = 0; i < 20; i++) cache.put('prod', 'tokens', payerKey(i), `C-${i}`, customer)
    expect(cache.get('prod', 'tokens', payerKey(3))?.value).toEqual(customer)
    const files = readdirSync(join(env.dir, 'cache')).map((name) => join(env.dir, 'cache', name))
    expect(files.some((f) => f.endsWith('-wal'))).toBe(true)
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)))
    expect(bytes.includes('C-3')).toBe(true) // customer numbers are stored in clear: proves the scan sees rows
    for (const secret of ['Astrid', 'Lindqvist', 'lindqvist@example.test', 'payer-3', 'swedbankpay:', 'tok_9f3c2a71e5']) {
      expect(bytes.includes(secret), secret).toBe(false)
    }
    const db = new DatabaseSync(env.file)
    const digests = db.prepare('SELECT key_digest AS k FROM lookups').all().map((row) => String(row['k']))
    db.close()
    expect(digests).toHaveLength(20)
    for (const digest of digests) expect(digest).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(env.keyStore.get())).not.toMatch(/[0-9a-f]{64}/)
    if (process.platform !== 'win32') expect(statSync(env.file).mode & 0o777).toBe(0o600)
  })

  it('the key digest depends on the data key: another key, another digest for the same lookup', async () => {
    const digestsWith = async (fill: number) => {
      const env = setup()
      const { cache } = await env.open({ cipher: new NodeSecretCipher(new Uint8Array(32).fill(fill)) })
      cache.put('prod', 'customer', '100001', '100001', 1)
      const db = new DatabaseSync(env.file)
      const row = db.prepare('SELECT key_digest AS k FROM lookups').get()
      db.close()
      return String(row?.['k'])
    }
    const first = await digestsWith(1)
    expect(first).toMatch(/^[0-9a-f]{64}$/)
    expect(await digestsWith(2)).not.toBe(first) // each setup makes a fresh random data key
  })

  it('values() decrypts one kind newest first, skips expired and tampered records (deleting the tampered)', async () => {
    const env = setup()
    const { cache } = await env.open({ retentionMs: 10 * DAY })
    cache.put('prod', 'customer', 'old', 'old', 'old')
    env.advance(5 * DAY)
    cache.put('prod', 'customer', 'A', 'A', 'a')
    env.advance(1000)
    cache.put('prod', 'customer', 'B', 'B', 'b')
    cache.put('prod', 'tokens', 'T', 'T', 't')
    cache.put('test', 'customer', 'C', 'C', 'c')
    rawUpdate(env.file, "UPDATE lookups SET payload = zeroblob(8) WHERE customer_number = 'A'")
    env.advance(6 * DAY) // 'old' is now 11 days old
    expect([...cache.values('prod', 'customer')]).toEqual([{ value: 'b', cachedAt: env.now() - 6 * DAY, customerNumber: 'B' }])
    expect(cache.list('prod', 'customer').map((e) => e.customerNumber)).toEqual(['B', 'old'])
    expect(env.sink.records.filter((r) => r.message.includes('could not be decrypted'))).toHaveLength(1)
    // Stopping early is fine, and leaves the cache usable.
    for (const entry of cache.values('prod', 'customer')) expect(entry.customerNumber).toBe('B')
    cache.put('prod', 'customer', 'D', 'D', 'd')
    expect([...cache.values('prod', 'customer')].map((e) => e.value)).toEqual(['d', 'b'])
  })

  it('setLimits applies a new retention and cap at once', async () => {
    const env = setup()
    const { cache } = await env.open()
    for (const key of ['k1', 'k2', 'k3', 'k4']) {
      cache.put('prod', 'customer', key, key, key)
      env.advance(DAY)
    }
    expect(cache.setLimits({ retentionMs: 30 * DAY, maxEntries: 3 })).toBe(1)
    expect(cache.setLimits({ retentionMs: 2 * DAY, maxEntries: 3 })).toBe(1) // k2 is 3 days old
    expect(cache.list('prod').map((e) => e.customerNumber)).toEqual(['k4', 'k3'])
  })

  it('drops a v1 table (keys in clear) on open, leaving none of its bytes in the file', async () => {
    const env = setup()
    mkdirSync(join(env.dir, 'cache'), { recursive: true })
    const v1 = new DatabaseSync(env.file)
    v1.exec('CREATE TABLE lookups (profile TEXT, kind TEXT, key TEXT, customer_number TEXT, cached_at INTEGER, iv BLOB, tag BLOB, payload BLOB)')
    v1.prepare("INSERT INTO lookups VALUES ('prod', 'tokens', 'swedbankpay:old.payer@example.test:active', NULL, 1, x'00', x'00', x'00')").run()
    v1.close()
    expect(readFileSync(env.file).includes('old.payer@example.test')).toBe(true)
    const { cache } = await env.open()
    cache.put('prod', 'customer', '1', '1', customer)
    cache.close()
    const bytes = Buffer.concat(readdirSync(join(env.dir, 'cache')).map((name) => readFileSync(join(env.dir, 'cache', name))))
    expect(bytes.includes('old.payer@example.test')).toBe(false)
  })

  it.each(['payload', 'iv', 'tag'])('a tampered %s gives null, deletes the record, and keeps the rest readable', async (column) => {
    const env = setup()
    const { cache } = await env.open()
    cache.put('prod', 'customer', 'A', 'A', customer)
    cache.put('prod', 'customer', 'B', 'B', { ok: true })
    const db = new DatabaseSync(env.file)
    const row = db.prepare(`SELECT ${column} AS v FROM lookups WHERE customer_number = 'A'`).get()
    db.close()
    const flipped = Buffer.from(row?.['v'] as Uint8Array)
    flipped[0] = (flipped[0] ?? 0) ^ 0xff
    rawUpdate(env.file, `UPDATE lookups SET ${column} = ? WHERE customer_number = 'A'`, flipped)

    expect(cache.get('prod', 'customer', 'A')).toBeNull()
    expect(cache.list('prod').map((e) => e.customerNumber)).toEqual(['B'])
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
    const copy = "UPDATE lookups SET iv = s.iv, tag = s.tag, payload = s.payload FROM (SELECT iv, tag, payload FROM lookups WHERE profile = 'prod' AND customer_number = 'A') AS s"
    rawUpdate(env.file, `${copy} WHERE lookups.profile = 'prod' AND lookups.customer_number = 'B'`)
    rawUpdate(env.file, `${copy} WHERE lookups.profile = 'test'`)
    expect(cache.get('prod', 'customer', 'B')).toBeNull()
    expect(cache.get('test', 'customer', 'A')).toBeNull()
    expect(cache.get('prod', 'customer', 'A')?.value).toEqual({ who: 'A' })
  })

  it('purges by retention and by maxEntries with an injected clock; expired entries are not served', async () => {
    const env = setup()
    const { cache } = await env.open({ retentionMs: 10 * DAY, maxEntries: 3 })
    for (const key of ['k1', 'k2', 'k3', 'k4', 'k5']) {
      cache.put('prod', 'customer', key, key, key)
      env.advance(DAY)
    }
    expect(cache.purge()).toBe(2) // k1 and k2 are the oldest beyond 3
    expect(cache.list('prod').map((e) => e.customerNumber)).toEqual(['k5', 'k4', 'k3'])
    env.advance(8 * DAY) // k3 is now 11 days old, k4 exactly 10
    expect(cache.get('prod', 'customer', 'k3')).toBeNull()
    expect(cache.purge()).toBe(0) // k3 was already deleted by get; k4 is exactly 10 days old
    env.advance(DAY)
    expect(cache.purge()).toBe(1)
    expect(cache.list('prod').map((e) => e.customerNumber)).toEqual(['k5'])
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

  it('clear() overwrites the wiped rows: not even their ciphertext stays in the file or its WAL', async () => {
    const env = setup()
    const { cache } = await env.open()
    for (let i = 0; i < 40; i++) cache.put('prod', 'customer', `C-${i}`, `C-${i}`, { ...customer, filler: 'x'.repeat(2000) })
    const db = new DatabaseSync(env.file)
    const sample = Buffer.from(db.prepare("SELECT payload AS p FROM lookups WHERE customer_number = 'C-7'").get()?.['p'] as Uint8Array).subarray(0, 48)
    db.close()
    expect(cache.clear()).toBe(40)
    const files = () => Buffer.concat(readdirSync(join(env.dir, 'cache')).map((name) => readFileSync(join(env.dir, 'cache', name))))
    for (const bytes of [files(), (cache.close(), files())]) {
      expect(bytes.includes(sample)).toBe(false) // while open (file and WAL), and after close
      expect(bytes.includes('C-7')).toBe(false)
    }
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
