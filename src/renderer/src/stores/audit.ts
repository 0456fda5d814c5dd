import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { ErrorData } from '../../../shared/errors.ts'
import type { AuditEntry, AuditFilter } from '../../../shared/records.ts'
import { api } from '../api.ts'
import type { LoadStatus } from './app.ts'

/** Entries per page of the audit log ("Load older" fetches the next page). */
export const AUDIT_PAGE = 200
/** The agent and customer filters ask once typing pauses this long. */
export const AUDIT_TYPING_DEBOUNCE_MS = 300

/** The audit log, newest first, read a page at a time. Read-only: nothing here edits or deletes. */
export const useAuditStore = defineStore('audit', () => {
  /** The filter the rows answer. */
  const filter = shallowRef<AuditFilter>({})
  const entries = shallowRef<readonly AuditEntry[]>([])
  const total = ref(0)
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<ErrorData | null>(null)
  const loadingMore = ref(false)
  const moreError = shallowRef<ErrorData | null>(null)
  let seq = 0

  const hasMore = computed(() => entries.value.length < total.value)

  /** The first page for a filter. */
  async function load(next: AuditFilter = filter.value): Promise<void> {
    const mine = ++seq
    filter.value = next
    status.value = 'loading'
    error.value = null
    moreError.value = null
    loadingMore.value = false
    const result = await api().audit.list({ filter: next, limit: AUDIT_PAGE })
    if (mine !== seq) return
    if (result.ok) {
      entries.value = result.data.entries
      total.value = result.data.total
      status.value = 'ready'
    } else {
      entries.value = []
      total.value = 0
      error.value = result.error
      status.value = 'error'
    }
  }

  /** The next page back in time, below the oldest entry shown. */
  async function loadMore(): Promise<void> {
    const oldest = entries.value[entries.value.length - 1]
    if (oldest === undefined || loadingMore.value || !hasMore.value) return
    const mine = seq
    loadingMore.value = true
    moreError.value = null
    const result = await api().audit.list({ filter: filter.value, limit: AUDIT_PAGE, beforeId: oldest.id })
    if (mine !== seq) return
    loadingMore.value = false
    if (result.ok) {
      entries.value = [...entries.value, ...result.data.entries]
      // Nothing older came back: there is nothing more to offer, whatever the count said.
      total.value = result.data.entries.length === 0 ? entries.value.length : result.data.total
    } else {
      moreError.value = result.error
    }
  }

  return { filter, entries, total, status, error, loadingMore, moreError, hasMore, load, loadMore }
})
