import { enableAutoUnmount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { PROVIDER_ACTIONS } from '../../src/shared/domain.ts'
import type { PaymentToken, TokenListing } from '../../src/shared/domain.ts'
import type { Result } from '../../src/shared/errors.ts'
import {
  createFakeApi,
  deferred,
  fail,
  kariListing,
  klarnaToken,
  mountApp,
  ok,
  payexToken,
  settle,
  signedInApi,
  swedbankArchived,
  swedbankCard,
  swedbankRecurrence,
} from './support.ts'
import type { FakeApi } from './support.ts'
import { LOOKUP_CALLS } from './provider-answers.ts'

enableAutoUnmount(afterEach)
afterEach(() => {
  document.body.innerHTML = ''
})

const oneClick: PaymentToken = { ...swedbankCard, token: 'one-click-0000-1111-2222', tokenType: 'OneClick', lastFour: '4444' }
const vippsToken: PaymentToken = { ...klarnaToken, provider: 'vipps', token: 'vipps-7777', displayName: 'Vipps 4790' }
const nexiArchived: PaymentToken = { ...klarnaToken, provider: 'nexi', token: 'nexi-8888', state: 'Archived' }
const allFamilies: TokenListing = {
  ...kariListing,
  tokens: [swedbankCard, swedbankRecurrence, swedbankArchived, oneClick, klarnaToken, payexToken, vippsToken, nexiArchived],
}

function row(wrapper: VueWrapper, token: PaymentToken) {
  return wrapper.get<HTMLElement>(`[data-testid="token-row"][data-token="${token.token}"]`)
}

/** Every action a row offers: its buttons, and the items of its "More" menu (opened to look). */
async function offered(wrapper: VueWrapper, token: PaymentToken): Promise<string[]> {
  const r = row(wrapper, token)
  const found = ['archive-button', 'remove-button'].filter((id) => r.find(`[data-testid="${id}"]`).exists())
  const menu = r.find('[data-testid="row-menu-button"]')
  if (menu.exists()) {
    await menu.trigger('click')
    await settle()
    found.push(...r.findAll('[role="menuitem"]').map((item) => item.attributes('data-testid') ?? ''))
    await menu.trigger('click')
  }
  return found
}

async function openFromMenu(wrapper: VueWrapper, token: PaymentToken, item: string): Promise<void> {
  await row(wrapper, token).get('[data-testid="row-menu-button"]').trigger('click')
  await settle()
  await row(wrapper, token).get(`[data-testid="${item}"]`).trigger('click')
  await settle()
}

async function mountWith(api: FakeApi) {
  api.tokens.list.mockResolvedValue(ok(allFamilies))
  return mountApp('/customers/100001', api)
}

describe('token actions per provider', () => {
  it('offers exactly what PROVIDER_ACTIONS allows, only on active tokens', async () => {
    const { wrapper } = await mountWith(signedInApi())
    expect(PROVIDER_ACTIONS.swedbankpay).toEqual(['archive', 'rename', 'legacyDelete'])
    expect(await offered(wrapper, swedbankCard)).toEqual(['archive-button', 'rename-button', 'legacy-delete-button'])
    expect(await offered(wrapper, swedbankRecurrence)).toEqual(['archive-button', 'rename-button', 'legacy-delete-button'])
    // The old API has no delete for a OneClick token.
    expect(await offered(wrapper, oneClick)).toEqual(['archive-button', 'rename-button'])
    expect(await offered(wrapper, swedbankArchived)).toEqual([])
    expect(await offered(wrapper, klarnaToken)).toEqual(['remove-button'])
    expect(await offered(wrapper, payexToken)).toEqual(['remove-button'])
    expect(await offered(wrapper, vippsToken)).toEqual(['remove-button'])
    expect(await offered(wrapper, nexiArchived)).toEqual([])
  })

  it('has an accessible row menu: arrow keys move, Esc closes and returns focus', async () => {
    const { wrapper } = await mountWith(signedInApi())
    const button = row(wrapper, swedbankCard).get('[data-testid="row-menu-button"]')
    expect(button.attributes('aria-haspopup')).toBe('menu')
    expect(button.attributes('aria-expanded')).toBe('false')
    await button.trigger('keydown', { key: 'ArrowDown' })
    await settle()
    const menu = row(wrapper, swedbankCard).get('[role="menu"]')
    expect(button.attributes('aria-expanded')).toBe('true')
    expect(button.attributes('aria-controls')).toBe(menu.attributes('id'))
    const items = menu.findAll('[role="menuitem"]')
    expect(document.activeElement).toBe(items[0]?.element)
    await menu.trigger('keydown', { key: 'ArrowDown' })
    expect(document.activeElement).toBe(items[1]?.element)
    await menu.trigger('keydown', { key: 'ArrowDown' })
    expect(document.activeElement).toBe(items[0]?.element)
    await menu.trigger('keydown', { key: 'End' })
    expect(document.activeElement).toBe(items[1]?.element)
    await menu.trigger('keydown', { key: 'Escape' })
    await settle()
    expect(row(wrapper, swedbankCard).find('[role="menu"]').exists()).toBe(false)
    expect(document.activeElement).toBe(button.element)
  })
})

describe('rename', () => {
  it('sends the new display name once, with the exact payload, and refreshes', async () => {
    const api = signedInApi()
    const pending = deferred<Result<PaymentToken>>()
    api.tokens.rename.mockReturnValue(pending.promise)
    const { wrapper } = await mountWith(api)
    await openFromMenu(wrapper, swedbankCard, 'rename-button')
    const input = wrapper.get<HTMLInputElement>('[data-testid="rename-input"]')
    expect(document.activeElement).toBe(input.element)
    const confirm = wrapper.get<HTMLButtonElement>('[data-testid="rename-confirm"]')
    await input.setValue('   ')
    expect(confirm.element.disabled).toBe(true)
    await input.setValue('x'.repeat(101))
    expect(confirm.element.disabled).toBe(true)
    await input.setValue('  Kari sin Visa  ')
    confirm.element.click()
    confirm.element.click()
    await settle()

    expect(api.tokens.rename).toHaveBeenCalledTimes(1)
    expect(api.tokens.rename).toHaveBeenCalledWith({
      provider: 'swedbankpay',
      token: swedbankCard.token,
      tokenType: 'Unscheduled',
      displayName: 'Kari sin Visa',
    })
    pending.resolve(ok({ ...swedbankCard, displayName: 'Kari sin Visa' }))
    await settle()
    expect(wrapper.find('[data-testid="rename-dialog"]').exists()).toBe(false)
    expect(api.tokens.list).toHaveBeenCalledTimes(2 * LOOKUP_CALLS)
    expect(wrapper.get('[data-testid="toast-region"]').text()).toContain('renamed to “Kari sin Visa”')
  })

  it('explains a NOT_FOUND inside the dialog, keeps the input and refreshes the list', async () => {
    const api = signedInApi()
    api.tokens.rename.mockResolvedValue(fail({ code: 'NOT_FOUND', message: 'unknown token', provider: 'swedbankpay' }))
    const { wrapper } = await mountWith(api)
    await openFromMenu(wrapper, swedbankCard, 'rename-button')
    await wrapper.get('[data-testid="rename-input"]').setValue('New name')
    await wrapper.get('[data-testid="rename-confirm"]').trigger('click')
    await settle()

    expect(wrapper.get('[data-testid="rename-error"]').text()).toContain('Swedbank Pay no longer knows this token')
    expect(wrapper.get<HTMLInputElement>('[data-testid="rename-input"]').element.value).toBe('New name')
    expect(wrapper.get<HTMLButtonElement>('[data-testid="rename-confirm"]').element.disabled).toBe(true)
    expect(api.tokens.list).toHaveBeenCalledTimes(2 * LOOKUP_CALLS)
  })
})

describe('remove (Connect families)', () => {
  it('requires a reason it does not send, and removes once with the exact payload', async () => {
    const api = signedInApi()
    api.tokens.remove.mockResolvedValue(ok({ provider: 'klarna' as const, token: klarnaToken.token, removed: true as const }))
    const { wrapper } = await mountWith(api)
    await row(wrapper, klarnaToken).get('[data-testid="remove-button"]').trigger('click')
    await settle()
    const dialog = wrapper.get('[data-testid="remove-dialog"]')
    const confirm = dialog.get<HTMLButtonElement>('[data-testid="remove-confirm"]')
    expect(confirm.element.disabled).toBe(true)
    await dialog.get('[data-testid="remove-reason"]').setValue('Customer ended the agreement')
    confirm.element.click()
    confirm.element.click()
    await settle()

    expect(api.tokens.remove).toHaveBeenCalledTimes(1)
    expect(api.tokens.remove).toHaveBeenCalledWith({ provider: 'klarna', customerNumber: '100001', token: klarnaToken.token })
    expect(wrapper.find('[data-testid="remove-dialog"]').exists()).toBe(false)
    expect(api.tokens.list).toHaveBeenCalledTimes(2 * LOOKUP_CALLS)
  })

  it('explains a CONFLICT as already removed and refreshes', async () => {
    const api = signedInApi()
    api.tokens.remove.mockResolvedValue(fail({ code: 'CONFLICT', message: 'inactive', provider: 'payex' }))
    const { wrapper } = await mountWith(api)
    await row(wrapper, payexToken).get('[data-testid="remove-button"]').trigger('click')
    await settle()
    await wrapper.get('[data-testid="remove-reason"]').setValue('Duplicate card')
    await wrapper.get('[data-testid="remove-confirm"]').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid="remove-error"]').text()).toContain('already removed (or no longer active) at PayEx')
    expect(wrapper.get('[data-testid="remove-cancel"]').text()).toBe('Close')
    expect(api.tokens.list).toHaveBeenCalledTimes(2 * LOOKUP_CALLS)
  })
})

