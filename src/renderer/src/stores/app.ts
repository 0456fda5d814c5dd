import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { AppInfo, ProfileKind } from '../../../shared/domain.ts'
import type { ErrorData } from '../../../shared/errors.ts'
import { api } from '../api.ts'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

/** What the console runs against: version, active profile (sandbox / test / production), providers. */
export const useAppStore = defineStore('app', () => {
  const info = shallowRef<AppInfo | null>(null)
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<ErrorData | null>(null)

  const profileKind = computed<ProfileKind | null>(() => info.value?.profile.kind ?? null)

  async function load(): Promise<void> {
    status.value = 'loading'
    error.value = null
    const result = await api().app.info({})
    if (result.ok) {
      info.value = result.data
      status.value = 'ready'
    } else {
      error.value = result.error
      status.value = 'error'
    }
  }

  return { info, status, error, profileKind, load }
})
