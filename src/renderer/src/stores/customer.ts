import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Customer, PaymentToken, Provider, ProviderStatus, TokenListing } from '../../../shared/domain.ts'
import type { ErrorData, Result } from '../../../shared/errors.ts'
import { PROVIDERS } from '../../../shared/providers.ts'
import { api } from '../api.ts'
import { describeError } from '../composables/useErrorMessage.ts'
import { intlLocale, providerLabel } from '../lib/format.ts'
import { tokenKey } from '../lib/tokens.ts'
import { t } from '../i18n.ts'
import type { LoadStatus } from './app.ts'
import { useConnectivityStore } from './connectivity.ts'
import { useNotificationStore } from './notifications.ts'

/** A provider's chip: the status it answered with, or 'loading' while it is being asked (renderer only). */
export type ProviderProgress = Omit<ProviderStatus, 'status'> & { status: ProviderStatus['status'] | 'loading' }

/** One provider's part of the token table: the status it answered with and its tokens, in its own order. */
interface ProviderPart {
  status: ProviderStatus
  tokens: readonly PaymentToken[]
}

/**
 * The asks from the moment something is in flight until nothing is: decided on when the last one answers.
 * `failed`: calls that failed where there were no rows to keep; `kept`: failed calls whose provider's
 * earlier rows stay on screen.
 */
interface Round {
  asked: Set<Provider>
  failed: Map<Provider, ErrorData>
  kept: Map<Provider, ErrorData>
}

type ListingHead = Pick<TokenListing, 'customerNumber' | 'payerReference'>

const inProviderOrder = <T>(map: ReadonlyMap<Provider, T>): T[] =>
  PROVIDERS.flatMap((provider) => {
    const value = map.get(provider)
    return value === undefined ? [] : [value]
  })

/**
 * The open customer: their Connect record and every payment token at every provider.
 * The two load independently, so a failing token provider never hides the customer (and the
 * other way round). Each provider is asked on its own, in parallel, and its rows join the table as
 * they arrive (providers in PROVIDERS order, tokens as the provider listed them); a provider's chip
 * says 'loading' until it answers. Answers for a customer the agent has already left are dropped, and
 * leaving one (another customer, or the view closing) cancels the lookups still in flight in core; their
 * CANCELLED answers are dropped silently. What can be done to the tokens lives in useTokenActionsStore.
 */
