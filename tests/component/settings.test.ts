import { enableAutoUnmount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ProfilesState } from '../../src/shared/domain.ts'
import { installTheme, setTheme } from '../../src/renderer/src/lib/theme.ts'
import {
  byTestId,
  createFakeApi,
  fail,
  mountApp,
  ok,
  sandboxInfo,
  sandboxProfiles,
  settle,
  signedInApi,
  signedOut,
} from './support.ts'

enableAutoUnmount(afterEach)
afterEach(() => {
  document.body.innerHTML = ''
})

const SECRET = 'sk_live_3f9a-DO-NOT-SHOW-8c21'

function card(wrapper: VueWrapper, id: string) {
  return wrapper.get(`[data-testid="profile-card"][data-profile="${id}"]`)
}

function withSecret(state: ProfilesState, stored: boolean): ProfilesState {
  return {
    ...state,
    profiles: state.profiles.map((p) => (p.id === 'test' ? { ...p, secrets: { ...p.secrets, swedbankPayAccessToken: stored } } : p)),
  }
}

describe('settings view', () => {
  it('is reached from the top bar and shows the three profiles with the active one marked', async () => {
    const { wrapper, router, api } = await mountApp('/')
    await wrapper.get('[data-testid="nav-settings"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/settings'))
    await settle()
    expect(api.profiles.get).toHaveBeenCalledTimes(1)
    const cards = wrapper.findAll('[data-testid="profile-card"]')
    expect(cards.map((c) => [c.attributes('data-profile'), c.attributes('data-active')])).toEqual([
      ['sandbox', 'true'],
      ['test', 'false'],
      ['production', 'false'],
    ])
    expect(card(wrapper, 'sandbox').find('[data-testid="profile-activate"]').exists()).toBe(false)
    expect(card(wrapper, 'sandbox').find('[data-testid="settings-save"]').exists()).toBe(false)
    expect(card(wrapper, 'test').get('[data-testid="settings-payer-reference-template"]').element).toHaveProperty(
      'value',
      '{customerNumber}',
    )
    expect(card(wrapper, 'test').text()).toContain('{customerNumber} is replaced by the Connect customer number')
    // Production has no settings yet: the template starts at its default.
    expect(card(wrapper, 'production').get<HTMLInputElement>('[data-testid="settings-payer-reference-template"]').element.value).toBe(
      '{customerNumber}',
    )
  })

  it('saves a secret write-only: exact payload, input cleared, value never rendered, only "stored" shown', async () => {
    const api = createFakeApi()
    api.profiles.setSecret.mockResolvedValue(ok(withSecret(sandboxProfiles, true)))
    const { wrapper } = await mountApp('/settings', api)
    const test = card(wrapper, 'test')
    expect(test.get('[data-testid="secret-status-swedbankPayAccessToken"]').text()).toBe('not set')
    expect(test.get('[data-testid="secret-status-connectClientSecret"]').text()).toBe('stored')
    const input = test.get<HTMLInputElement>('[data-testid="secret-input-swedbankPayAccessToken"]')
    expect(input.attributes('type')).toBe('password')
    await input.setValue(SECRET)
    expect(document.body.innerHTML).not.toContain(SECRET)
    await test.get('[data-testid="secret-save-swedbankPayAccessToken"]').trigger('click')
    await settle()

    expect(api.profiles.setSecret).toHaveBeenCalledTimes(1)
    expect(api.profiles.setSecret).toHaveBeenCalledWith({ id: 'test', name: 'swedbankPayAccessToken', value: SECRET })
    const after = card(wrapper, 'test')
    expect(after.get<HTMLInputElement>('[data-testid="secret-input-swedbankPayAccessToken"]').element.value).toBe('')
    expect(after.get('[data-testid="secret-status-swedbankPayAccessToken"]').text()).toBe('stored')
    expect(document.body.innerHTML).not.toContain(SECRET)
    expect(document.body.textContent).not.toContain(SECRET)
  })

  it('removes a stored secret with clearSecret', async () => {
    const api = createFakeApi()
    const cleared: ProfilesState = {
      ...sandboxProfiles,
      profiles: sandboxProfiles.profiles.map((p) => (p.id === 'test' ? { ...p, secrets: { ...p.secrets, connectClientSecret: false } } : p)),
    }
    api.profiles.clearSecret.mockResolvedValue(ok(cleared))
    const { wrapper } = await mountApp('/settings', api)
    expect(card(wrapper, 'production').get<HTMLButtonElement>('[data-testid="secret-clear-connectClientSecret"]').element.disabled).toBe(true)
    await card(wrapper, 'test').get('[data-testid="secret-clear-connectClientSecret"]').trigger('click')
    await settle()
    expect(api.profiles.clearSecret).toHaveBeenCalledWith({ id: 'test', name: 'connectClientSecret' })
    expect(card(wrapper, 'test').get('[data-testid="secret-status-connectClientSecret"]').text()).toBe('not set')
  })

  it('without OS encryption says why and disables every secret input', async () => {
    const api = createFakeApi()
    api.profiles.get.mockResolvedValue(
      ok({ ...sandboxProfiles, encryption: { available: false, reason: 'safeStorage uses basic_text on this Linux desktop.' } }),
    )
    const { wrapper } = await mountApp('/settings', api)
    const warning = wrapper.get('[data-testid="encryption-warning"]')
    expect(warning.attributes('role')).toBe('alert')
    expect(warning.text()).toContain('basic_text')
    for (const id of ['test', 'production']) {
      for (const name of ['connectClientSecret', 'swedbankPayAccessToken']) {
        expect(card(wrapper, id).get<HTMLInputElement>(`[data-testid="secret-input-${name}"]`).element.disabled).toBe(true)
        expect(card(wrapper, id).get<HTMLButtonElement>(`[data-testid="secret-save-${name}"]`).element.disabled).toBe(true)
      }
    }
  })

  it('shows ENCRYPTION_UNAVAILABLE from setSecret beside the field', async () => {
    const api = createFakeApi()
    api.profiles.setSecret.mockResolvedValue(fail({ code: 'ENCRYPTION_UNAVAILABLE', message: 'No keyring.' }))
    const { wrapper } = await mountApp('/settings', api)
    await card(wrapper, 'test').get('[data-testid="secret-input-connectClientSecret"]').setValue(SECRET)
    await card(wrapper, 'test').get('[data-testid="secret-save-connectClientSecret"]').trigger('click')
    await settle()
    const error = card(wrapper, 'test').get('[data-testid="secret-error-connectClientSecret"]')
    expect(error.attributes('data-error-code')).toBe('ENCRYPTION_UNAVAILABLE')
    expect(error.text()).toContain('nothing was stored')
  })

  it('saves settings and puts validation messages on their fields', async () => {
    const api = createFakeApi()
    api.profiles.save.mockResolvedValueOnce(
      fail({
        code: 'VALIDATION',
        message:
          'The request was refused: settings.connect.apiUrl: must be an https:// URL; settings.payerReferenceTemplate: must contain {customerNumber}.',
      }),
    )
    const { wrapper } = await mountApp('/settings', api)
    const test = card(wrapper, 'test')
    await test.get('[data-testid="settings-connect-api-url"]').setValue('http://connect.test.example')
    await test.get('[data-testid="settings-payer-reference-template"]').setValue('avis-')
    await test.get('[data-testid="settings-save"]').trigger('click')
    await settle()

    expect(api.profiles.save).toHaveBeenCalledWith({
      id: 'test',
      settings: {
        connect: { apiUrl: 'http://connect.test.example', loginUrl: 'https://login.test.example', clientId: 'console-test' },
        swedbankPay: { apiUrl: 'https://api.externalintegration.payex.com' },
        payerReferenceTemplate: 'avis-',
      },
    })
    expect(test.get('[data-testid="settings-connect-api-url-error"]').text()).toBe('must be an https:// URL')
    expect(test.get('[data-testid="settings-payer-reference-template-error"]').text()).toBe('must contain {customerNumber}')
    expect(test.get('[data-testid="settings-connect-api-url"]').attributes('aria-invalid')).toBe('true')
    expect(test.get('[data-testid="settings-error"]').text()).toContain('The console refused the input')
  })

  it('switches profile only after a confirmation that signs out; then reloads banner, sign-in and clears customers', async () => {
    const api = signedInApi()
    const testActive: ProfilesState = {
      ...sandboxProfiles,
      active: 'test',
      profiles: sandboxProfiles.profiles.map((p) => ({ ...p, active: p.id === 'test' })),
    }
    api.profiles.activate.mockResolvedValue(ok(testActive))
    const { wrapper, router, pinia } = await mountApp('/', api)
    await wrapper.get('[data-testid="customer-search"]').setValue('Nordmann')
    await wrapper.get('form[role="search"]').trigger('submit')
    await settle()
    expect(wrapper.find('[data-testid="signed-in-agent"]').exists()).toBe(true)
    await router.push('/customers/100001')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="token-row"]').exists()).toBe(true))
    expect((pinia.state.value.customer as { customerNumber: string }).customerNumber).toBe('100001')
    await router.push('/settings')
    await settle()

    await card(wrapper, 'test').get('[data-testid="profile-activate"]').trigger('click')
    await settle()
    const dialog = wrapper.get('[data-testid="activate-dialog"]')
    expect(dialog.text()).toContain('You will be signed out')
    expect(api.profiles.activate).not.toHaveBeenCalled()
    await dialog.get('[data-testid="activate-cancel"]').trigger('click')
    await settle()
    expect(api.profiles.activate).not.toHaveBeenCalled()

    api.app.info.mockResolvedValue(ok({ ...sandboxInfo, profile: { kind: 'test', label: 'Test' }, sandbox: !sandboxInfo.sandbox }))
    api.auth.status.mockResolvedValue(ok(signedOut))
    await card(wrapper, 'test').get('[data-testid="profile-activate"]').trigger('click')
    await settle()
    await wrapper.get('[data-testid="activate-confirm"]').trigger('click')
    await settle()

    expect(api.profiles.activate).toHaveBeenCalledTimes(1)
    expect(api.profiles.activate).toHaveBeenCalledWith({ id: 'test' })
    expect(api.app.info).toHaveBeenCalledTimes(2)
    expect(api.auth.status).toHaveBeenCalledTimes(2)
    expect(wrapper.get('[data-testid="profile-banner"]').attributes('data-profile-kind')).toBe('test')
    expect(wrapper.get('[data-testid="profile-banner"]').classes()).toContain('profile-test')
    expect(wrapper.find('[data-testid="signed-in-agent"]').exists()).toBe(false)
    expect(card(wrapper, 'test').attributes('data-active')).toBe('true')
    const search = pinia.state.value.customerSearch as { results: unknown[]; query: string }
    expect(search.results).toEqual([])
    expect(search.query).toBe('')
    const customer = pinia.state.value.customer as { customerNumber: string | null; listing: unknown }
    expect(customer.customerNumber).toBeNull()
    expect(customer.listing).toBeNull()
  })
})

