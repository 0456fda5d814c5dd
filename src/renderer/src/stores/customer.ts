import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { Customer, PaymentToken, Provider, TokenListing } from '../../../shared/domain.ts'
import type { ErrorData } from '../../../shared/errors.ts'
import { api } from '../api.ts'
import { tokenKey } from '../lib/tokens.ts'
import type { LoadStatus } from './app.ts'
import { useConnectivityStore } from './connectivity.ts'

/**
 * The open customer: their Connect record and every payment token at every provider.
 * The two load independently, so a failing token provider never hides the customer (and the
 * other way round). Answers for a customer the agent has already left are dropped, and leaving one
 * (another customer, or the view closing) cancels the lookups still in flight in core; their CANCELLED
 * answers are dropped silently. What can be done to the tokens lives in useTokenActionsStore.
 */
export const useCustomerStore = defineStore('customer', () => {
  const customerNumber = ref<string | null>(null)

  const customer = shallowRef<Customer | null>(null)
  const customerStatus = ref<LoadStatus>('idle')
  const customerError = shallowRef<ErrorData | null>(null)
  /** Set when Connect could not be reached and the record shown is the cached copy. */
  const customerCachedAt = ref<string | null>(null)

  /** Rows are replaced, never mutated: a shallowRef keeps large lists cheap. */
  const listing = shallowRef<TokenListing | null>(null)
  const tokensStatus = ref<LoadStatus>('idle')
  const tokensError = shallowRef<ErrorData | null>(null)
  /** A reload while rows are shown (after an archive, or the Refresh button). */
  const tokensRefreshing = ref(false)

  let generation = 0
  let tokensSeq = 0

  /** Opens a customer. A seed (the search row) shows the header at once while the record loads. */
  async function open(number: string, seed?: Customer): Promise<void> {
    if (number !== customerNumber.value) {
      if (customerNumber.value !== null) await cancelLookups()
      reset()
      customerNumber.value = number
      customer.value = seed ?? null
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
    void useConnectivityStore().refresh()
    if (mine !== generation) return
    if (!result.ok && result.error.code === 'CANCELLED') {
      customerStatus.value = customer.value === null ? 'idle' : 'ready'
      return
    }
    if (result.ok) {
      customer.value = result.data
      customerCachedAt.value = result.data.cachedAt
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
    void useConnectivityStore().refresh()
    if (mine !== generation || seq !== tokensSeq) return
    tokensRefreshing.value = false
    if (!result.ok && result.error.code === 'CANCELLED') {
      if (!inPlace) tokensStatus.value = 'idle'
      return
    }
    if (result.ok) {
      listing.value = result.data
      tokensStatus.value = 'ready'
    } else {
      tokensError.value = result.error
      if (!inPlace) tokensStatus.value = 'error'
    }
  }

  /**
   * Stops the lookups in flight (the view closed, or another customer opens): core aborts their reads and
   * answers CANCELLED, which the loads above drop. Writes are never cancelled.
   */
  async function cancelLookups(): Promise<void> {
    await api().app.cancelLookups({})
  }

  /** The provider's tokens shown are the cached ones: nothing may be written to them. */
  function isCached(provider: Provider): boolean {
    return listing.value?.providers.some((p) => p.provider === provider && p.status === 'cached') ?? false
  }

  /** The Swedbank Pay payerReference of a token, else of the customer. */
  function payerReferenceFor(token?: PaymentToken): string | null {
    return token?.payerReference ?? listing.value?.payerReference ?? customer.value?.payerReference ?? null
  }

  /** Puts the provider's answer for one token into the list at once (the refresh follows). */
  function replaceToken(updated: PaymentToken): void {
    const current = listing.value
    if (current === null) return
    const key = tokenKey(updated)
    listing.value = {
      ...current,
      tokens: current.tokens.map((token) => (tokenKey(token) === key ? updated : token)),
    }
  }

  /** A check that is true while the same customer is still open: answers for a left one are dropped. */
  function stillOpen(): () => boolean {
    const mine = generation
    return () => mine === generation
  }

  /** Forgets the customer (after a profile switch): the next open starts from nothing. */
  function reset(): void {
    generation++
    customerNumber.value = null
    customer.value = null
    customerStatus.value = 'idle'
    customerError.value = null
    customerCachedAt.value = null
    listing.value = null
    tokensStatus.value = 'idle'
    tokensError.value = null
    tokensRefreshing.value = false
  }

  return {
    customerNumber,
    customer,
    customerStatus,
    customerError,
    customerCachedAt,
    listing,
    tokensStatus,
    tokensError,
    tokensRefreshing,
    open,
    cancelLookups,
    loadCustomer,
    loadTokens,
    isCached,
    payerReferenceFor,
    replaceToken,
    stillOpen,
    reset,
  }
})
