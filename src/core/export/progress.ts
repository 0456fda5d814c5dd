/**
 * Progress of the exports this process runs, by exportId, kept in memory: while running, and for a
 * few minutes after the export ended (done or failed) so a late poll still gets the final state.
 * An id the board does not hold (never started, or forgotten) is 'unknown'.
 */
import type { ExportProgress } from '../../shared/records.ts'

export const KEEP_ENDED_MS = 5 * 60 * 1000

interface Entry {
  progress: ExportProgress
  /** When it ended, or null while running. */
  endedAt: number | null
}

export interface ProgressBoard {
  /** False when an export with this id is already running. */
  start(exportId: string): boolean
  total(exportId: string, totalRows: number): void
  rows(exportId: string, rowsWritten: number): void
  end(exportId: string, state: 'done' | 'failed'): void
  get(exportId: string): ExportProgress
}

export function createProgressBoard(options: { now: () => number; keepMs?: number }): ProgressBoard {
  const keepMs = options.keepMs ?? KEEP_ENDED_MS
  const entries = new Map<string, Entry>()
  const forgetOld = () => {
    const cutoff = options.now() - keepMs
    for (const [id, entry] of entries) if (entry.endedAt !== null && entry.endedAt <= cutoff) entries.delete(id)
  }
  const update = (exportId: string, change: Partial<ExportProgress>) => {
    const entry = entries.get(exportId)
    if (entry !== undefined && entry.endedAt === null) entry.progress = { ...entry.progress, ...change }
  }
  return {
    start(exportId) {
      forgetOld()
      if (entries.get(exportId)?.endedAt === null) return false
      entries.set(exportId, { progress: { exportId, state: 'running', rowsWritten: 0, totalRows: null }, endedAt: null })
      return true
    },
    total: (exportId, totalRows) => update(exportId, { totalRows }),
    rows: (exportId, rowsWritten) => update(exportId, { rowsWritten }),
    end(exportId, state) {
      update(exportId, { state })
      const entry = entries.get(exportId)
      if (entry !== undefined) entry.endedAt = options.now()
    },
    get(exportId) {
      forgetOld()
      return entries.get(exportId)?.progress ?? { exportId, state: 'unknown', rowsWritten: 0, totalRows: null }
    },
  }
}
