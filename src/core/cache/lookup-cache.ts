/**
 * The offline cache of customer lookups and payment-token metadata: one sqlite file (node:sqlite,
 * WAL) in the main process / Node host, every payload encrypted (see envelope.ts).
 *
 * Stored in clear: profile, kind, customer_number and cached_at (needed to address, list and purge
 * rows). The row key is stored only as an HMAC digest (envelope.ts), so a key that is personal data
 * never lies on disk; the customer number is in clear, so never pass anything else there.
 *
 * Fails closed: without OS secret storage `openLookupCache` throws ENCRYPTION_UNAVAILABLE before
 * anything is written. A record that fails to decrypt is deleted and reported; the rest stays usable.
 * A database file sqlite cannot read is moved aside to `<file>.corrupt-<timestamp>` and a fresh one is
 * started (`movedAsideTo` in the result says where it went).
 *
 * Every method after open is synchronous (sqlite and AES run in-process in microseconds).
 */
import type { DatabaseSync } from 'node:sqlite'
import { silentLogger } from '../log.ts'
import type { Logger } from '../log.ts'
import type { SecretCipher } from '../platform/ports.ts'
import { openSqliteFile } from '../platform/sqlite-file.ts'
import { keyDigester, loadDataKey, open, requireCipher, rowAad, seal } from './envelope.ts'
import type { WrappedKeyStore } from './envelope.ts'

export const DEFAULT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000
export const DEFAULT_MAX_ENTRIES = 50_000

export interface LookupCacheOptions {
  /** Path of the sqlite file; its folder is created (0700) when missing. */
  file: string
  /** The platform cipher that wraps the data key (safeStorage in the app). */
  cipher: SecretCipher
  /** Holds the wrapped data key (base64). */
  keyStore: WrappedKeyStore
  now?: () => number
  /** Entries older than this are neither served nor kept. Default 30 days. */
  retentionMs?: number
  /** `purge()` keeps at most this many entries (the newest). Default 50,000. */
  maxEntries?: number
  logger?: Logger
}

export interface CachedValue {
  value: unknown
  cachedAt: number
}

export interface CachedEntry extends CachedValue {
  customerNumber: string | null
}

export interface CacheEntryInfo {
  kind: string
  customerNumber: string | null
  cachedAt: number
}

export interface CacheLimits {
  retentionMs: number
  maxEntries: number
}

export interface LookupCache {
  /** Stores (or replaces) one value, JSON-serialised and encrypted; the key is stored as a digest only. */
  put(profile: string, kind: string, key: string, customerNumber: string | null, value: unknown): void
  /** The value, or null when absent, expired or unreadable (an unreadable record is deleted). */
  get(profile: string, kind: string, key: string): CachedValue | null
  /** Metadata of a profile's entries, newest first; no payload is decrypted. */
  list(profile: string, kind?: string): CacheEntryInfo[]
  /** The values of one kind, newest first, decrypted lazily; unreadable records are skipped and deleted. */
  values(profile: string, kind: string): Generator<CachedEntry, void, undefined>
  /** Every profile's entries: how many, and the oldest one's time. */
  stats(): { entries: number; oldestCachedAt: number | null }
  /** New retention and size cap, applied at once (purged); returns how many entries went. */
  setLimits(limits: CacheLimits): number
  /** Deletes entries past retention, then the oldest beyond maxEntries; returns how many went. */
  purge(): number
  /** Deletes every entry of one profile, or of all profiles (overwritten on disk). Returns how many went. */
  clear(profile?: string): number
  close(): void
}

export interface OpenedLookupCache {
  cache: LookupCache
  /** Where an unreadable database file was moved, or null when the existing file opened fine. */
  movedAsideTo: string | null
}

