/**
 * The audit log: one append-only node:sqlite file (WAL) in the console's data folder, shared by the app
 * and the CLI. `append` stores what it is given made safe: the token masked (a raw identifier never
 * reaches the disk), text fields stripped of control characters and bounded, the time as ISO 8601.
 * The database itself refuses to change or delete an entry (see audit-sql.ts). An unreadable file is
 * moved aside and a fresh log started (`movedAsideTo`). Every method is synchronous.
 */
import { join } from 'node:path'
import type { SQLOutputValue, StatementSync } from 'node:sqlite'
import { ProfileKind } from '../../shared/domain.ts'
import { ERROR_CODES } from '../../shared/errors.ts'
import type { ErrorCode } from '../../shared/errors.ts'
import { AuditAction, AuditOutcome, maskTokenId } from '../../shared/records.ts'
import type { AuditEntry } from '../../shared/records.ts'
import { silentLogger } from '../log.ts'
import type { Logger } from '../log.ts'
import { openSqliteFile } from '../platform/sqlite-file.ts'
import { AUDIT_SCHEMA, COLUMNS, INSERT, whereOf } from './audit-sql.ts'
import type { AuditLog, AuditRecord } from './types.ts'

/** The audit log's file name in the console's data folder (userData in the app, the CLI's data folder). */
export const AUDIT_LOG_FILE = 'audit-log.sqlite'
export const auditLogPath = (dataDir: string): string => join(dataDir, AUDIT_LOG_FILE)

/** Longest `detail` kept; longer text is cut. */
export const MAX_DETAIL = 200
const MAX_FIELD = 100
export const DEFAULT_PAGE = 100
export const MAX_PAGE = 1000

export interface AuditLogOptions {
  /** Path of the sqlite file; its folder is created (0700), the file is 0600. */
  file: string
  now?: () => number
  logger?: Logger
}

export interface OpenedAuditLog extends AuditLog {
  /** Where an unreadable file was moved, or null when the existing file opened fine. */
  readonly movedAsideTo: string | null
}

export function openAuditLog(options: AuditLogOptions): OpenedAuditLog {
  const now = options.now ?? Date.now
  const { db, movedAsideTo } = openSqliteFile(options.file, {
    name: 'audit log',
    now,
    logger: options.logger ?? silentLogger(),
    prepare(database) {
      database.exec(AUDIT_SCHEMA)
      database.prepare('SELECT count(*) FROM audit_entries').get()
    },
  })
  const insert = db.prepare(INSERT)
  const statements = new Map<string, StatementSync>()
  /** list and count run to completion, so their statements can be kept and reused. */
  const cached = (sql: string): StatementSync => {
    let statement = statements.get(sql)
    if (statement === undefined) {
      statement = db.prepare(sql)
      statements.set(sql, statement)
    }
    return statement
  }
  const count: AuditLog['count'] = (filter) => {
    const where = whereOf(filter)
    return Number(cached(`SELECT count(*) AS n FROM audit_entries ${where.sql}`).get(...where.params)?.['n'] ?? 0)
  }

  return {
    movedAsideTo,

    append(record) {
      const row = storedRow(record, new Date(now()).toISOString())
      const { lastInsertRowid } = insert.run(
        row.at, row.agent, row.profile, row.action, row.customerNumber, row.provider, row.token, row.outcome, row.errorCode, row.detail,
      )
      return { id: Number(lastInsertRowid), ...row }
    },

    list(filter, options = {}) {
      const limit = Math.min(MAX_PAGE, Math.max(1, Math.floor(options.limit ?? DEFAULT_PAGE)))
      const where = whereOf(filter, options.beforeId)
      const rows = cached(`SELECT ${COLUMNS} FROM audit_entries ${where.sql} ORDER BY id DESC LIMIT ?`).all(...where.params, limit)
      return { entries: rows.map(entryOf), total: count(filter) }
    },

    iterate(filter) {
      const where = whereOf(filter)
      // A statement of its own: reusing a prepared statement would reset a running iteration.
      const statement = db.prepare(`SELECT ${COLUMNS} FROM audit_entries ${where.sql} ORDER BY id ASC`)
      return (function* () {
        for (const row of statement.iterate(...where.params)) yield entryOf(row)
      })()
    },

    count,

    close() {
      if (db.isOpen) db.close()
    },
  }
}

/** The record as it is stored: validated, token masked, text bounded, time set. */
function storedRow(record: AuditRecord, at: string): Omit<AuditEntry, 'id'> {
  const errorCode = record.errorCode ?? null
  if (errorCode !== null && !(ERROR_CODES as readonly string[]).includes(errorCode)) throw new TypeError('unknown audit error code')
  const token = record.token === undefined || record.token === null || record.token === '' ? null : maskTokenId(record.token)
  return {
    at,
    agent: bounded(record.agent, MAX_FIELD),
    profile: ProfileKind.parse(record.profile),
    action: AuditAction.parse(record.action),
    customerNumber: bounded(record.customerNumber, MAX_FIELD),
    provider: bounded(record.provider, MAX_FIELD),
    token,
    outcome: AuditOutcome.parse(record.outcome),
    errorCode,
    detail: bounded(record.detail, MAX_DETAIL),
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]+/g

/** Control characters become one space; trimmed; cut to `max` characters; empty → null. */
export function bounded(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null
  const text = [...value.replace(CONTROL, ' ').trim()].slice(0, max).join('').trimEnd()
  return text === '' ? null : text
}

function entryOf(row: Record<string, SQLOutputValue>): AuditEntry {
  const text = (key: string): string | null => (row[key] === null || row[key] === undefined ? null : String(row[key]))
  return {
    id: Number(row['id']),
    at: String(row['at']),
    agent: text('agent'),
    profile: String(row['profile']) as AuditEntry['profile'],
    action: String(row['action']) as AuditEntry['action'],
    customerNumber: text('customer_number'),
    provider: text('provider'),
    token: text('token'),
    outcome: String(row['outcome']) as AuditEntry['outcome'],
    errorCode: text('error_code') as ErrorCode | null,
    detail: text('detail'),
  }
}
