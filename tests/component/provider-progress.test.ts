/**
 * The cross-provider token lookup, one call per provider: rows of the providers that answered show
 * while others are still looked up (spinner chips, "n of m providers answered"), a failed provider has
 * its own Retry, one warning per lookup names the providers that failed, and answers that come too late
 * (a left customer, a newer ask) change nothing.
 */
import { enableAutoUnmount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { TokenListing } from '../../src/shared/domain.ts'
import { useCustomerStore } from '../../src/renderer/src/stores/customer.ts'
import { askedProviders, answerFrom, holdBack, sliceFor } from './provider-answers.ts'
import { createFakeApi, fail, installApi, kariListing, klarnaToken, mountApp, ok, payexToken, settle, swedbankCard } from './support.ts'
import type { FakeApi } from './support.ts'

enableAutoUnmount(afterEach)
afterEach(() => {
  document.body.innerHTML = ''
})

const CUSTOMER = '/customers/100001'
const klarnaDown = { code: 'PROVIDER_UNAVAILABLE', message: 'Klarna answered 503', provider: 'klarna', httpStatus: 503 } as const

/** Kari with every provider loaded (Vipps and Nexi without tokens). */
const everyoneAnswers: TokenListing = {
  ...kariListing,
  providers: [
    { provider: 'swedbankpay', status: 'loaded', count: 3 },
    { provider: 'payex', status: 'loaded', count: 1 },
    { provider: 'klarna', status: 'loaded', count: 1 },
    { provider: 'vipps', status: 'loaded', count: 0 },
    { provider: 'nexi', status: 'loaded', count: 0 },
  ],
}
/** The same, with Klarna failing (503). */
const klarnaFails: TokenListing = {
  ...everyoneAnswers,
  tokens: everyoneAnswers.tokens.filter((token) => token.provider !== 'klarna'),
  providers: everyoneAnswers.providers.map((status) => (status.provider === 'klarna' ? { provider: 'klarna', status: 'failed', count: 0, error: klarnaDown } : status)),
}

const chip = (provider: string) => document.querySelector<HTMLElement>(`[data-testid="provider-status"][data-provider="${provider}"]`)
const rowProviders = () => Array.from(document.querySelectorAll<HTMLElement>('[data-testid="token-row"]'), (row) => row.dataset.provider)
const panel = () => document.querySelector<HTMLElement>('section.tokens')
const toasts = () => Array.from(document.querySelectorAll<HTMLElement>('[data-testid="toast"]'))

describe('token lookup, provider by provider', () => {
  it('shows the rows of the providers that answered while a slow one is still looked up, then its rows', async () => {
    const api = createFakeApi()
    const klarna = holdBack(api, everyoneAnswers, ['klarna'])
    await mountApp(CUSTOMER, api)

    expect(askedProviders(api)).toEqual(['swedbankpay', 'payex', 'klarna', 'vipps', 'nexi'])
    expect(rowProviders().sort()).toEqual(['payex', 'swedbankpay', 'swedbankpay', 'swedbankpay'])
    expect(chip('klarna')?.dataset.status).toBe('loading')
    expect(chip('klarna')?.textContent).toContain('Klarna')
    expect(chip('klarna')?.textContent).toContain('looking up…')
    expect(chip('klarna')?.querySelector('.spinner')).not.toBeNull()
    expect(chip('swedbankpay')?.dataset.status).toBe('loaded')
    const answered = document.querySelector<HTMLElement>('[data-testid="providers-answered"]')
    expect(answered?.getAttribute('aria-live')).toBe('polite')
    expect(answered?.textContent?.trim()).toBe('4 of 5 providers answered')
    expect(panel()?.getAttribute('aria-busy')).toBe('true')
    expect(document.querySelector('[data-testid="tokens-loading"]')).toBeNull()

    klarna.answer('klarna')
    await settle()
    expect(chip('klarna')?.dataset.status).toBe('loaded')
    expect(chip('klarna')?.textContent).toContain('1 token')
    expect(rowProviders().sort()).toEqual(['klarna', 'payex', 'swedbankpay', 'swedbankpay', 'swedbankpay'])
    expect(answered?.textContent?.trim()).toBe('')
    expect(panel()?.getAttribute('aria-busy')).toBe('false')
    expect(toasts()).toEqual([])
  })

  it('keeps saying the tokens are being looked up until a provider brings rows, and counts the answers', async () => {
    const api = createFakeApi()
    const held = holdBack(api, everyoneAnswers, ['swedbankpay', 'payex', 'klarna'])
    await mountApp(CUSTOMER, api)
    expect(document.querySelector('[data-testid="tokens-loading"]')).not.toBeNull()
    expect(document.querySelector('[data-testid="tokens-empty"]')).toBeNull()
    expect(document.querySelector('[data-testid="providers-answered"]')?.textContent?.trim()).toBe('2 of 5 providers answered')

    held.answer('payex')
    await settle()
    expect(rowProviders()).toEqual(['payex'])
    expect(document.querySelector('[data-testid="providers-answered"]')?.textContent?.trim()).toBe('3 of 5 providers answered')
    held.answer('swedbankpay')
    held.answer('klarna')
    await settle()
    expect(rowProviders()).toHaveLength(5)
  })

  it('a failed provider has a Retry named after it that asks that provider only, and its chip then shows the answer', async () => {
    const api = createFakeApi()
    answerFrom(api, klarnaFails)
    const { wrapper } = await mountApp(CUSTOMER, api)
    expect(chip('klarna')?.dataset.status).toBe('failed')
    expect(wrapper.findAll('[data-testid="provider-retry"]')).toHaveLength(1)
    const retry = wrapper.get<HTMLButtonElement>('[data-testid="provider-retry"][data-provider="klarna"]')
    expect(retry.element.tagName).toBe('BUTTON')
    expect(retry.attributes('aria-label')).toBe('Retry Klarna')
    expect(retry.text()).toBe('Retry')
    retry.element.focus()
    expect(document.activeElement).toBe(retry.element)

    const klarna = holdBack(api, everyoneAnswers, ['klarna'])
    const before = api.tokens.list.mock.calls.length
    await retry.trigger('click')
    await settle()
    expect(askedProviders(api).slice(before)).toEqual(['klarna'])
    expect(chip('klarna')?.dataset.status).toBe('loading')
    expect(document.querySelector('[data-testid="providers-answered"]')?.textContent?.trim()).toBe('4 of 5 providers answered')
    // The other providers' rows stay while Klarna is asked again.
    expect(rowProviders()).toHaveLength(4)

    klarna.answer('klarna')
    await settle()
    expect(chip('klarna')?.dataset.status).toBe('loaded')
    expect(rowProviders()).toContain('klarna')
    expect(wrapper.find('[data-testid="provider-retry"]').exists()).toBe(false)
  })

  it('warns once per lookup, naming every provider that failed; its action retries just those', async () => {
    const api = createFakeApi()
    const vippsDown = { code: 'TIMEOUT', message: 'Vipps did not answer in 15 s', provider: 'vipps' } as const
    answerFrom(api, {
      ...klarnaFails,
      providers: klarnaFails.providers.map((status) => (status.provider === 'vipps' ? { provider: 'vipps', status: 'failed', count: 0, error: vippsDown } : status)),
    })
    const { wrapper } = await mountApp(CUSTOMER, api)

    expect(toasts()).toHaveLength(1)
    const toast = wrapper.get('[data-testid="toast"]')
    expect(toast.attributes('data-kind')).toBe('warning')
    expect(toast.text()).toContain('Klarna and Vipps did not answer; the other providers are shown.')
    expect(toast.get('[data-testid="toast-next-step"]').text()).toBe("Try again in a minute; if it keeps failing, check the provider's status page.")
    const action = toast.get<HTMLButtonElement>('[data-testid="toast-action"]')
    expect(action.text()).toBe('Retry Klarna and Vipps')

    answerFrom(api, everyoneAnswers)
    const before = api.tokens.list.mock.calls.length
    await action.trigger('click')
    await settle()
    expect(askedProviders(api).slice(before)).toEqual(['klarna', 'vipps'])
    expect(toasts()).toEqual([])
    expect(chip('klarna')?.dataset.status).toBe('loaded')
    expect(chip('vipps')?.dataset.status).toBe('loaded')
  })

  it('says when to try again when a provider is rate limited', async () => {
    const api = createFakeApi()
    const limited = { code: 'RATE_LIMITED', message: 'Klarna: 429', provider: 'klarna', retryAfterMs: 120_000 } as const
    answerFrom(api, { ...klarnaFails, providers: klarnaFails.providers.map((status) => (status.provider === 'klarna' ? { ...status, error: limited } : status)) })
    const { wrapper } = await mountApp(CUSTOMER, api)
    expect(wrapper.get('[data-testid="toast-next-step"]').text()).toMatch(/^Try again at \d{2}:\d{2}\.$/)
  })

  it('shows an error every provider answered (the call itself failed) like one failed lookup, without a warning', async () => {
    const api = createFakeApi()
    api.tokens.list.mockResolvedValue(fail({ code: 'AUTH_REQUIRED', message: 'Sign in to look up tokens.' }))
    const { wrapper } = await mountApp(CUSTOMER, api)
    const error = wrapper.get('[data-testid="tokens-error"]')
    expect(error.attributes('data-error-code')).toBe('AUTH_REQUIRED')
    expect(error.get('[data-testid="next-step"]').text()).toBe('Sign in again from the top bar.')
    expect(toasts()).toEqual([])
  })
})

describe('useCustomerStore, provider by provider', () => {
  let api: FakeApi
  beforeEach(() => {
    api = createFakeApi()
    installApi(api)
    setActivePinia(createPinia())
  })

  it('merges answers in provider order, whatever order they arrive in', async () => {
    const held = holdBack(api, everyoneAnswers, ['swedbankpay', 'klarna'])
    const store = useCustomerStore()
    const opened = store.open('100001')
    await settle()
    expect(store.tokensStatus).toBe('ready')
    expect(store.listing?.tokens).toEqual([payexToken])
    held.answer('klarna')
    await settle()
    expect(store.listing?.tokens).toEqual([payexToken, klarnaToken])
    held.answer('swedbankpay')
    await opened
    expect(store.listing?.tokens.map((token) => token.provider)).toEqual(['swedbankpay', 'swedbankpay', 'swedbankpay', 'payex', 'klarna'])
    expect(store.listing?.providers.map((status) => status.provider)).toEqual(['swedbankpay', 'payex', 'klarna', 'vipps', 'nexi'])
  })

  it('drops a provider answer for a customer the agent has left, and one overtaken by a newer ask', async () => {
    const held = holdBack(api, everyoneAnswers, ['klarna'])
    const store = useCustomerStore()
    void store.open('100001')
    await settle()
    // A newer ask for Klarna (its Retry) overtakes the first; the first one's late answer changes nothing.
    void store.loadTokens(['klarna'])
    held.answer('klarna', ok(sliceFor(everyoneAnswers, ['klarna'])))
    await settle()
    expect(store.providerStatuses.find((status) => status.provider === 'klarna')?.status).toBe('loading')
    held.answer('klarna', ok({ ...sliceFor(everyoneAnswers, ['klarna']), tokens: [], providers: [{ provider: 'klarna', status: 'loaded', count: 0 }] }))
    await settle()
    expect(store.listing?.tokens.filter((token) => token.provider === 'klarna')).toEqual([])

    // Another customer opens while Klarna is asked again for Kari: Kari's answer is dropped.
    void store.loadTokens(['klarna'])
    await settle()
    answerFrom(api, { ...everyoneAnswers, customerNumber: '100002', tokens: [swedbankCard] })
    await store.open('100002')
    held.answer('klarna')
    await settle()
    expect(store.listing?.customerNumber).toBe('100002')
    expect(store.listing?.tokens).toEqual([swedbankCard])
  })

  it('drops CANCELLED answers silently: no error, no warning, the provider just is not shown', async () => {
    const cancelled = fail({ code: 'CANCELLED', message: 'The lookup was cancelled.' })
    api.tokens.list.mockImplementation(async (request) => (request.providers?.[0] === 'vipps' ? cancelled : ok(sliceFor(everyoneAnswers, request.providers))))
    const store = useCustomerStore()
    await store.open('100001')
    expect(store.tokensError).toBeNull()
    expect(store.providerStatuses.map((status) => status.provider)).toEqual(['swedbankpay', 'payex', 'klarna', 'nexi'])

    api.tokens.list.mockResolvedValue(cancelled)
    store.reset()
    await store.open('100001')
    expect(store.tokensStatus).toBe('idle')
    expect(store.tokensError).toBeNull()
  })

  it('a provider whose call fails on a refresh keeps its rows; the failure is reported beside them', async () => {
    answerFrom(api, everyoneAnswers)
    const store = useCustomerStore()
    await store.open('100001')
    api.tokens.list.mockImplementation(async (request) =>
      request.providers?.[0] === 'klarna' ? fail({ code: 'INTERNAL', message: 'bridge broke' }) : ok(sliceFor(everyoneAnswers, request.providers)),
    )
    await store.loadTokens()
    expect(store.tokensStatus).toBe('ready')
    expect(store.tokensError?.code).toBe('INTERNAL')
    expect(store.listing?.tokens).toContainEqual(klarnaToken)
    expect(store.isCached('klarna')).toBe(false)
    expect(store.providerStatuses.find((status) => status.provider === 'klarna')?.status).toBe('loaded')
  })

  it('a provider whose call fails on the first load shows as failed, with the error, beside the others', async () => {
    api.tokens.list.mockImplementation(async (request) => (request.providers?.[0] === 'klarna' ? fail(klarnaDown) : ok(sliceFor(everyoneAnswers, request.providers))))
    const store = useCustomerStore()
    await store.open('100001')
    expect(store.tokensStatus).toBe('ready')
    expect(store.tokensError).toBeNull()
    expect(store.providerStatuses.find((status) => status.provider === 'klarna')).toEqual({ provider: 'klarna', status: 'failed', count: 0, error: klarnaDown })
  })
})
