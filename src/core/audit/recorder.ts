/**
 * The AuditRecorder services call: binds entries to the running profile and never throws. An append
 * that fails (a full disk, a locked file) is logged and the action it records goes on; the caller's
 * outcome must not depend on the audit store.
 */
import type { ProfileKind } from '../../shared/domain.ts'
import type { Logger } from '../log.ts'
import type { AuditLog, AuditRecorder } from './types.ts'

export function createAuditRecorder(log: AuditLog, options: { profile: () => ProfileKind; logger: Logger }): AuditRecorder {
  return {
    record(record) {
      try {
        log.append({ ...record, profile: options.profile() })
      } catch (error) {
        // The action and outcome only: the record may hold a raw token.
        options.logger.error('an audit entry could not be written', {
          action: record.action,
          outcome: record.outcome,
          reason: error instanceof Error ? error.message : 'unknown',
        })
      }
    },
  }
}
