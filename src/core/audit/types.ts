/**
 * The audit log's seams: what a service records (AuditRecorder, bound to the running profile) and
 * what the store offers (AuditLog, node:sqlite in audit-log.ts). Entries are append-only.
 */
import type { ProfileKind } from '../../shared/domain.ts'
import type { ErrorCode } from '../../shared/errors.ts'
import type { AuditAction, AuditEntry, AuditFilter, AuditPage } from '../../shared/records.ts'

/** What a caller records. `token` may be the raw identifier: the log masks it before storing. */
export interface AuditRecord {
  agent: string | null
  profile: ProfileKind
  action: AuditAction
  customerNumber?: string | null
  provider?: string | null
  token?: string | null
  outcome: 'ok' | 'failed'
  errorCode?: ErrorCode | null
  /** Structured, non-personal detail ("table=tokens rows=12"); never free text typed by the agent. */
  detail?: string | null
}

export interface AuditLog {
  /** Stores one entry (token masked, detail bounded) and returns it as stored. */
  append(record: AuditRecord): AuditEntry
  /** Newest first. */
  list(filter: AuditFilter, options?: { limit?: number; beforeId?: number }): AuditPage
  /** Every matching entry, oldest first, read lazily (for exports of any size). */
  iterate(filter: AuditFilter): IterableIterator<AuditEntry>
  count(filter: AuditFilter): number
  close(): void
}

/** A recorder bound to the running profile: what services and the runtime call. Never throws. */
export interface AuditRecorder {
  record(record: Omit<AuditRecord, 'profile'>): void
}

/** For hosts without an audit store (some unit tests): records nothing. */
export const noAudit: AuditRecorder = { record() {} }