describe('delete through the old API', () => {
  it('warns, needs a comment, and sends the kind from the token type once', async () => {
    const api = signedInApi()
    api.tokens.legacyDelete.mockResolvedValue(ok({ kind: 'recurrence' as const, deleted: true as const, count: 1 }))
    const { wrapper } = await mountWith(api)
    await openFromMenu(wrapper, swedbankRecurrence, 'legacy-delete-button')
    const dialog = wrapper.get('[data-testid="legacy-delete-dialog"]')
    expect(dialog.text()).toContain('old PaymentOrder API')
    expect(dialog.get('[data-testid="legacy-delete-warning"]').text()).toContain('deleted permanently')
    const confirm = dialog.get<HTMLButtonElement>('[data-testid="legacy-delete-confirm"]')
    expect(confirm.element.disabled).toBe(true)
    await dialog.get('[data-testid="legacy-delete-comment"]').setValue('  Fraud case 123  ')
    confirm.element.click()
    confirm.element.click()
    await settle()

    expect(api.tokens.legacyDelete).toHaveBeenCalledTimes(1)
    expect(api.tokens.legacyDelete).toHaveBeenCalledWith({ kind: 'recurrence', token: swedbankRecurrence.token, comment: 'Fraud case 123' })
    expect(wrapper.find('[data-testid="legacy-delete-dialog"]').exists()).toBe(false)
    expect(api.tokens.list).toHaveBeenCalledTimes(2 * LOOKUP_CALLS)
  })
})

