/**
 * Masking on screen (issue 6 §6) through the whole app against the fake api: token ids, emails and phone
 * numbers masked by default; a reveal asks `audit:reveal` first and shows nothing when that fails;
 * screen-share safe masks every personal value at once, allows no reveal, is remembered and reaches
 * the search field; revealed values go back under the mask on another customer.
 */
import { enableAutoUnmount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SCREEN_SHARE_KEY } from '../../src/renderer/src/stores/privacy.ts'
import { createFakeApi, fail, kari, mountApp, ok, ola, settle, swedbankArchived, swedbankCard } from './support.ts'

enableAutoUnmount(afterEach)
afterEach(() => {
  localStorage.removeItem(SCREEN_SHARE_KEY)
  document.body.innerHTML = ''
})

const CUSTOMER = '/customers/100001'
const header = (wrapper: VueWrapper) => wrapper.get('[data-testid="customer-header"]')
const tokenRow = (wrapper: VueWrapper, token: string) => wrapper.get(`[data-testid="token-row"][data-token="${token}"]`)
const pageText = () => document.body.textContent ?? ''

async function press(key: string, init: KeyboardEventInit = {}): Promise<void> {
  document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }))
  await settle()
}

describe('masked by default', () => {
  it('shows token ids, emails and phone numbers masked, names as they are; no full value anywhere in the page', async () => {
    const { wrapper } = await mountApp(CUSTOMER)
    expect(header(wrapper).get('h1').text()).toBe('Kari Nordmann')
    expect(header(wrapper).get('[data-testid="customer-emails"]').text()).toContain('k***@e***.no')
    expect(header(wrapper).get('[data-testid="customer-phones"]').text()).toMatch(/\*+\d\d/)
    expect(tokenRow(wrapper, swedbankCard.token).get('.token-id').text()).toContain('****89ab')
    for (const value of [...kari.emails, ...kari.phoneNumbers, swedbankCard.token]) expect(pageText()).not.toContain(value)
    // Nor in a tooltip.
    for (const element of document.querySelectorAll('[title]')) {
      for (const value of [...kari.emails, ...kari.phoneNumbers, swedbankCard.token]) expect(element.getAttribute('title')).not.toContain(value)
    }
  })

  it('reveals an email after the audit entry is written, as a pressed toggle; the same button hides it again', async () => {
    const { wrapper, api } = await mountApp(CUSTOMER)
    const emails = header(wrapper).get('[data-testid="customer-emails"]')
    const button = emails.get('[data-testid="reveal-button"]')
    expect(button.attributes('aria-pressed')).toBe('false')
    expect(button.text()).toBe('Show email')
    await button.trigger('click')
    await settle()
    expect(api.audit.reveal).toHaveBeenCalledTimes(1)
    expect(api.audit.reveal).toHaveBeenCalledWith({ field: 'email', customerNumber: '100001' })
    expect(emails.text()).toContain(kari.emails[0])
    expect(emails.get('[data-testid="reveal-button"]').attributes('aria-pressed')).toBe('true')
    // Only that email: the second one stays masked.
    expect(emails.text()).not.toContain(kari.emails[1])

    await emails.get('[data-testid="reveal-button"]').trigger('click')
    await settle()
    expect(emails.text()).not.toContain(kari.emails[0])
    expect(api.audit.reveal).toHaveBeenCalledTimes(1)
  })

  it('reveals a token id with its provider, token and customer in the audit request', async () => {
    const { wrapper, api } = await mountApp(CUSTOMER)
    await tokenRow(wrapper, swedbankCard.token).get('.token-id [data-testid="reveal-button"]').trigger('click')
    await settle()
    expect(api.audit.reveal).toHaveBeenCalledWith({ field: 'tokenId', provider: 'swedbankpay', token: swedbankCard.token, customerNumber: '100001' })
    expect(tokenRow(wrapper, swedbankCard.token).get('.token-id').text()).toContain(swedbankCard.token)
    expect(tokenRow(wrapper, swedbankArchived.token).get('.token-id').text()).not.toContain(swedbankArchived.token)
  })

  it('keeps the value hidden and says why when the reveal cannot be audited', async () => {
    const api = createFakeApi()
    api.audit.reveal.mockResolvedValue(fail({ code: 'LOCAL_FILE', message: 'The reveal could not be written to the audit log, so the value stays hidden.' }))
    const { wrapper } = await mountApp(CUSTOMER, api)
    const phones = header(wrapper).get('[data-testid="customer-phones"]')
    await phones.get('[data-testid="reveal-button"]').trigger('click')
    await settle()
    expect(api.audit.reveal).toHaveBeenCalledTimes(1)
    expect(pageText()).not.toContain(kari.phoneNumbers[0])
    expect(phones.get('[data-testid="reveal-button"]').attributes('aria-pressed')).toBe('false')
    expect(wrapper.get('[data-testid="toast-region"]').text()).toContain('The value stays hidden')
  })

  it('hides what was revealed when the agent opens another customer', async () => {
    const api = createFakeApi()
    api.customers.get.mockImplementation(async ({ customerNumber }) => ok({ ...(customerNumber === '100002' ? ola : kari), cachedAt: null }))
    const { wrapper, router } = await mountApp(CUSTOMER, api)
    await header(wrapper).get('[data-testid="customer-emails"] [data-testid="reveal-button"]').trigger('click')
    await settle()
    expect(pageText()).toContain(kari.emails[0])
    await router.push('/customers/100002')
    await settle()
    await router.push(CUSTOMER)
    await settle()
    expect(header(wrapper).get('h1').text()).toBe('Kari Nordmann')
    expect(pageText()).not.toContain(kari.emails[0])
  })
})

