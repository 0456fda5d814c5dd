/**
 * Opening one of the console's own node:sqlite files (the lookup cache, the audit log) the same way:
 * the folder created 0700, the file created 0600 before sqlite touches it (sqlite gives its -wal and
 * -shm files the database file's mode), WAL journal, a busy timeout so the app and the CLI can share a
 * file. A file sqlite cannot read, or whose schema cannot be set up, is moved aside to
 * `<file>.corrupt-<timestamp>` (with its -wal and -shm) and a fresh one is started.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, renameSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { Logger } from '../log.ts'

export interface OpenSqliteOptions {
  /** Sets up the schema and reads something, so a file sqlite cannot read fails here. */
  prepare(db: DatabaseSync): void
  now: () => number
  logger: Logger
  /** What the file is, for the log ("lookup cache"). */
  name: string
}

export interface OpenedSqlite {
  db: DatabaseSync
  /** Where an unreadable file was moved, or null when the existing file opened fine. */
  movedAsideTo: string | null
}

const BUSY_TIMEOUT_MS = 5_000

export function openSqliteFile(file: string, options: OpenSqliteOptions): OpenedSqlite {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 })
  let movedAsideTo: string | null = null
  let db = tryOpen(file, options.prepare)
  if (db === null) {
    if (!existsSync(file)) throw new Error(`could not create the ${options.name} file`)
    movedAsideTo = moveAside(file, options.now())
    options.logger.warn(`${options.name} file was unreadable; moved aside and started a fresh one`)
    db = tryOpen(file, options.prepare)
    if (db === null) throw new Error(`could not create a fresh ${options.name}`)
  }
  restrictMode(file)
  return { db, movedAsideTo }
}

/** Opens and prepares the database; null when sqlite cannot read the file. */
function tryOpen(file: string, prepare: (db: DatabaseSync) => void): DatabaseSync | null {
  let db: DatabaseSync | null = null
  try {
    if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600))
    db = new DatabaseSync(file)
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;`)
    prepare(db)
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
