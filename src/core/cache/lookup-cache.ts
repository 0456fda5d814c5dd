/**
 * The offline cache of customer lookups and payment-token metadata: one sqlite file (node:sqlite,
 * WAL) in the main process / Node host, every payload encrypted (see envelope.ts).
 *
 * Stored in clear: profile, kind, key, customer_number and cached_at (needed to address, list and
 * purge rows without the key). Callers must therefore use non-personal keys (a customer number, a
 * provider id) - never an email, a name or a raw provider token; those belong in the value.
 *
 * Fails closed: without OS secret storage `openLookupCache` throws ENCRYPTION_UNAVAILABLE before
 * anything is written. A record that fails to decrypt is deleted and reported; the rest stays usable.
 * A database file sqlite cannot read is moved aside to `<file>.corrupt-<timestamp>` and a fresh one is
 * started (`movedAsideTo` in the result says where it went).
 *
 * Every method after open is synchronous (sqlite and AES run in-process in microseconds).
 */
import { chmodSync, existsSync, mkdirSync, renameSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { silentLogger } from '../log.ts'
import type { Logger } from '../log.ts'
import type { SecretCipher } from '../platform/ports.ts'
import { loadDataKey, open, requireCipher, rowAad, seal } from './envelope.ts'
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

export interface CacheEntryInfo {
  kind: string
  key: string
  customerNumber: string | null
  cachedAt: number
}

export interface LookupCache {
  /** Stores (or replaces) one value, JSON-serialised and encrypted. */
  put(profile: string, kind: string, key: string, customerNumber: string | null, value: unknown): void
  /** The value, or null when absent, expired or unreadable (an unreadable record is deleted). */
  get(profile: string, kind: string, key: string): CachedValue | null
  /** Metadata of a profile's entries, newest first; no payload is decrypted. */
  list(profile: string, kind?: string): CacheEntryInfo[]
  /** Deletes entries past retention, then the oldest beyond maxEntries; returns how many went. */
  purge(): number
  /** Deletes every entry of one profile, or of all profiles. Returns how many went. */
  clear(profile?: string): number
  close(): void
}

export interface OpenedLookupCache {
  cache: LookupCache
  /** Where an unreadable database file was moved, or null when the existing file opened fine. */
  movedAsideTo: string | null
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS lookups (
  profile TEXT NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  customer_number TEXT,
  cached_at INTEGER NOT NULL,
  iv BLOB NOT NULL,
  tag BLOB NOT NULL,
  payload BLOB NOT NULL,
  PRIMARY KEY (profile, kind, key)
);
CREATE INDEX IF NOT EXISTS lookups_profile_cached_at ON lookups (profile, cached_at);
`

export async function openLookupCache(options: LookupCacheOptions): Promise<OpenedLookupCache> {
  const now = options.now ?? Date.now
  const logger = options.logger ?? silentLogger()
  const retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS
  const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES

  // Fail closed before touching the disk.
  await requireCipher(options.cipher)
  const { key: dataKey, fresh } = await loadDataKey(options.cipher, options.keyStore)

  mkdirSync(dirname(options.file), { recursive: true, mode: 0o700 })
  let movedAsideTo: string | null = null
  let db = tryOpen(options.file)
  if (db === null) {
    movedAsideTo = moveAside(options.file, now())
    logger.warn('lookup cache file was unreadable; moved aside and started a fresh one')
    db = tryOpen(options.file)
    if (db === null) throw new Error('could not create a fresh lookup cache')
  }
  restrictMode(options.file)

  const database = db
  if (fresh) {
    // A new data key cannot read rows written under an older one.
    const { changes } = database.prepare('DELETE FROM lookups').run()
    if (Number(changes) > 0) logger.warn('lookup cache key was replaced; old entries discarded', { count: Number(changes) })
  }

  const upsert = database.prepare(
    `INSERT INTO lookups (profile, kind, key, customer_number, cached_at, iv, tag, payload)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (profile, kind, key) DO UPDATE SET customer_number = excluded.customer_number,
       cached_at = excluded.cached_at, iv = excluded.iv, tag = excluded.tag, payload = excluded.payload`,
  )
  const selectOne = database.prepare('SELECT cached_at, iv, tag, payload FROM lookups WHERE profile = ? AND kind = ? AND key = ?')
  const deleteOne = database.prepare('DELETE FROM lookups WHERE profile = ? AND kind = ? AND key = ?')
  const listAll = database.prepare(
    'SELECT kind, key, customer_number, cached_at FROM lookups WHERE profile = ? ORDER BY cached_at DESC, kind, key',
  )
  const listKind = database.prepare(
    'SELECT kind, key, customer_number, cached_at FROM lookups WHERE profile = ? AND kind = ? ORDER BY cached_at DESC, key',
  )
  const deleteExpired = database.prepare('DELETE FROM lookups WHERE cached_at < ?')
  const countAll = database.prepare('SELECT count(*) AS n FROM lookups')
  const deleteOldest = database.prepare(
    'DELETE FROM lookups WHERE rowid IN (SELECT rowid FROM lookups ORDER BY cached_at ASC, rowid ASC LIMIT ?)',
  )

  const cache: LookupCache = {
    put(profile, kind, key, customerNumber, value) {
      const json = JSON.stringify(value)
      if (json === undefined) throw new TypeError('lookup cache values must be JSON-serialisable')
      const sealed = seal(dataKey, rowAad(profile, kind, key), json)
      upsert.run(profile, kind, key, customerNumber, now(), sealed.iv, sealed.tag, sealed.payload)
    },

    get(profile, kind, key) {
      const row = selectOne.get(profile, kind, key)
      if (row === undefined) return null
      const cachedAt = Number(row['cached_at'])
      if (cachedAt < now() - retentionMs) {
        deleteOne.run(profile, kind, key)
        return null
      }
      try {
        const plain = open(dataKey, rowAad(profile, kind, key), {
          iv: asBytes(row['iv']),
          tag: asBytes(row['tag']),
          payload: asBytes(row['payload']),
        })
        return { value: JSON.parse(plain) as unknown, cachedAt }
      } catch {
        deleteOne.run(profile, kind, key)
        // The key may be personal data in a careless caller's hands: log profile and kind only.
        logger.warn('lookup cache record could not be decrypted; deleted', { profile, kind })
        return null
      }
    },

    list(profile, kind) {
      const rows = kind === undefined ? listAll.all(profile) : listKind.all(profile, kind)
      return rows.map((row) => ({
        kind: String(row['kind']),
        key: String(row['key']),
        customerNumber: row['customer_number'] === null ? null : String(row['customer_number']),
        cachedAt: Number(row['cached_at']),
      }))
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

/** Opens and prepares the database; null when sqlite cannot read the file. */
function tryOpen(file: string): DatabaseSync | null {
  let db: DatabaseSync | null = null
  try {
    db = new DatabaseSync(file)
    db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;')
    db.exec(SCHEMA)
    db.prepare('SELECT count(*) FROM lookups').get()
    return db
  } catch {
    try {
      db?.close()
    } catch {
      // already unusable
    }
    return null
  }
}

function moveAside(file: string, timestamp: number): string {
  const target = `${file}.corrupt-${timestamp}`
  renameSync(file, target)
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix)
  }
  return target
}

function restrictMode(file: string): void {
  if (process.platform === 'win32') return
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, 0o600)
  }
}

function asBytes(value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value
  throw new Error('expected a BLOB')
}
