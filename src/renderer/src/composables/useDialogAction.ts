/**
 * The state of one write behind a dialog's confirm button: busy while it runs, the error it ended
 * with, and "stale" when confirming again cannot help (the target changed elsewhere). Submits once:
 * a second click while the first runs does nothing. An AUTH_REQUIRED answer re-reads the sign-in
 * state, and signing in again clears that error.
 */
import { computed, ref, shallowRef, watch } from 'vue'
import type { ComputedRef, Ref, ShallowRef } from 'vue'
import type { ErrorCode, ErrorData, Result } from '../../../shared/errors.ts'
import { useAuthStore } from '../stores/auth.ts'
import { writeFailureText } from './useErrorMessage.ts'
import type { TokenWrite } from './useErrorMessage.ts'

export interface DialogAction {
  busy: Ref<boolean>
  error: ShallowRef<ErrorData | null>
  stale: Ref<boolean>
  submit: () => Promise<void>
  /** Forgets the error and the stale mark (after the agent checked what happened). */
  reset: () => void
}

export function useDialogAction<T>(options: {
  run: () => Promise<Result<T>>
  success: (data: T) => void
  /** Codes after which the target is known to have changed: confirming again is pointless. */
  staleOn?: readonly ErrorCode[]
}): DialogAction {
  const auth = useAuthStore()
  const busy = ref(false)
  const error = shallowRef<ErrorData | null>(null)
  const stale = ref(false)

  watch(
    () => auth.signedIn,
    (signedIn) => {
      if (signedIn && error.value?.code === 'AUTH_REQUIRED') error.value = null
    },
  )

  async function submit(): Promise<void> {
    if (busy.value || stale.value) return
    busy.value = true
    error.value = null
    const result = await options.run().finally(() => {
      busy.value = false
    })
    if (result.ok) {
      options.success(result.data)
      return
    }
    error.value = result.error
    if (result.error.code === 'AUTH_REQUIRED') void auth.load()
    if (options.staleOn?.includes(result.error.code)) stale.value = true
  }

  function reset(): void {
    error.value = null
    stale.value = false
  }

  return { busy, error, stale, submit, reset }
}

/**
 * useDialogAction for a token write: CONFLICT and NOT_FOUND make the dialog stale (the store has
 * refreshed the list), and those codes and OUTCOME_UNKNOWN get the write's own explanation.
 */
export function useTokenWriteAction<T>(options: {
  write: TokenWrite
  provider: string
  run: () => Promise<Result<T>>
  success: (data: T) => void
}): DialogAction & { errorText: ComputedRef<string | null> } {
  const action = useDialogAction({ run: options.run, success: options.success, staleOn: ['CONFLICT', 'NOT_FOUND'] })
  const errorText = computed(() => (action.error.value ? writeFailureText(action.error.value, options.write, options.provider) : null))
  return { ...action, errorText }
}