describe('archive all at Swedbank Pay', () => {
  it('names the count, needs a reason, archives once and refreshes', async () => {
    const api = signedInApi()
    api.tokens.archiveAll.mockResolvedValue(ok([swedbankCard, swedbankRecurrence, oneClick].map((t) => ({ ...t, state: 'Archived' as const }))))
    const { wrapper } = await mountWith(api)
    await wrapper.get('[data-testid="archive-all-button"]').trigger('click')
    await settle()
    const dialog = wrapper.get('[data-testid="archive-all-dialog"]')
    expect(dialog.get('[data-testid="archive-all-count"]').text()).toContain('all 3 active Swedbank Pay tokens')
    const confirm = dialog.get<HTMLButtonElement>('[data-testid="archive-all-confirm"]')
    expect(confirm.text()).toContain('Archive all 3')
    expect(confirm.element.disabled).toBe(true)
    await dialog.get('[data-testid="archive-all-reason"]').setValue('Customer moved abroad')
    confirm.element.click()
    confirm.element.click()
    await settle()

    expect(api.tokens.archiveAll).toHaveBeenCalledTimes(1)
    expect(api.tokens.archiveAll).toHaveBeenCalledWith({ provider: 'swedbankpay', payerReference: 'payer-100001', reason: 'Customer moved abroad' })
    expect(wrapper.get('[data-testid="toast-region"]').text()).toContain('3 tokens archived at Swedbank Pay')
    expect(api.tokens.list).toHaveBeenCalledTimes(2 * LOOKUP_CALLS)
  })

  it('is not offered without an active Swedbank Pay token', async () => {
    const api = signedInApi()
    api.tokens.list.mockResolvedValue(ok({ ...kariListing, tokens: [swedbankArchived, klarnaToken] }))
    const { wrapper } = await mountApp('/customers/100001', api)
    expect(wrapper.find('[data-testid="archive-all-button"]').exists()).toBe(false)
  })

  it('asks a signed-out agent to sign in and sends nothing', async () => {
    const api = createFakeApi()
    const { wrapper } = await mountWith(api)
    await wrapper.get('[data-testid="archive-all-button"]').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid="sign-in-prompt"]').text()).toContain('Sign in to archive tokens')
    await wrapper.get('[data-testid="archive-all-reason"]').setValue('x')
    await wrapper.get('[data-testid="archive-all-dialog"] form').trigger('submit')
    await settle()
    expect(api.tokens.archiveAll).not.toHaveBeenCalled()
  })
})