describe('screen-share safe', () => {
  it('masks every personal value at once, offers no reveal, hides what was revealed, and is remembered', async () => {
    const { wrapper, api } = await mountApp(CUSTOMER)
    await header(wrapper).get('[data-testid="customer-emails"] [data-testid="reveal-button"]').trigger('click')
    await settle()
    expect(pageText()).toContain(kari.emails[0])

    const toggle = wrapper.get('[data-testid="screen-share-toggle"]')
    expect(toggle.attributes('aria-pressed')).toBe('false')
    await toggle.trigger('click')
    await settle()
    expect(toggle.attributes('aria-pressed')).toBe('true')
    expect(document.documentElement.dataset['screenShare']).toBe('on')
    expect(localStorage.getItem(SCREEN_SHARE_KEY)).toBe('on')

    for (const value of ['Kari', 'Nordmann', ...kari.emails, ...kari.phoneNumbers, swedbankCard.token, 'Card stolen']) expect(pageText()).not.toContain(value)
    expect(header(wrapper).get('h1').text()).toContain('*****')
    expect(wrapper.findAll('[data-testid="reveal-button"]')).toHaveLength(0)
    expect(api.audit.reveal).toHaveBeenCalledTimes(1)
  })

  it('starts on when it was on last time; Ctrl+Shift+M turns it off and on, also while typing', async () => {
    localStorage.setItem(SCREEN_SHARE_KEY, 'on')
    const { wrapper } = await mountApp(CUSTOMER)
    expect(pageText()).not.toContain('Kari Nordmann')
    await press('M', { ctrlKey: true, shiftKey: true })
    expect(header(wrapper).get('h1').text()).toBe('Kari Nordmann')
    expect(localStorage.getItem(SCREEN_SHARE_KEY)).toBe('off')
    // Ctrl+M without Shift is not the shortcut.
    await press('m', { ctrlKey: true })
    expect(header(wrapper).get('h1').text()).toBe('Kari Nordmann')
    await press('M', { ctrlKey: true, shiftKey: true })
    expect(pageText()).not.toContain('Kari Nordmann')
  })

  it('masks names in the search results, the query in the caption, and marks the search field for dots', async () => {
    localStorage.setItem(SCREEN_SHARE_KEY, 'on')
    const { wrapper, api } = await mountApp('/')
    const field = wrapper.get<HTMLInputElement>('[data-testid="customer-search"]')
    expect(field.attributes()).toHaveProperty('data-personal')
    await field.setValue('Nordmann')
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(api.customers.search).toHaveBeenCalledWith({ query: 'Nordmann' })
    const results = wrapper.get('[data-testid="search-results"]')
    expect(results.findAll('[data-testid="customer-row"]')).toHaveLength(2)
    for (const value of ['Nordmann', 'Kari', 'Ola', ...kari.emails, ...ola.emails]) expect(results.text()).not.toContain(value)
    expect(results.text()).toContain('100001')
  })

  it('shows a reveal that was still being audited when screen-share safe went on as masked', async () => {
    const api = createFakeApi()
    let answer: (() => void) | undefined
    api.audit.reveal.mockImplementation(() => new Promise((resolve) => (answer = () => resolve(ok({ recorded: true as const })))))
    const { wrapper } = await mountApp(CUSTOMER, api)
    await header(wrapper).get('[data-testid="customer-emails"] [data-testid="reveal-button"]').trigger('click')
    await wrapper.get('[data-testid="screen-share-toggle"]').trigger('click')
    await vi.waitFor(() => expect(answer).toBeDefined())
    answer?.()
    await settle()
    expect(pageText()).not.toContain(kari.emails[0])
    await wrapper.get('[data-testid="screen-share-toggle"]').trigger('click')
    await settle()
    expect(pageText()).not.toContain(kari.emails[0])
  })
})
