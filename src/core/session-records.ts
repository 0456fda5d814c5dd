/**
 * What the runtime keeps on this machine across profiles: the lookup cache ("local data", cache/local-data.ts)
 * and the audit log (`auditLogPath(dataDir)`, shared with the CLI), opened once per run and closed on
 * dispose; an audit recorder per profile; and the session handlers of `localData:*` and `audit:*`.
 */
import type { SessionHandlers } from '../shared/contract.ts'
import type { ProfileKind } from '../shared/domain.ts'
import { AppError } from '../shared/errors.ts'
import { auditLogPath, openAuditLog } from './audit/audit-log.ts'
import { createAuditRecorder } from './audit/recorder.ts'
import { noAudit } from './audit/types.ts'
import type { AuditLog, AuditRecorder } from './audit/types.ts'
import { openLocalData } from './cache/local-data.ts'
import type { LocalData } from './cache/local-data.ts'
import { bindProfileCache, toRecentLookup } from './cache/profile-cache.ts'
import type { ProfileCache } from './cache/profile-cache.ts'
import type { Logger } from './log.ts'
import type { Platform } from './platform/ports.ts'

export interface SessionRecords {
  /** Resolves once both stores are open (or known to be unavailable). Never rejects. */
  ready: Promise<void>
  localData: LocalData
  /** Null when the audit log could not be opened (logged). */
  auditLog: AuditLog | null
  /** Records under `profile`. Never throws. */
  recorder(profile: ProfileKind): AuditRecorder
  /** The lookup cache as `profile`'s services see it. */
  profileCache(profile: ProfileKind): ProfileCache
  /** Empties the lookup cache (sign-out, profile switch); returns how many entries went. Never throws. */
  wipe(why: string): number
  close(): void
}

const RECENT_DEFAULT = 50

export function openSessionRecords(options: { dataDir: string; platform: Platform; logger: Logger }): SessionRecords {
  const { logger } = options
  const localData = openLocalData({ dataDir: options.dataDir, cipher: options.platform.secrets, settings: options.platform.settings, logger })
  let auditLog: AuditLog | null = null
  try {
    auditLog = openAuditLog({ file: auditLogPath(options.dataDir), logger })
  } catch (error) {
    logger.error('the audit log could not be opened', { error })
  }
  const log = auditLog

  return {
    ready: localData.ready,
    localData,
    auditLog,
    recorder: (profile) => (log === null ? noAudit : createAuditRecorder(log, { profile: () => profile, logger })),
    profileCache: (profile) => bindProfileCache(localData.cache, profile, logger),
    wipe(why) {
      try {
        const removed = localData.clear()
        logger.info(`local data wiped: ${why}`, { count: removed })
        return removed
      } catch (error) {
        logger.error(`local data could not be wiped: ${why}`, { error })
        return 0
      }
    },
    close() {
      localData.close()
      log?.close()
    },
  }
}

/** The running profile as these handlers need it. */
export interface RecordsContext {
  profile: ProfileKind
  cache: ProfileCache
  /** The signed-in agent's user id, or null. */
  agent: string | null
}

export function recordsHandlers(
  records: SessionRecords,
  context: () => Promise<RecordsContext>,
  logger: Logger,
): Pick<SessionHandlers, 'localData:get' | 'localData:save' | 'localData:clear' | 'localData:recent' | 'audit:list' | 'audit:reveal'> {
  return {
    'localData:get': async () => records.localData.state(),
    'localData:save': async (settings) => records.localData.save(settings),
    'localData:clear': async () => {
      const { profile, agent } = await context()
      const removed = records.wipe('cleared by the agent')
      records.recorder(profile).record({ agent, action: 'localData.clear', outcome: 'ok', detail: `entries=${removed}` })
      return records.localData.state()
    },
    'localData:recent': async ({ query, limit }) => (await context()).cache.recentCustomers(query, limit ?? RECENT_DEFAULT).map(toRecentLookup),
    'audit:list': async ({ filter, limit, beforeId }) => {
      if (records.auditLog === null) throw new AppError('INTERNAL', 'The audit log could not be opened; details are in the log.')
      return records.auditLog.list(filter ?? {}, { ...(limit === undefined ? {} : { limit }), ...(beforeId === undefined ? {} : { beforeId }) })
    },
    // Unlike the recorder (which never throws), a reveal fails closed: no entry, no reveal.
    'audit:reveal': async ({ field, customerNumber, provider, token }) => {
      const { profile, agent } = await context()
      if (records.auditLog === null) throw new AppError('LOCAL_FILE', 'The audit log could not be opened, so the value stays hidden.')
      try {
        records.auditLog.append({ agent, profile, action: 'reveal', customerNumber: customerNumber ?? null, provider: provider ?? null, token: token ?? null, outcome: 'ok', detail: `field=${field}` })
      } catch (error) {
        logger.error('a reveal could not be written to the audit log', { field, reason: error instanceof Error ? error.message : 'unknown' })
        throw new AppError('LOCAL_FILE', 'The reveal could not be written to the audit log, so the value stays hidden.')
      }
      return { recorded: true }
    },
  }
}
