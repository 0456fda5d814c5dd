import { enableAutoUnmount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { IDLE_MINUTES_KEY, useIdleLockStore } from '../../src/renderer/src/stores/idleLock.ts'
import type { IdleClock } from '../../src/renderer/src/stores/idleLock.ts'
import { byTestId, createFakeApi, installApi, mountApp, ok, settle, signedInApi } from './support.ts'

enableAutoUnmount(afterEach)
beforeEach(() => {
  localStorage.removeItem(IDLE_MINUTES_KEY)
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
})
afterEach(() => {
  vi.useRealTimers()
  localStorage.removeItem(IDLE_MINUTES_KEY)
  document.body.innerHTML = ''
})

const MINUTE = 60_000

async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms)
  await settle()
}

const warning = (): HTMLElement | undefined => byTestId('idle-warning')[0]
const lockScreen = (): HTMLElement | undefined => byTestId('lock-screen')[0]
const countdown = (): string => byTestId('idle-countdown')[0]?.textContent?.trim() ?? ''
const search = (): HTMLInputElement => byTestId('customer-search')[0] as HTMLInputElement
/** The app's own mount point (mountApp attaches it to a host element on <body>). */
const appHost = (): Element => search().closest('body > *')!

describe('idle lock: warning and countdown', () => {
  it('warns 60 s before the default 15 minutes, with a countdown that runs every second', async () => {
    await mountApp('/', signedInApi())
    await advance(14 * MINUTE - 1)
    expect(warning()).toBeUndefined()
    await advance(1)
    expect(warning()?.getAttribute('role')).toBe('alertdialog')
    expect(countdown()).toBe('60 seconds')
    expect(byTestId('idle-stay')[0]?.textContent?.trim()).toBe('Stay signed in')
    await advance(1_000)
    expect(countdown()).toBe('59 seconds')
    await advance(58_000)
    expect(countdown()).toBe('1 second')
    expect(lockScreen()).toBeUndefined()
  })

  it('activity during the warning cancels it, and the idle time starts again', async () => {
    const { api } = await mountApp('/', signedInApi())
    await advance(14 * MINUTE + 30_000)
    expect(warning()).toBeDefined()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift' }))
    await settle()
    expect(warning()).toBeUndefined()
    await advance(14 * MINUTE - 1_000)
    expect(warning()).toBeUndefined()
    expect(lockScreen()).toBeUndefined()
    await advance(1_000)
    expect(warning()).toBeDefined()
    byTestId('idle-stay')[0]!.click()
    await settle()
    expect(warning()).toBeUndefined()
    expect(api.auth.signOut).not.toHaveBeenCalled()
  })

  it('throttles activity but still counts it', async () => {
    await mountApp('/', signedInApi())
    for (let i = 0; i < 50; i++) {
      await advance(10 * 1_000)
      window.dispatchEvent(new Event('pointermove'))
    }
    expect(warning()).toBeUndefined()
    expect(lockScreen()).toBeUndefined()
  })
})

describe('idle lock: the lock screen', () => {
  it('locks at the idle time, signs out once, and hides the app (inert, aria-hidden, not painted)', async () => {
    const { api } = await mountApp('/', signedInApi())
    await advance(15 * MINUTE)
    expect(warning()).toBeUndefined()
    expect(lockScreen()).toBeDefined()
    expect(byTestId('lock-sign-in')[0]?.textContent?.trim()).toBe('Sign in again')
    expect(api.auth.signOut).toHaveBeenCalledTimes(1)
    const host = appHost()
    expect(host.hasAttribute('inert')).toBe(true)
    expect(host.getAttribute('aria-hidden')).toBe('true')
    expect(host.hasAttribute('data-idle-hidden')).toBe(true)
    expect(lockScreen()!.closest('[inert]')).toBeNull()
    await advance(30 * MINUTE)
    expect(api.auth.signOut).toHaveBeenCalledTimes(1)
    window.dispatchEvent(new Event('pointerdown'))
    await settle()
    expect(lockScreen()).toBeDefined()
  })

  it('keeps typed text through the lock and the sign-in, and gives focus back to it', async () => {
    const { wrapper, api } = await mountApp('/', signedInApi())
    const field = wrapper.get('[data-testid="customer-search"]')
    await field.setValue('Nordmann')
    search().focus()
    await advance(15 * MINUTE)
    expect(lockScreen()).toBeDefined()
    expect(search().value).toBe('Nordmann')

    byTestId('lock-sign-in')[0]!.click()
    await settle()
    expect(api.auth.signIn).toHaveBeenCalledTimes(1)
    expect(lockScreen()).toBeUndefined()
    expect(search().value).toBe('Nordmann')
    expect(appHost().hasAttribute('inert')).toBe(false)
    expect(appHost().hasAttribute('aria-hidden')).toBe(false)
    expect(document.activeElement).toBe(search())
    expect(api.customers.search).not.toHaveBeenCalled()
    // Only the usual sign-in toast: the same agent came back.
    expect(byTestId('toast').map((toast) => toast.textContent)).toEqual([expect.stringContaining('Signed in as Lise Agent')])
  })

  it('stays locked when the sign-in fails, and says why', async () => {
    const api = signedInApi()
    api.auth.signIn.mockResolvedValue({ ok: false, error: { code: 'TIMEOUT', message: 'No answer from the browser.' } })
    await mountApp('/', api)
    await advance(15 * MINUTE)
    byTestId('lock-sign-in')[0]!.click()
    await settle()
    expect(lockScreen()).toBeDefined()
    expect(byTestId('lock-error')[0]?.textContent).toContain('No answer from the browser.')
  })

  it('says so when another agent unlocks', async () => {
    const api = signedInApi()
    api.auth.signIn.mockResolvedValue(ok({ signedIn: true, pending: false, agent: { userId: 'u-7', name: 'Per Vikar', email: null } }))
    await mountApp('/', api)
    await advance(15 * MINUTE)
    byTestId('lock-sign-in')[0]!.click()
    await settle()
    expect(lockScreen()).toBeUndefined()
    expect(byTestId('toast-region')[0]?.textContent).toContain('Per Vikar is now signed in; the console was locked for Lise Agent.')
  })

  it('stops key events outside the lock screen before window shortcuts see them', async () => {
    await mountApp('/', signedInApi())
    const seen = vi.fn()
    window.addEventListener('keydown', seen)
    await advance(15 * MINUTE)
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true }))
    expect(seen).not.toHaveBeenCalled()
    window.removeEventListener('keydown', seen)
  })
})

