import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { ErrorData } from '../../../shared/errors.ts'
import type { RecentLookup } from '../../../shared/records.ts'
import { api } from '../api.ts'
import type { LoadStatus } from './app.ts'

/** How many cached customers the Recent lookups view lists at most. */
export const RECENT_LIMIT = 200
/** The filter field asks once typing pauses this long. */
export const RECENT_FILTER_DEBOUNCE_MS = 250

/** Customers looked up earlier and cached on this computer, searched offline. Newest answer wins. */
export const useRecentStore = defineStore('recent', () => {
  /** The filter the rows answer (trimmed; empty for all). */
  const query = ref('')
  const entries = shallowRef<readonly RecentLookup[]>([])
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<ErrorData | null>(null)
  let seq = 0

  async function load(input: string = query.value): Promise<void> {
    const trimmed = input.trim()
    const mine = ++seq
    query.value = trimmed
    status.value = 'loading'
    error.value = null
    const result = await api().localData.recent(trimmed.length > 0 ? { query: trimmed, limit: RECENT_LIMIT } : { limit: RECENT_LIMIT })
    if (mine !== seq) return
    if (result.ok) {
      entries.value = result.data
      status.value = 'ready'
    } else {
      entries.value = []
      error.value = result.error
      status.value = 'error'
    }
  }

  function reset(): void {
    seq++
    query.value = ''
    entries.value = []
    status.value = 'idle'
    error.value = null
  }

  return { query, entries, status, error, load, reset }
})
