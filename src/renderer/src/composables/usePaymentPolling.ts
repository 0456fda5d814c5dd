/**
 * Waits for the result of a payment this console started: asks invoices:paymentResult (which waits
 * up to 20 s on the server) again and again while the result is "pending", and stops for good when
 * the component that asked goes away. Never asks faster than once a second, even if the server
 * answers at once.
 */
import { computed, onScopeDispose, ref, shallowRef } from 'vue'
import type { ComputedRef, Ref, ShallowRef } from 'vue'
import type { PaymentResult, PaymentResultStatus } from '../../../shared/domain.ts'
import type { ErrorData } from '../../../shared/errors.ts'
import { useInvoicesStore } from '../stores/invoices.ts'

export const MIN_POLL_INTERVAL_MS = 1_000

export interface PaymentPolling {
  result: ShallowRef<PaymentResult | null>
  status: ComputedRef<PaymentResultStatus>
  error: ShallowRef<ErrorData | null>
  polling: Ref<boolean>
  /** Starts waiting again (after an error). */
  retry: () => void
}

export function usePaymentPolling(transactionId: string, settled: (status: PaymentResultStatus) => void): PaymentPolling {
  const store = useInvoicesStore()
  const result = shallowRef<PaymentResult | null>(null)
  const status = computed<PaymentResultStatus>(() => result.value?.status ?? 'pending')
  const error = shallowRef<ErrorData | null>(null)
  const polling = ref(false)
  let stopped = false
  let wake: (() => void) | null = null
  let timer: ReturnType<typeof setTimeout> | undefined

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      wake = resolve
      timer = setTimeout(resolve, ms)
    })
  }

  async function loop(): Promise<void> {
    if (polling.value || stopped) return
    polling.value = true
    error.value = null
    while (!stopped) {
      const startedAt = Date.now()
      const answer = await store.paymentResult(transactionId)
      if (stopped) break
      if (!answer.ok) {
        error.value = answer.error
        break
      }
      result.value = answer.data
      if (answer.data.status !== 'pending') {
        settled(answer.data.status)
        break
      }
      const elapsed = Date.now() - startedAt
      if (elapsed < MIN_POLL_INTERVAL_MS) await pause(MIN_POLL_INTERVAL_MS - elapsed)
    }
    polling.value = false
  }

  onScopeDispose(() => {
    stopped = true
    clearTimeout(timer)
    wake?.()
  })

  void loop()
  return { result, status, error, polling, retry: () => void loop() }
}
