import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Agent, AuthStatus } from '../../../shared/domain.ts'
import type { ErrorData } from '../../../shared/errors.ts'
import { api } from '../api.ts'
import type { LoadStatus } from './app.ts'
import { useNotificationStore } from './notifications.ts'
import { t } from '../i18n.ts'

/**
 * Who is signed in (ConnectID, in the system browser). Writes need a signed-in agent; reads do not.
 * signIn waits for the browser's callback, which can take minutes: the store says so (pending) and
 * offers Cancel. A cancelled sign-in is not an error.
 */
export const useAuthStore = defineStore('auth', () => {
  const status = shallowRef<AuthStatus | null>(null)
  const loadStatus = ref<LoadStatus>('idle')
  const error = shallowRef<ErrorData | null>(null)
  /** A signIn call of this window is waiting for its answer. */
  const signingIn = ref(false)
  const cancelling = ref(false)
  let cancelled = false

  const signedIn = computed(() => status.value?.signedIn === true)
  const agent = computed<Agent | null>(() => (signedIn.value ? (status.value?.agent ?? null) : null))
  /** Waiting for the browser: started here, or (after a reload) still running in main. */
  const pending = computed(() => signingIn.value || status.value?.pending === true)

  async function load(): Promise<void> {
    loadStatus.value = 'loading'
    const result = await api().auth.status({})
    // Unreadable sign-in state counts as signed out: Sign in is offered, and core still checks.
    status.value = result.ok ? result.data : null
    loadStatus.value = result.ok ? 'ready' : 'error'
  }

  /** Resolves true once an agent is signed in; false when it failed or was cancelled. */
  async function signIn(): Promise<boolean> {
    if (signingIn.value) return false
    signingIn.value = true
    cancelled = false
    error.value = null
    const result = await api().auth.signIn({})
    signingIn.value = false
    if (result.ok) {
      status.value = result.data
      if (agent.value !== null) useNotificationStore().notify('success', t('auth.signedInToast', { name: agent.value.name }))
      return result.data.signedIn
    }
    if (!cancelled) error.value = result.error
    cancelled = false
    return false
  }

  async function cancelSignIn(): Promise<void> {
    if (cancelling.value) return
    cancelled = true
    cancelling.value = true
    const result = await api().auth.cancelSignIn({})
    cancelling.value = false
    if (result.ok) status.value = result.data
    else error.value = result.error
  }

  async function signOut(): Promise<boolean> {
    error.value = null
    const result = await api().auth.signOut({})
    if (result.ok) status.value = result.data
    else error.value = result.error
    return result.ok
  }

  function dismissError(): void {
    error.value = null
  }

  return { status, loadStatus, error, signingIn, cancelling, signedIn, agent, pending, load, signIn, cancelSignIn, signOut, dismissError }
})
