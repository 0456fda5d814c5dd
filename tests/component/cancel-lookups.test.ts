/**
 * The customer view and app:cancelLookups: leaving the view or opening another customer cancels the
 * lookups in flight, a CANCELLED answer is dropped without a word, and a rate limit past the ceiling
 * reads "Rate limited until HH:MM".
 */
import { enableAutoUnmount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CustomerLookup, TokenListing } from '../../src/shared/domain.ts'
import type { Result } from '../../src/shared/errors.ts'
import { byTestId, createFakeApi, deferred, fail, kari, lookup, mountApp, ok, ola, settle } from './support.ts'

enableAutoUnmount(afterEach)
afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

const cancelled = fail({ code: 'CANCELLED', message: 'The Connect lookup was cancelled: the view that asked for it was closed.', provider: 'connect' })

describe('cancelling lookups', () => {
  it('leaving the customer view cancels its lookups; their CANCELLED answers are dropped silently', async () => {
    const api = createFakeApi()
    const customer = deferred<Result<CustomerLookup>>()
    const tokens = deferred<Result<TokenListing>>()
    api.customers.get.mockReturnValueOnce(customer.promise)
    api.tokens.list.mockReturnValueOnce(tokens.promise)
    const { wrapper, router } = await mountApp('/customers/100001', api)
    expect(api.app.cancelLookups).not.toHaveBeenCalled()

    await router.push('/')
    await settle()
    expect(api.app.cancelLookups).toHaveBeenCalledTimes(1)
    expect(api.app.cancelLookups).toHaveBeenCalledWith({})
    customer.resolve(cancelled)
    tokens.resolve(cancelled)
    await settle()
    expect(wrapper.find('[data-error-code="CANCELLED"]').exists()).toBe(false)

    // Back to the same customer: it loads as usual, with no error left over.
    await router.push('/customers/100001')
    await settle()
    expect(byTestId('customer-error')).toEqual([])
    expect(wrapper.get('[data-testid="customer-header"]').text()).toContain('Kari Nordmann')
  })

  it('opening another customer cancels the lookups of the first before asking for the second', async () => {
    const api = createFakeApi()
    api.customers.get.mockImplementation(async ({ customerNumber }) => ok(lookup(customerNumber === '100002' ? ola : kari)))
    const { wrapper, router } = await mountApp('/customers/100001', api)
    await router.push('/customers/100002')
    await settle()
    expect(api.app.cancelLookups).toHaveBeenCalledTimes(1)
    const secondGet = api.customers.get.mock.invocationCallOrder[1]!
    expect(api.app.cancelLookups.mock.invocationCallOrder[0]).toBeLessThan(secondGet)
    expect(api.customers.get).toHaveBeenLastCalledWith({ customerNumber: '100002' })
    expect(wrapper.get('[data-testid="customer-header"] h1').text()).toBe('Ola Johan Nordmann')
  })

  it('a CANCELLED answer while the view is still open shows no error either', async () => {
    const api = createFakeApi()
    api.customers.get.mockResolvedValueOnce(cancelled)
    api.tokens.list.mockResolvedValueOnce(cancelled)
    const { wrapper } = await mountApp('/customers/100001', api)
    expect(wrapper.find('[data-error-code="CANCELLED"]').exists()).toBe(false)
    expect(byTestId('customer-error')).toEqual([])
  })
})

describe('rate limited past the ceiling', () => {
  it('the customer error reads "Rate limited until HH:MM" and says when to try again', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(2026, 10, 21, 14, 30, 0) })
    const api = createFakeApi()
    api.customers.get.mockResolvedValueOnce(
      fail({ code: 'RATE_LIMITED', message: "Connect is limiting the console's requests (HTTP 429). Try again in 120 s.", provider: 'connect', httpStatus: 429, retryAfterMs: 120_000 }),
    )
    const { wrapper } = await mountApp('/customers/100001', api)
    const error = wrapper.get('[data-testid="customer-error"]')
    expect(error.attributes('data-error-code')).toBe('RATE_LIMITED')
    expect(error.text()).toContain('Rate limited until 14:32')
    expect(error.get('[data-testid="retry-at"]').text()).toBe('Try again at 14:32.')
  })
})
