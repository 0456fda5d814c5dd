import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { Customer } from '../../../shared/domain.ts'
import type { ErrorData } from '../../../shared/errors.ts'
import { api } from '../api.ts'
import { useConnectivityStore } from './connectivity.ts'

export type SearchStatus = 'idle' | 'loading' | 'ready' | 'error'

/** The contract's limit for a search query (customers:search, boundedText(100)). */
export const MAX_QUERY_LENGTH = 100

/**
 * Customer search. Lives as long as the window, so going back from a customer shows the same
 * results. Only the newest search may write its answer: a slow earlier one is dropped.
 */
export const useCustomerSearchStore = defineStore('customerSearch', () => {
  /** What the agent searched for last (trimmed); the field itself is the view's own state. */
  const query = ref('')
  const results = shallowRef<readonly Customer[]>([])
  const status = ref<SearchStatus>('idle')
  const error = shallowRef<ErrorData | null>(null)
  /** The customer opened last from these results, so the list can mark it on the way back. */
  const lastOpened = ref<string | null>(null)
  let generation = 0

  /** Returns false (and changes nothing) for a blank query. */
  async function search(input: string): Promise<boolean> {
    const trimmed = input.trim()
    if (trimmed.length === 0) return false
    const mine = ++generation
    query.value = trimmed
    lastOpened.value = null
    status.value = 'loading'
    error.value = null
    const result = await api().customers.search({ query: trimmed })
    void useConnectivityStore().refresh()
    if (mine !== generation) return true
    if (result.ok) {
      results.value = result.data
      status.value = 'ready'
    } else if (result.error.code === 'CANCELLED') {
      status.value = 'idle'
    } else {
      results.value = []
      error.value = result.error
      status.value = 'error'
    }
    return true
  }

  async function retry(): Promise<void> {
    if (query.value.length > 0) await search(query.value)
  }

  function find(customerNumber: string): Customer | undefined {
    return results.value.find((customer) => customer.customerNumber === customerNumber)
  }

  function reset(): void {
    generation++
    query.value = ''
    results.value = []
    status.value = 'idle'
    error.value = null
    lastOpened.value = null
  }

  return { query, results, status, error, lastOpened, search, retry, find, reset }
})
