import { enableAutoUnmount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createFakeApi,
  fail,
  kari,
  kariListing,
  lookup,
  mountApp,
  ok,
  settle,
  swedbankArchived,
  swedbankCard,
} from './support.ts'
import { answerFrom } from './provider-answers.ts'

enableAutoUnmount(afterEach)
afterEach(() => {
  document.body.innerHTML = ''
})

const CUSTOMER = '/customers/100001'

describe('customer view', () => {
  it('loads the customer and every token, asking each provider on its own for archived tokens too', async () => {
    const { wrapper, api } = await mountApp(CUSTOMER)
    expect(api.customers.get).toHaveBeenCalledWith({ customerNumber: '100001' })
    expect(api.tokens.list.mock.calls.map(([request]) => request)).toEqual(
      ['swedbankpay', 'payex', 'klarna', 'vipps', 'nexi'].map((provider) => ({ customerNumber: '100001', includeArchived: true, providers: [provider] })),
    )

    const header = wrapper.get('[data-testid="customer-header"]')
    expect(header.get('h1').text()).toBe('Kari Nordmann')
    expect(header.get('[data-testid="customer-number"]').text()).toBe('100001')
    expect(header.get('[data-testid="customer-payer-reference"]').text()).toBe('payer-100001')
    // Both emails listed, masked until revealed (tests/component/masking.test.ts).
    expect(header.findAll('[data-testid="customer-emails"] [data-testid="masked-value"]')).toHaveLength(2)
    expect(header.get('[data-testid="customer-emails"]').text()).toContain('k***@e***.no')
    expect(header.get('[data-testid="customer-phones"]').text()).toContain('+********01')
    expect(wrapper.get('[data-testid="back-to-search"]').text()).toContain('Back to search')
  })

  it('shows one chip per provider, a failed provider with its reason, and still every other row', async () => {
    const { wrapper } = await mountApp(CUSTOMER)
    const chips = wrapper.findAll('[data-testid="provider-status"]')
    expect(chips.map((chip) => [chip.attributes('data-provider'), chip.attributes('data-status')])).toEqual([
      ['swedbankpay', 'loaded'],
      ['payex', 'loaded'],
      ['klarna', 'loaded'],
      ['vipps', 'failed'],
      ['nexi', 'not_configured'],
    ])
    const vipps = wrapper.get('[data-testid="provider-status"][data-provider="vipps"]')
    expect(vipps.text()).toContain('Vipps')
    expect(vipps.text()).toContain('failed: not answering')
    expect(vipps.attributes('title')).toContain('Vipps answered 503')
    expect(wrapper.get('[data-provider="swedbankpay"][data-testid="provider-status"]').text()).toContain('3 tokens')
    expect(wrapper.get('[data-provider="nexi"][data-testid="provider-status"]').text()).toContain('not configured')

    const rows = wrapper.findAll('[data-testid="token-row"]')
    expect(rows).toHaveLength(5)
    expect(new Set(rows.map((row) => row.attributes('data-provider')))).toEqual(new Set(['swedbankpay', 'klarna', 'payex']))
  })

  it('renders each token row with its attributes, a card label and a masked token id', async () => {
    const { wrapper } = await mountApp(CUSTOMER)
    const row = wrapper.get(`[data-testid="token-row"][data-token="${swedbankCard.token}"]`)
    expect(row.attributes('data-state')).toBe('Active')
    expect(row.attributes('data-provider')).toBe('swedbankpay')
    expect(row.text()).toContain('Swedbank Pay')
    expect(row.text()).toContain('Visa •••• 1234')
    const id = row.get('.token-id')
    expect(id.text()).toBe('Token id****89abShow token id')
    expect(id.get('[data-testid="reveal-button"]').attributes('aria-pressed')).toBe('false')
    expect(row.html()).not.toContain(`title="${swedbankCard.token}"`)
    expect(row.get('[data-testid="token-state"]').text()).toBe('Active')

    const archived = wrapper.get(`[data-testid="token-row"][data-token="${swedbankArchived.token}"]`)
    expect(archived.attributes('data-state')).toBe('Archived')
    expect(archived.text()).toContain('agent.lise')
    expect(archived.text()).toContain('Card stolen')
  })

  it('offers Archive… only on active Swedbank Pay rows', async () => {
    const { wrapper } = await mountApp(CUSTOMER)
    const withButton = wrapper
      .findAll('[data-testid="token-row"]')
      .filter((row) => row.find('[data-testid="archive-button"]').exists())
      .map((row) => [row.attributes('data-provider'), row.attributes('data-state')])
    expect(withButton).toEqual([
      ['swedbankpay', 'Active'],
      ['swedbankpay', 'Active'],
    ])
    expect(wrapper.findAll('[data-testid="archive-button"]')).toHaveLength(2)
  })

  it('filters with Active / Archived / All tabs that show their counts', async () => {
    const { wrapper } = await mountApp(CUSTOMER)
    const tab = (name: string) => wrapper.get(`[data-testid="token-filter-${name}"]`)
    expect(tab('active').text()).toBe('Active (4)')
    expect(tab('archived').text()).toBe('Archived (1)')
    expect(tab('all').text()).toBe('All (5)')
    expect(tab('all').attributes('aria-selected')).toBe('true')

    await tab('archived').trigger('click')
    expect(tab('archived').attributes('aria-selected')).toBe('true')
    let rows = wrapper.findAll('[data-testid="token-row"]')
    expect(rows.map((row) => row.attributes('data-state'))).toEqual(['Archived'])

    await tab('active').trigger('click')
    rows = wrapper.findAll('[data-testid="token-row"]')
    expect(rows).toHaveLength(4)
    expect(rows.every((row) => row.attributes('data-state') === 'Active')).toBe(true)

    // Keyboard: ArrowRight moves from Active to Archived.
    await tab('active').trigger('keydown', { key: 'ArrowRight' })
    expect(tab('archived').attributes('aria-selected')).toBe('true')
    expect(document.activeElement).toBe(tab('archived').element)
  })

  it('shows an empty message for a filter without rows', async () => {
    const api = createFakeApi()
    api.tokens.list.mockResolvedValue(ok({ ...kariListing, tokens: [swedbankCard] }))
    const { wrapper } = await mountApp(CUSTOMER, api)
    await wrapper.get('[data-testid="token-filter-archived"]').trigger('click')
    expect(wrapper.get('[data-testid="token-empty"]').text()).toBe('No archived tokens.')
  })

  it('keeps the token table when the customer record fails, with its own Retry', async () => {
    const api = createFakeApi()
    api.customers.get
      .mockResolvedValueOnce(fail({ code: 'TIMEOUT', message: 'Connect did not answer in 10 s', provider: 'connect' }))
      .mockResolvedValueOnce(ok(lookup(kari)))
    const { wrapper } = await mountApp(CUSTOMER, api)

    expect(wrapper.get('[data-testid="customer-error"]').text()).toContain('did not answer in time')
    expect(wrapper.findAll('[data-testid="token-row"]')).toHaveLength(5)

    await wrapper.get('[data-testid="customer-retry"]').trigger('click')
    await settle()
    expect(api.customers.get).toHaveBeenCalledTimes(2)
    expect(wrapper.find('[data-testid="customer-error"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="customer-header"] h1').text()).toBe('Kari Nordmann')
  })

  it('shows a token list error that every provider answered, with its next step and Retry, while the customer still shows', async () => {
    const api = createFakeApi()
    api.tokens.list.mockResolvedValue(fail({ code: 'OFFLINE', message: 'No network' }))
    const { wrapper } = await mountApp(CUSTOMER, api)

    const error = wrapper.get('[data-testid="tokens-error"]')
    expect(error.text()).toContain('You are offline')
    expect(error.get('[data-testid="next-step"]').text()).toBe('Check the network connection; cached customers are under Recent lookups.')
    expect(wrapper.find('[data-testid="provider-status"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="toast"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="customer-header"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="token-row"]').exists()).toBe(false)

    answerFrom(api, kariListing)
    await wrapper.get('[data-testid="tokens-retry"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid="tokens-error"]').exists()).toBe(false)
    expect(wrapper.findAll('[data-testid="token-row"]')).toHaveLength(5)
  })

  it('says when the customer has no tokens', async () => {
    const api = createFakeApi()
    api.tokens.list.mockResolvedValue(ok({ ...kariListing, tokens: [], providers: [] }))
    const { wrapper } = await mountApp(CUSTOMER, api)
    expect(wrapper.get('[data-testid="tokens-empty"]').text()).toContain('No payment tokens')
  })

  it('refuses a link with something that is not a customer number, without calling the api', async () => {
    const { wrapper, api } = await mountApp('/customers/abc')
    expect(wrapper.get('[data-testid="customer-error"]').text()).toContain('is not a customer number')
    expect(api.customers.get).not.toHaveBeenCalled()
    expect(api.tokens.list).not.toHaveBeenCalled()
  })
})
