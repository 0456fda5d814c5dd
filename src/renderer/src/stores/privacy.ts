import { defineStore } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import type { PaymentToken, Provider } from '../../../shared/domain.ts'
import { maskField, maskText } from '../../../shared/masking.ts'
import type { RevealField } from '../../../shared/masking.ts'
import { api } from '../api.ts'
import { describeError } from '../composables/useErrorMessage.ts'
import { t } from '../i18n.ts'
import { labelIsPersonalName, tokenLabel } from '../lib/format.ts'
import { useAppStore } from './app.ts'
import { useAuthStore } from './auth.ts'
import { useCustomerStore } from './customer.ts'
import { useIdleLockStore } from './idleLock.ts'
import { useNotificationStore } from './notifications.ts'

export const SCREEN_SHARE_KEY = 'support-console.screen-share-safe'

/** What a reveal is about, for its audit entry: never the value itself. */
export interface RevealContext {
  customerNumber?: string
  provider?: Provider
  /** The token whose id is revealed. */
  token?: string
}

function storedScreenShare(): boolean {
  try {
    return globalThis.localStorage?.getItem(SCREEN_SHARE_KEY) === 'on'
  } catch {
    return false
  }
}

const keyOf = (field: RevealField, value: string): string => `${field}\u0000${value}`

/**
 * Masking on screen (issue 6 §6). Token ids, emails and phone numbers are masked by default; the agent
 * reveals one value at a time, and each reveal is written to the audit log (`audit:reveal`) before it
 * shows: when the entry cannot be written, the value stays hidden. "Screen-share safe" masks everything
 * personal at once (names, addresses, display names, reasons too) and allows no reveal while on; it is
 * remembered across restarts. Revealed values are hidden again when the agent opens another customer,
 * when the console locks or the agent signs out, on a profile switch, and when screen-share safe goes on.
 */
export const usePrivacyStore = defineStore('privacy', () => {
  const screenShareSafe = ref(storedScreenShare())
  /** Replaced, never mutated, so templates follow. */
  const revealed = shallowRef<ReadonlySet<string>>(new Set())
  const pending = shallowRef<ReadonlySet<string>>(new Set())

  function hideAll(): void {
    if (revealed.value.size > 0) revealed.value = new Set()
  }

  function setScreenShareSafe(on: boolean): void {
    screenShareSafe.value = on
    if (on) hideAll()
    try {
      globalThis.localStorage?.setItem(SCREEN_SHARE_KEY, on ? 'on' : 'off')
    } catch {
      // Not remembered across restarts; the switch still works for this session.
    }
  }

  const isRevealed = (field: RevealField, value: string): boolean => !screenShareSafe.value && revealed.value.has(keyOf(field, value))
  const isPending = (field: RevealField, value: string): boolean => pending.value.has(keyOf(field, value))

  /** Whether a value shows masked: a revealable one until revealed, any personal text while screen-share safe. */
  function isMasked(kind: RevealField | 'personal', value: string): boolean {
    if (screenShareSafe.value) return true
    return kind !== 'personal' && !isRevealed(kind, value)
  }

  /** A personal value as the screen may show it now (also for tooltips and toasts). */
  function display(kind: RevealField | 'personal', value: string): string {
    if (!isMasked(kind, value)) return value
    return kind === 'personal' ? maskText(value) : maskField(kind, value)
  }

  /** Audits, then shows the value. Resolves whether it is shown. */
  /** A token's label as the screen may show it now: a display name used as the label is personal. */
  function tokenLabelShown(token: Pick<PaymentToken, 'provider' | 'cardBrand' | 'lastFour' | 'displayName' | 'instrument'>): string {
    const label = tokenLabel(token)
    return labelIsPersonalName(token) ? display('personal', label) : label
  }

  async function reveal(field: RevealField, value: string, context: RevealContext = {}): Promise<boolean> {
    const key = keyOf(field, value)
    if (screenShareSafe.value) return false
    if (revealed.value.has(key)) return true
    if (pending.value.has(key)) return false
    pending.value = new Set([...pending.value, key])
    try {
      const result = await api().audit.reveal({ field, ...context })
      if (!result.ok) {
        const described = describeError(result.error)
        useNotificationStore().notify('error', t('privacy.revealFailed', { reason: described.summary }), { nextStep: described.nextStep })
        return false
      }
      // Screen-share safe may have gone on while the entry was written.
      if (screenShareSafe.value) return false
      revealed.value = new Set([...revealed.value, key])
      return true
    } finally {
      const rest = new Set(pending.value)
      rest.delete(key)
      pending.value = rest
    }
  }

  function hide(field: RevealField, value: string): void {
    const rest = new Set(revealed.value)
    if (rest.delete(keyOf(field, value))) revealed.value = rest
  }

  // `html[data-screen-share="on"]` masks the text of fields marked data-personal (the search fields).
  watch(
    screenShareSafe,
    (on) => {
      if (typeof document !== 'undefined') document.documentElement.dataset['screenShare'] = on ? 'on' : 'off'
    },
    { immediate: true },
  )

  // Everything revealed goes back under the mask when the context changes.
  watch(() => useCustomerStore().customerNumber, hideAll)
  watch(() => useIdleLockStore().phase, (phase) => phase !== 'active' && hideAll())
  watch(() => useAuthStore().signedIn, (signedIn) => !signedIn && hideAll())
  watch(() => useAppStore().profileKind, hideAll)

  return { screenShareSafe, revealed, setScreenShareSafe, isRevealed, isPending, isMasked, display, tokenLabelShown, reveal, hide, hideAll }
})
