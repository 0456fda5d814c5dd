import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { ErrorData, Result } from '../../../shared/errors.ts'
import type { LocalDataSettings, LocalDataState } from '../../../shared/records.ts'
import { api } from '../api.ts'
import type { LoadStatus } from './app.ts'
import { useNotificationStore } from './notifications.ts'
import { useRecentStore } from './recent.ts'

/**
 * The encrypted offline cache on this computer ("local data"): how much it holds, how long it keeps
 * lookups, and clearing it. Main's notice (e.g. an unreadable cache file was moved aside) is shown
 * once, as a warning toast, when the app starts.
 */
export const useLocalDataStore = defineStore('localData', () => {
  const state = shallowRef<LocalDataState | null>(null)
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<ErrorData | null>(null)
  let announced = false

  async function load(): Promise<void> {
    status.value = 'loading'
    error.value = null
    const result = await api().localData.get({})
    if (result.ok) {
      state.value = result.data
      status.value = 'ready'
    } else {
      error.value = result.error
      status.value = 'error'
    }
  }

  /** At app start: load, and tell the agent once what main wants them to know. */
  async function start(): Promise<void> {
    await load()
    const notice = state.value?.notice ?? null
    if (notice !== null && !announced) {
      announced = true
      useNotificationStore().notify('warning', notice)
    }
  }

  function keep(result: Result<LocalDataState>): Result<LocalDataState> {
    if (result.ok) state.value = result.data
    return result
  }

  async function save(settings: LocalDataSettings): Promise<Result<LocalDataState>> {
    return keep(await api().localData.save(settings))
  }

  /** Deletes every cached lookup; the Recent lookups list is empty afterwards. */
  async function clear(): Promise<Result<LocalDataState>> {
    const result = keep(await api().localData.clear({}))
    if (result.ok) useRecentStore().reset()
    return result
  }

  return { state, status, error, load, start, save, clear }
})
