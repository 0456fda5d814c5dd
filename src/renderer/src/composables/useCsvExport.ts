/**
 * Runs one CSV export through main (save dialog, temp file, rename) and asks for its progress every
 * 250 ms while it runs. Polling stops when the export answers, when main reports it done or failed,
 * and when the component goes away.
 */
import { onBeforeUnmount, shallowRef } from 'vue'
import type { ShallowRef } from 'vue'
import type { Result } from '../../../shared/errors.ts'
import type { ExportOutcome, ExportProgress, ExportRequest } from '../../../shared/records.ts'
import { api } from '../api.ts'
import { newExportId } from '../lib/exports.ts'

export const EXPORT_PROGRESS_MS = 250

export function useCsvExport(): {
  progress: ShallowRef<ExportProgress | null>
  run: (request: Omit<ExportRequest, 'exportId'>) => Promise<Result<ExportOutcome>>
  stop: () => void
} {
  const progress = shallowRef<ExportProgress | null>(null)
  let timer: ReturnType<typeof setTimeout> | null = null
  let running: string | null = null

  function stop(): void {
    running = null
    if (timer !== null) clearTimeout(timer)
    timer = null
  }

  function schedule(exportId: string): void {
    timer = setTimeout(() => void poll(exportId), EXPORT_PROGRESS_MS)
  }

  async function poll(exportId: string): Promise<void> {
    timer = null
    if (running !== exportId) return
    const result = await api().exports.progress({ exportId })
    if (running !== exportId) return
    if (result.ok) {
      progress.value = result.data
      if (result.data.state === 'done' || result.data.state === 'failed') {
        stop()
        return
      }
    }
    schedule(exportId)
  }

  async function run(request: Omit<ExportRequest, 'exportId'>): Promise<Result<ExportOutcome>> {
    const exportId = newExportId()
    stop()
    running = exportId
    progress.value = null
    schedule(exportId)
    try {
      return await api().exports.csv({ ...request, exportId })
    } finally {
      if (running === exportId) stop()
    }
  }

  onBeforeUnmount(stop)

  return { progress, run, stop }
}