/** v2: row keys stored as HMAC digests. A file of an older version has its table dropped on open. */
const SCHEMA_VERSION = 2
const SCHEMA = `
CREATE TABLE IF NOT EXISTS lookups (
  profile TEXT NOT NULL,
  kind TEXT NOT NULL,
  key_digest TEXT NOT NULL,
  customer_number TEXT,
  cached_at INTEGER NOT NULL,
  iv BLOB NOT NULL,
  tag BLOB NOT NULL,
  payload BLOB NOT NULL,
  PRIMARY KEY (profile, kind, key_digest)
);
CREATE INDEX IF NOT EXISTS lookups_kind_cached_at ON lookups (profile, kind, cached_at);
CREATE INDEX IF NOT EXISTS lookups_cached_at ON lookups (cached_at);
`

function prepareSchema(db: DatabaseSync): void {
  // Deleted rows (a wipe, a purge, an old table) are overwritten in the file, not left in free pages.
  db.exec('PRAGMA secure_delete = ON')
  const version = Number(db.prepare('PRAGMA user_version').get()?.['user_version'] ?? 0)
  if (version < SCHEMA_VERSION) db.exec(`DROP TABLE IF EXISTS lookups; PRAGMA user_version = ${SCHEMA_VERSION};`)
  db.exec(SCHEMA)
  db.prepare('SELECT count(*) FROM lookups').get()
}

