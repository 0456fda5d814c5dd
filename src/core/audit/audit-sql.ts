/**
 * The audit log's table and the SQL of its filters. The table refuses UPDATE and DELETE itself
 * (triggers that RAISE), so no code path, buggy or not, can change or remove an entry; the triggers
 * are re-created on every open. The indexes serve each filter with the newest-first order (a rowid
 * table's index ends in the id), so a filtered page stays fast however long the log grows.
 */
import type { SQLInputValue } from 'node:sqlite'
import type { AuditFilter } from '../../shared/records.ts'
import { AppError } from '../../shared/errors.ts'

export const AUDIT_SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  agent TEXT,
  profile TEXT NOT NULL,
  action TEXT NOT NULL,
  customer_number TEXT,
  provider TEXT,
  token TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'failed')),
  error_code TEXT,
  detail TEXT
);
CREATE TRIGGER IF NOT EXISTS audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only: they cannot be changed'); END;
CREATE TRIGGER IF NOT EXISTS audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only: they cannot be deleted'); END;
CREATE INDEX IF NOT EXISTS audit_entries_action ON audit_entries (action);
CREATE INDEX IF NOT EXISTS audit_entries_agent ON audit_entries (agent);
CREATE INDEX IF NOT EXISTS audit_entries_customer ON audit_entries (customer_number);
CREATE INDEX IF NOT EXISTS audit_entries_outcome ON audit_entries (outcome);
CREATE INDEX IF NOT EXISTS audit_entries_at ON audit_entries (at);
`

export const COLUMNS = 'id, at, agent, profile, action, customer_number, provider, token, outcome, error_code, detail'

export const INSERT = `INSERT INTO audit_entries (at, agent, profile, action, customer_number, provider, token, outcome, error_code, detail)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

export interface Where {
  /** `WHERE …` or '' for no filter. */
  sql: string
  params: SQLInputValue[]
}

const DAY_MS = 24 * 60 * 60 * 1000

/** The filter as SQL. Dates are inclusive UTC days: from 00:00 of `from` to before 00:00 after `to`. */
export function whereOf(filter: AuditFilter, beforeId?: number): Where {
  const terms: string[] = []
  const params: SQLInputValue[] = []
  const add = (term: string, value: SQLInputValue) => {
    terms.push(term)
    params.push(value)
  }
  if (filter.action !== undefined) add('action = ?', filter.action)
  if (filter.agent !== undefined) add('agent = ?', filter.agent)
  if (filter.customerNumber !== undefined) add('customer_number = ?', filter.customerNumber)
  if (filter.outcome !== undefined) add('outcome = ?', filter.outcome)
  if (filter.from !== undefined) add('at >= ?', new Date(utcDay(filter.from, 'from')).toISOString())
  if (filter.to !== undefined) add('at < ?', new Date(utcDay(filter.to, 'to') + DAY_MS).toISOString())
  if (beforeId !== undefined) add('id < ?', beforeId)
  return { sql: terms.length === 0 ? '' : `WHERE ${terms.join(' AND ')}`, params }
}

/** Midnight UTC of a YYYY-MM-DD date that exists (2026-02-30 is refused, not rolled over). */
function utcDay(date: string, field: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const [year, month, day] = match === null ? [Number.NaN, 0, 0] : [Number(match[1]), Number(match[2]), Number(match[3])]
  const ms = Date.UTC(year, month - 1, day)
  const back = new Date(Number.isNaN(ms) ? 0 : ms)
  if (Number.isNaN(ms) || back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    throw new AppError('VALIDATION', `filter.${field}: not a date (YYYY-MM-DD)`)
  }
  return ms
}