describe('idle lock: settings', () => {
  it('respects the stored idle time', async () => {
    localStorage.setItem(IDLE_MINUTES_KEY, '5')
    const { api } = await mountApp('/', signedInApi())
    await advance(4 * MINUTE - 1)
    expect(warning()).toBeUndefined()
    await advance(1)
    expect(warning()).toBeDefined()
    await advance(MINUTE)
    expect(lockScreen()).toBeDefined()
    expect(api.auth.signOut).toHaveBeenCalledTimes(1)
  })

  it('shows 15 by default, refuses values outside 1–240 or not whole, and saves a valid one', async () => {
    const { wrapper } = await mountApp('/settings', createFakeApi())
    const input = wrapper.get('[data-testid="idle-minutes"]')
    expect((input.element as HTMLInputElement).value).toBe('15')
    for (const bad of ['0', '241', '2.5', '', 'abc']) {
      await input.setValue(bad)
      await wrapper.get('[data-testid="idle-save"]').trigger('click')
      await settle()
      expect(wrapper.get('[data-testid="idle-minutes-problem"]').text()).toBe('Enter a whole number of minutes from 1 to 240.')
      expect(input.attributes('aria-invalid')).toBe('true')
      expect(localStorage.getItem(IDLE_MINUTES_KEY)).toBeNull()
    }
    await input.setValue('2')
    await wrapper.get('[data-testid="idle-save"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid="idle-minutes-problem"]').exists()).toBe(false)
    expect(localStorage.getItem(IDLE_MINUTES_KEY)).toBe('2')
    // In force at once: warning one minute before, lock at two.
    await advance(MINUTE - 1)
    expect(warning()).toBeUndefined()
    await advance(1)
    expect(countdown()).toBe('60 seconds')
    await advance(MINUTE)
    expect(lockScreen()).toBeDefined()
  })

  it('with one minute, warns for the last 30 seconds (half the idle time)', async () => {
    localStorage.setItem(IDLE_MINUTES_KEY, '1')
    await mountApp('/')
    await advance(29_999)
    expect(warning()).toBeUndefined()
    await advance(1)
    expect(countdown()).toBe('30 seconds')
  })

  it('falls back to 15 minutes for a stored value out of range', () => {
    localStorage.setItem(IDLE_MINUTES_KEY, '999')
    setActivePinia(createPinia())
    expect(useIdleLockStore().idleMinutes).toBe(15)
  })
})

describe('idle lock store with an injected clock', () => {
  it('runs on the clock it is given', async () => {
    vi.useRealTimers()
    installApi(signedInApi())
    setActivePinia(createPinia())
    let now = 1_000_000
    const timers: { at: number; callback: () => void }[] = []
    const clock: IdleClock = {
      now: () => now,
      setTimeout: (callback, ms) => timers.push({ at: now + ms, callback }),
      clearTimeout: (handle) => {
        timers.splice(Number(handle) - 1, 1, { at: Infinity, callback: () => undefined })
      },
    }
    const runUntil = (time: number): void => {
      now = time
      for (let due = timers.find((t) => t.at <= now); due; due = timers.find((t) => t.at <= now)) {
        due.at = Infinity
        due.callback()
      }
    }
    const store = useIdleLockStore()
    store.start(clock)
    runUntil(1_000_000 + 14 * MINUTE)
    expect(store.phase).toBe('warning')
    expect(store.remainingSeconds).toBe(60)
    runUntil(1_000_000 + 14 * MINUTE + 45_500)
    expect(store.remainingSeconds).toBe(15)
    runUntil(1_000_000 + 15 * MINUTE)
    expect(store.phase).toBe('locked')
    store.stop()
  })
})
