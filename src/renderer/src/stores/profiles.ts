import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { EditableProfileId, ProfileKind, ProfileSettings, ProfilesState, SecretName } from '../../../shared/domain.ts'
import type { ErrorData, Result } from '../../../shared/errors.ts'
import { api } from '../api.ts'
import { useAppStore } from './app.ts'
import type { LoadStatus } from './app.ts'
import { useAuthStore } from './auth.ts'
import { useCustomerStore } from './customer.ts'
import { useCustomerSearchStore } from './customerSearch.ts'
import { useInvoicesStore } from './invoices.ts'

/**
 * The three profiles (sandbox, test, production), their settings and whether each secret is stored.
 * Secrets go one way only: set or clear, never read back.
 */
export const useProfilesStore = defineStore('profiles', () => {
  const state = shallowRef<ProfilesState | null>(null)
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<ErrorData | null>(null)

  async function load(): Promise<void> {
    status.value = 'loading'
    error.value = null
    const result = await api().profiles.get({})
    if (result.ok) {
      state.value = result.data
      status.value = 'ready'
    } else {
      error.value = result.error
      status.value = 'error'
    }
  }

  /** Every write answers with the new state: keep it. */
  function keep(result: Result<ProfilesState>): Result<ProfilesState> {
    if (result.ok) state.value = result.data
    return result
  }

  async function save(id: EditableProfileId, settings: ProfileSettings): Promise<Result<ProfilesState>> {
    return keep(await api().profiles.save({ id, settings }))
  }

  async function setSecret(id: EditableProfileId, name: SecretName, value: string): Promise<Result<ProfilesState>> {
    return keep(await api().profiles.setSecret({ id, name, value }))
  }

  async function clearSecret(id: EditableProfileId, name: SecretName): Promise<Result<ProfilesState>> {
    return keep(await api().profiles.clearSecret({ id, name }))
  }

  /**
   * Makes another profile the active one. Main signs the agent out; everything shown so far belongs
   * to the old profile, so the app info (banner), the sign-in state and every customer view start over.
   */
  async function activate(id: ProfileKind): Promise<Result<ProfilesState>> {
    const result = keep(await api().profiles.activate({ id }))
    if (result.ok) {
      useCustomerStore().reset()
      useCustomerSearchStore().reset()
      useInvoicesStore().reset()
      await Promise.all([useAppStore().load(), useAuthStore().load()])
    }
    return result
  }

  return { state, status, error, load, save, setSecret, clearSecret, activate }
})