export const useCustomerStore = defineStore('customer', () => {
  const customerNumber = ref<string | null>(null)

  const customer = shallowRef<Customer | null>(null)
  const customerStatus = ref<LoadStatus>('idle')
  const customerError = shallowRef<ErrorData | null>(null)
  /** Set when Connect could not be reached and the record shown is the cached copy. */
  const customerCachedAt = ref<string | null>(null)

  /** Parts and listing are replaced, never mutated: shallow refs keep large lists cheap. */
  const parts = shallowRef<ReadonlyMap<Provider, ProviderPart>>(new Map())
  const pending = shallowRef<ReadonlySet<Provider>>(new Set())
  /** Every provider that has answered, merged into one listing; null until the first one has (no table yet). */
  const listing = shallowRef<TokenListing | null>(null)
  /** One chip per provider asked: 'loading' while in flight (with its last count), else its answer. */
  const providerStatuses = computed<ProviderProgress[]>(() =>
    PROVIDERS.flatMap((provider): ProviderProgress[] => {
      const part = parts.value.get(provider)
      if (pending.value.has(provider)) return [{ provider, status: 'loading', count: part?.status.count ?? 0 }]
      return part === undefined ? [] : [part.status]
    }),
  )
  /** 'loading' until a first provider answers, 'error' when none did (the call itself failed). */
  const tokensStatus = ref<LoadStatus>('idle')
  /** The call failed as a whole (first load), or failed for providers whose rows are kept (a refresh). */
  const tokensError = shallowRef<ErrorData | null>(null)
  /** A reload while rows are shown (after an archive, the Refresh button, a provider's Retry). */
  const tokensRefreshing = ref(false)

  let generation = 0
  let asks = 0
  /** The newest ask of each provider: an older one's answer is dropped. */
  const latestAsk = new Map<Provider, number>()
  let round: Round | null = null
  /** The "some providers did not answer" notice of the last lookup, gone once a new one starts. */
  let partialNotice: number | null = null

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

  /**
   * Asks each provider (default: all) for the customer's tokens, one call each, in parallel. With rows
   * already shown it refreshes in place: a provider whose call fails keeps its rows, and the failure is
   * reported beside them.
   */
  async function loadTokens(providers: readonly Provider[] = PROVIDERS): Promise<void> {
    const number = customerNumber.value
    if (number === null) return
    const mine = generation
    const asked = PROVIDERS.filter((provider) => providers.includes(provider))
    if (round === null) dismissPartialNotice()
    const current = (round ??= { asked: new Set(), failed: new Map(), kept: new Map() })
    for (const provider of asked) current.asked.add(provider)
    if (listing.value === null) tokensStatus.value = 'loading'
    else tokensRefreshing.value = true
    tokensError.value = null
    pending.value = new Set([...pending.value, ...asked])
    await Promise.all(
      asked.map(async (provider) => {
        const ask = ++asks
        latestAsk.set(provider, ask)
        const result = await api().tokens.list({ customerNumber: number, includeArchived: true, providers: [provider] })
        if (mine === generation && latestAsk.get(provider) === ask) settle(current, provider, result)
      }),
    )
    void useConnectivityStore().refresh()
  }

  /** New parts, and the listing merged from them under `head` (null: no provider has answered yet). */
  function setParts(next: ReadonlyMap<Provider, ProviderPart>, head: ListingHead | null = listing.value): void {
    parts.value = next
    const answered = inProviderOrder(next)
    const tokens = answered.flatMap((part) => part.tokens)
    const providers = answered.map((part) => part.status)
    listing.value = head === null ? null : { customerNumber: head.customerNumber, payerReference: head.payerReference, tokens, providers }
  }

  /** One provider's answer joins the table; the round is decided on when nothing is left in flight. */
  function settle(current: Round, provider: Provider, result: Result<TokenListing>): void {
    const next = new Map(parts.value)
    let head = listing.value
    if (result.ok) {
      const { tokens, providers } = result.data
      head = result.data
      const status = providers.find((candidate) => candidate.provider === provider)
      if (status === undefined) next.delete(provider)
      else next.set(provider, { status, tokens: tokens.filter((token) => token.provider === provider) })
      tokensStatus.value = 'ready'
    } else if (result.error.code !== 'CANCELLED') {
      const shown = parts.value.get(provider)?.status.status
      if (shown === 'loaded' || shown === 'cached') current.kept.set(provider, result.error)
      else {
        current.failed.set(provider, result.error)
        next.set(provider, { status: { provider, status: 'failed', count: 0, error: result.error }, tokens: [] })
      }
    }
    setParts(next, head)
    const stillPending = new Set(pending.value)
    stillPending.delete(provider)
    pending.value = stillPending
    if (stillPending.size === 0) endRound(current)
  }

  function endRound(ended: Round): void {
    round = null
    tokensRefreshing.value = false
    if (listing.value === null) {
      // No provider answered: the call itself failed (e.g. VALIDATION, AUTH_REQUIRED), or every answer was CANCELLED.
      const first = inProviderOrder(ended.failed)[0] ?? null
      tokensError.value = first
      tokensStatus.value = first === null ? 'idle' : 'error'
      return
    }
    tokensError.value = inProviderOrder(ended.kept)[0] ?? null
    const failed = PROVIDERS.filter((provider) => ended.asked.has(provider) && parts.value.get(provider)?.status.status === 'failed')
    if (failed.length > 0) announceFailed(failed)
  }

  /** One warning per lookup naming every provider that failed, with the next step and a Retry of just those. */
  function announceFailed(failed: Provider[]): void {
    const who = new Intl.ListFormat(intlLocale(), { type: 'conjunction' }).format(failed.map(providerLabel))
    const errors = failed.flatMap((provider) => parts.value.get(provider)?.status.error ?? [])
    const nextStep = [...new Set(errors.map((error) => describeError(error).nextStep))].join(' ')
    const still = stillOpen()
    partialNotice = useNotificationStore().notify('warning', t('tokens.partial', { who }), {
      nextStep,
      action: { label: t('tokens.status.retry', { who }), run: () => (still() ? loadTokens(failed) : undefined) },
    })
  }

  function dismissPartialNotice(): void {
    if (partialNotice !== null) useNotificationStore().dismiss(partialNotice)
    partialNotice = null
  }

  /**
   * Stops the lookups in flight (the view closed, or another customer opens): core aborts their reads and
   * answers CANCELLED, which the loads above drop. Writes are never cancelled.
   */
  async function cancelLookups(): Promise<void> {
    dismissPartialNotice()
    await api().app.cancelLookups({})
  }

  /** The provider's tokens shown are the cached ones: nothing may be written to them. */
  function isCached(provider: Provider): boolean {
    return parts.value.get(provider)?.status.status === 'cached'
  }

  /** The Swedbank Pay payerReference of a token, else of the customer. */
  function payerReferenceFor(token?: PaymentToken): string | null {
    return token?.payerReference ?? listing.value?.payerReference ?? customer.value?.payerReference ?? null
  }

  /** Puts the provider's answer for one token into the list at once (the refresh follows). */
  function replaceToken(updated: PaymentToken): void {
    const part = parts.value.get(updated.provider)
    if (part === undefined) return
    const key = tokenKey(updated)
    const tokens = part.tokens.map((token) => (tokenKey(token) === key ? updated : token))
    setParts(new Map(parts.value).set(updated.provider, { ...part, tokens }))
  }

  /** A check that is true while the same customer is still open: answers for a left one are dropped. */
  function stillOpen(): () => boolean {
    const mine = generation
    return () => mine === generation
  }

  /** Forgets the customer (after a profile switch): the next open starts from nothing. */
  function reset(): void {
    generation++
    dismissPartialNotice()
    round = null
    customerNumber.value = null
    customer.value = null
    customerStatus.value = 'idle'
    customerError.value = null
    customerCachedAt.value = null
    setParts(new Map(), null)
    pending.value = new Set()
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
    providerStatuses,
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