export async function openLookupCache(options: LookupCacheOptions): Promise<OpenedLookupCache> {
  const now = options.now ?? Date.now
  const logger = options.logger ?? silentLogger()
  let retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS
  let maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES

  // Fail closed before touching the disk.
  await requireCipher(options.cipher)
  const { key: dataKey, fresh } = await loadDataKey(options.cipher, options.keyStore)
  const digest = keyDigester(dataKey)

  const { db: database, movedAsideTo } = openSqliteFile(options.file, { name: 'lookup cache', now, logger, prepare: prepareSchema })
  if (fresh) {
    // A new data key cannot read rows written under an older one.
    const { changes } = database.prepare('DELETE FROM lookups').run()
    if (Number(changes) > 0) logger.warn('lookup cache key was replaced; old entries discarded', { count: Number(changes) })
  }

  const upsert = database.prepare(
    `INSERT INTO lookups (profile, kind, key_digest, customer_number, cached_at, iv, tag, payload)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (profile, kind, key_digest) DO UPDATE SET customer_number = excluded.customer_number,
       cached_at = excluded.cached_at, iv = excluded.iv, tag = excluded.tag, payload = excluded.payload`,
  )
  const selectOne = database.prepare('SELECT cached_at, iv, tag, payload FROM lookups WHERE profile = ? AND kind = ? AND key_digest = ?')
  const deleteOne = database.prepare('DELETE FROM lookups WHERE profile = ? AND kind = ? AND key_digest = ?')
  const listAll = database.prepare(
    'SELECT kind, customer_number, cached_at FROM lookups WHERE profile = ? ORDER BY cached_at DESC, rowid DESC',
  )
  const listKind = database.prepare(
    'SELECT kind, customer_number, cached_at FROM lookups WHERE profile = ? AND kind = ? ORDER BY cached_at DESC, rowid DESC',
  )
  const valuesOfKind = database.prepare(
    `SELECT key_digest, customer_number, cached_at, iv, tag, payload FROM lookups
     WHERE profile = ? AND kind = ? AND cached_at >= ? ORDER BY cached_at DESC, rowid DESC`,
  )
  const deleteExpired = database.prepare('DELETE FROM lookups WHERE cached_at < ?')
  const countAll = database.prepare('SELECT count(*) AS n, min(cached_at) AS oldest FROM lookups')
  const deleteOldest = database.prepare(
    'DELETE FROM lookups WHERE rowid IN (SELECT rowid FROM lookups ORDER BY cached_at ASC, rowid ASC LIMIT ?)',
  )

  /** The row's value, or null when it does not decrypt (tampered, another row's, another key's). */
  const unseal = (profile: string, kind: string, keyDigest: string, row: Record<string, unknown>): { value: unknown } | null => {
    try {
      const sealed = { iv: asBytes(row['iv']), tag: asBytes(row['tag']), payload: asBytes(row['payload']) }
      return { value: JSON.parse(open(dataKey, rowAad(profile, kind, keyDigest), sealed)) as unknown }
    } catch {
      return null
    }
  }
  const discard = (profile: string, kind: string, keyDigest: string): void => {
    deleteOne.run(profile, kind, keyDigest)
    logger.warn('lookup cache record could not be decrypted; deleted', { profile, kind })
  }

  const cache: LookupCache = {
    put(profile, kind, key, customerNumber, value) {
      const json = JSON.stringify(value)
      if (json === undefined) throw new TypeError('lookup cache values must be JSON-serialisable')
      const keyDigest = digest(profile, kind, key)
      const sealed = seal(dataKey, rowAad(profile, kind, keyDigest), json)
      upsert.run(profile, kind, keyDigest, customerNumber, now(), sealed.iv, sealed.tag, sealed.payload)
    },

    get(profile, kind, key) {
      const keyDigest = digest(profile, kind, key)
      const row = selectOne.get(profile, kind, keyDigest)
      if (row === undefined) return null
      const cachedAt = Number(row['cached_at'])
      if (cachedAt < now() - retentionMs) {
        deleteOne.run(profile, kind, keyDigest)
        return null
      }
      const opened = unseal(profile, kind, keyDigest, row)
      if (opened === null) discard(profile, kind, keyDigest)
      return opened === null ? null : { value: opened.value, cachedAt }
    },

    list(profile, kind) {
      const rows = kind === undefined ? listAll.all(profile) : listKind.all(profile, kind)
      return rows.map((row) => ({
        kind: String(row['kind']),
        customerNumber: row['customer_number'] === null ? null : String(row['customer_number']),
        cachedAt: Number(row['cached_at']),
      }))
    },

    *values(profile, kind) {
      const unreadable: string[] = []
      try {
        for (const row of valuesOfKind.iterate(profile, kind, now() - retentionMs)) {
          const keyDigest = String(row['key_digest'])
          const opened = unseal(profile, kind, keyDigest, row)
          if (opened === null) {
            unreadable.push(keyDigest)
            continue
          }
          const customerNumber = row['customer_number'] === null ? null : String(row['customer_number'])
          yield { value: opened.value, cachedAt: Number(row['cached_at']), customerNumber }
        }
      } finally {
        // Deleted once the cursor is closed, never under it.
        for (const keyDigest of unreadable) discard(profile, kind, keyDigest)
      }
    },

    stats() {
      const row = countAll.get()
      const oldest = row?.['oldest']
      return { entries: Number(row?.['n'] ?? 0), oldestCachedAt: oldest === null || oldest === undefined ? null : Number(oldest) }
    },

    setLimits(limits) {
      retentionMs = limits.retentionMs
      maxEntries = limits.maxEntries
      return cache.purge()
    },

    purge() {
      let removed = Number(deleteExpired.run(now() - retentionMs).changes)
      const total = Number(countAll.get()?.['n'] ?? 0)
      if (total > maxEntries) removed += Number(deleteOldest.run(total - maxEntries).changes)
      return removed
    },

    clear(profile) {
      const result =
        profile === undefined
          ? database.prepare('DELETE FROM lookups').run()
          : database.prepare('DELETE FROM lookups WHERE profile = ?').run(profile)
      // Old page images in the WAL go too.
      database.exec('PRAGMA wal_checkpoint(TRUNCATE)')
      return Number(result.changes)
    },

    close() {
      if (database.isOpen) database.close()
    },
  }

  const purged = cache.purge()
  if (purged > 0) logger.info('lookup cache purged on open', { count: purged })
  return { cache, movedAsideTo }
}

function asBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value
  throw new Error('expected a BLOB')
}
