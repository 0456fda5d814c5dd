import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { Customer, PaymentToken, TokenListing } from '../../../shared/domain.ts'
import type { ErrorData, Result } from '../../../shared/errors.ts'
import { api } from '../api.ts'
import { tokenKey } from '../lib/tokens.ts'
import type { LoadStatus } from './app.ts'

/**
 * The open customer: their Connect record and every payment token at every provider.
 * The two load independently, so a failing token provider never hides the customer (and the
 * other way round). Answers for a customer the agent has already left are dropped.
 */
export const useCustomerStore = defineStore('customer', () => {
  const customerNumber = ref<string | null>(null)

  const customer = shallowRef<Customer | null>(null)
  const customerStatus = ref<LoadStatus>('idle')
  const customerError = shallowRef<ErrorData | null>(null)

  /** Rows are replaced, never mutated: a shallowRef keeps large lists cheap. */
  const listing = shallowRef<TokenListing | null>(null)
  const tokensStatus = ref<LoadStatus>('idle')
  const tokensError = shallowRef<ErrorData | null>(null)
  /** A reload while rows are shown (after an archive, or the Refresh button). */
  const tokensRefreshing = ref(false)

  let generation = 0
  let tokensSeq = 0
  const archivesInFlight = new Map<string, Promise<Result<PaymentToken>>>()

  /** Opens a customer. A seed (the search row) shows the header at once while the record loads. */
  async function open(number: string, seed?: Customer): Promise<void> {
    if (number !== customerNumber.value) {
      generation++
      customerNumber.value = number
      customer.value = seed ?? null
      customerStatus.value = 'idle'
      customerError.value = null
      listing.value = null
      tokensStatus.value = 'idle'
      tokensError.value = null
      tokensRefreshing.value = false
    }
    await Promise.all([loadCustomer(), loadTokens()])
  }

  async function loadCustomer(): Promise<void> {
    const number = customerNumber.value
    if (number === null) return
    const mine = generation
    customerStatus.value = 'loading'
    customerError.value = null
    const result = await api().customers.get({ customerNumber: number })
    if (mine !== generation) return
    if (result.ok) {
      customer.value = result.data
      customerStatus.value = 'ready'
    } else {
      customerError.value = result.error
      customerStatus.value = 'error'
    }
  }

  /** Loads the token table; with rows already shown it refreshes in place and keeps them on failure. */
  async function loadTokens(): Promise<void> {
    const number = customerNumber.value
    if (number === null) return
    const mine = generation
    const seq = ++tokensSeq
    const inPlace = listing.value !== null
    if (inPlace) tokensRefreshing.value = true
    else tokensStatus.value = 'loading'
    tokensError.value = null
    const result = await api().tokens.list({ customerNumber: number, includeArchived: true })
    if (mine !== generation || seq !== tokensSeq) return
    tokensRefreshing.value = false
    if (result.ok) {
      listing.value = result.data
      tokensStatus.value = 'ready'
    } else {
      tokensError.value = result.error
      if (!inPlace) tokensStatus.value = 'error'
    }
  }

  function payerReferenceFor(token: PaymentToken): string | null {
    return token.payerReference ?? listing.value?.payerReference ?? customer.value?.payerReference ?? null
  }

  function replaceToken(updated: PaymentToken): void {
    const current = listing.value
    if (current === null) return
    const key = tokenKey(updated)
    listing.value = {
      ...current,
      tokens: current.tokens.map((token) => (tokenKey(token) === key ? updated : token)),
    }
  }

  /**
   * Archives a Swedbank Pay token with the agent's reason. One call per token at a time: a second
   * request while the first is in flight gets the first one's answer. On success the row is
   * replaced with the provider's answer and the list is then refreshed from the server; on a
   * conflict (already archived) or an unknown outcome the list is refreshed so the screen tells
   * the truth.
   */
  function archive(token: PaymentToken, reason: string): Promise<Result<PaymentToken>> {
    const key = tokenKey(token)
    const running = archivesInFlight.get(key)
    if (running !== undefined) return running
    const task = runArchive(token, reason).finally(() => archivesInFlight.delete(key))
    archivesInFlight.set(key, task)
    return task
  }

  async function runArchive(token: PaymentToken, reason: string): Promise<Result<PaymentToken>> {
    const payerReference = payerReferenceFor(token)
    const trimmed = reason.trim()
    if (token.provider !== 'swedbankpay') {
      return { ok: false, error: { code: 'VALIDATION', message: 'Only Swedbank Pay tokens can be archived here.' } }
    }
    if (payerReference === null) {
      return { ok: false, error: { code: 'VALIDATION', message: 'This token has no payer reference to archive it under.' } }
    }
    if (trimmed.length === 0) {
      return { ok: false, error: { code: 'VALIDATION', message: 'A reason is required.' } }
    }
    const mine = generation
    const result = await api().tokens.archive({
      provider: 'swedbankpay',
      payerReference,
      token: token.token,
      tokenType: token.tokenType,
      reason: trimmed,
    })
    if (mine !== generation) return result
    if (result.ok) {
      replaceToken(result.data)
      void loadTokens()
    } else if (result.error.code === 'CONFLICT' || result.error.code === 'OUTCOME_UNKNOWN') {
      void loadTokens()
    }
    return result
  }

  return {
    customerNumber,
    customer,
    customerStatus,
    customerError,
    listing,
    tokensStatus,
    tokensError,
    tokensRefreshing,
    open,
    loadCustomer,
    loadTokens,
    payerReferenceFor,
    archive,
  }
})
