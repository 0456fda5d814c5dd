/**
 * "Local data": the lookup cache as the runtime holds it, once per run at `<dataDir>/cache/lookups.sqlite`,
 * its data key wrapped by the platform cipher in the settings store, its retention and size cap there
 * too (applied on open and on save). Without OS secret storage there is no cache at all (nothing is
 * written) and the state says why; an unreadable file moved aside is told to the agent once.
 */
import { join } from 'node:path'
import { isAppError } from '../../shared/errors.ts'
import { LocalDataSettings } from '../../shared/records.ts'
import type { LocalDataState } from '../../shared/records.ts'
import type { Logger } from '../log.ts'
import type { KeyValueStore, SecretCipher } from '../platform/ports.ts'
import { openLookupCache } from './lookup-cache.ts'
import type { LookupCache } from './lookup-cache.ts'

export const LOCAL_DATA_KEYS = { dataKey: 'localData.dataKey', settings: 'localData.settings' } as const
export const DEFAULT_LOCAL_DATA_SETTINGS: LocalDataSettings = { retentionDays: 30, maxEntries: 50_000 }
export const lookupCachePath = (dataDir: string): string => join(dataDir, 'cache', 'lookups.sqlite')

const DAY_MS = 24 * 60 * 60 * 1000
const MOVED_ASIDE_NOTICE =
  'The offline cache file could not be read, so it was set aside and a fresh one started: earlier lookups are not available offline.'
const OPEN_FAILED = 'The offline cache could not be opened; details are in the log. Lookups work online only.'

export interface LocalDataOptions {
  dataDir: string
  cipher: SecretCipher
  settings: KeyValueStore
  logger: Logger
  now?: () => number
}

export interface LocalData {
  /** Resolves once the cache is open or known to be unavailable. Never rejects. */
  ready: Promise<void>
  /** The open cache, or null (not open yet, unavailable, closed). */
  cache(): LookupCache | null
  /** The settings and what is kept; carries a pending notice once. */
  state(): LocalDataState
  save(settings: LocalDataSettings): LocalDataState
  /** Deletes every cached lookup of every profile; returns how many went. */
  clear(): number
  close(): void
}

export function openLocalData(options: LocalDataOptions): LocalData {
  const { logger } = options
  let cache: LookupCache | null = null
  let unavailableReason: string | null = null
  let notice: string | null = null
  let closed = false

  const settings = (): LocalDataSettings => {
    const parsed = LocalDataSettings.safeParse(options.settings.get(LOCAL_DATA_KEYS.settings))
    return parsed.success ? parsed.data : DEFAULT_LOCAL_DATA_SETTINGS
  }
  const limits = (chosen: LocalDataSettings) => ({ retentionMs: chosen.retentionDays * DAY_MS, maxEntries: chosen.maxEntries })

  const ready = (async () => {
    try {
      const opened = await openLookupCache({
        file: lookupCachePath(options.dataDir),
        cipher: options.cipher,
        keyStore: {
          get: () => {
            const value = options.settings.get(LOCAL_DATA_KEYS.dataKey)
            return typeof value === 'string' ? value : null
          },
          set: (value) => options.settings.set(LOCAL_DATA_KEYS.dataKey, value),
        },
        logger,
        ...limits(settings()),
        ...(options.now === undefined ? {} : { now: options.now }),
      })
      if (closed) return opened.cache.close()
      cache = opened.cache
      if (opened.movedAsideTo !== null) notice = MOVED_ASIDE_NOTICE
    } catch (error) {
      if (isAppError(error) && error.code === 'ENCRYPTION_UNAVAILABLE') {
        unavailableReason = error.message
        logger.warn('the offline cache is off: no secure storage on this system')
      } else {
        unavailableReason = OPEN_FAILED
        logger.error('the offline cache could not be opened', { error })
      }
    }
  })()

  const state = (): LocalDataState => {
    const stats = cache?.stats() ?? { entries: 0, oldestCachedAt: null }
    const told = notice
    notice = null
    return {
      settings: settings(),
      available: cache !== null,
      unavailableReason: cache === null ? (unavailableReason ?? 'The offline cache is not open yet.') : null,
      entries: stats.entries,
      oldestCachedAt: stats.oldestCachedAt === null ? null : new Date(stats.oldestCachedAt).toISOString(),
      notice: told,
    }
  }

  return {
    ready,
    cache: () => cache,
    state,
    save(chosen) {
      options.settings.set(LOCAL_DATA_KEYS.settings, chosen)
      const purged = cache?.setLimits(limits(chosen)) ?? 0
      if (purged > 0) logger.info('lookup cache purged after new limits', { count: purged })
      return state()
    },
    clear() {
      return cache?.clear() ?? 0
    },
    close() {
      closed = true
      cache?.close()
      cache = null
    },
  }
}