describe('settings: theme and language follow a change made elsewhere', () => {
  afterEach(() => {
    setTheme('system')
    localStorage.removeItem('theme')
  })

  /** Runs a command through the palette (Ctrl+K, its title, Enter), as an agent would with Settings open. */
  async function runCommand(title: string): Promise<void> {
    const key = (target: EventTarget, init: KeyboardEventInit) =>
      target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }))
    key(document.activeElement ?? document.body, { key: 'k', ctrlKey: true })
    await settle()
    const [input] = byTestId('command-palette-input')
    if (!(input instanceof HTMLInputElement)) throw new Error('palette not open')
    input.value = title
    input.dispatchEvent(new Event('input'))
    await settle()
    key(input, { key: 'Enter' })
    await settle()
    expect(byTestId('command-palette')).toHaveLength(0)
  }

  it('the Theme and Language selects show what the command palette chose, while Settings stays open', async () => {
    localStorage.setItem('theme', 'light')
    installTheme()
    const { wrapper } = await mountApp('/settings')
    const theme = () => wrapper.get<HTMLSelectElement>('[data-testid="theme-select"]').element
    const language = () => wrapper.get<HTMLSelectElement>('[data-testid="language-select"]').element
    expect(theme().value).toBe('light')
    expect(language().value).toBe('en')

    await runCommand('Theme: dark')
    expect(document.documentElement.dataset.theme).toBe('dark')
    expect(theme().value).toBe('dark')
    expect(theme().selectedOptions[0]?.textContent?.trim()).toBe('Dark')

    await runCommand('Language: Swedish')
    expect(document.documentElement.lang).toBe('sv')
    expect(language().value).toBe('sv')
    expect(theme().value).toBe('dark')

    // And the other way round still holds: a choice in Settings applies.
    await wrapper.get('[data-testid="theme-select"]').setValue('contrast')
    expect(document.documentElement.dataset.theme).toBe('contrast')
    await wrapper.get('[data-testid="language-select"]').setValue('nb')
    expect(document.documentElement.lang).toBe('nb')
    await runCommand('Tema: lyst')
    expect(theme().value).toBe('light')
  })
})
