import { enableAutoUnmount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Connectivity } from '../../src/shared/records.ts'
import { useConnectivityStore } from '../../src/renderer/src/stores/connectivity.ts'
import { useCustomerStore } from '../../src/renderer/src/stores/customer.ts'
import { byTestId, createFakeApi, installApi, mountApp, ok, online, settle } from './support.ts'

enableAutoUnmount(afterEach)
afterEach(() => {
  vi.useRealTimers()
  Reflect.deleteProperty(navigator, 'onLine')
  document.body.innerHTML = ''
})

const at = '2026-11-21T09:00:00.000Z'
const degraded: Connectivity = {
  state: 'degraded',
  services: [
    { service: 'connect', reachable: false, checkedAt: at },
    { service: 'swedbankpay', reachable: true, checkedAt: at },
  ],
}
const offline: Connectivity = {
  state: 'offline',
  services: [
    { service: 'connect', reachable: false, checkedAt: at },
    { service: 'swedbankpay', reachable: false, checkedAt: at },
  ],
}
const unknown: Connectivity = {
  state: 'unknown',
  services: [
    { service: 'connect', reachable: null, checkedAt: null },
    { service: 'swedbankpay', reachable: null, checkedAt: null },
  ],
}

function badge(): HTMLElement {
  const [element] = byTestId('connectivity')
  if (element === undefined) throw new Error('no connectivity badge')
  return element
}

describe('connectivity badge', () => {
  it.each([
    ['online', online, 'Online'],
    ['degraded', degraded, 'Partly offline'],
    ['offline', offline, 'Offline'],
    ['unknown', unknown, 'Checking…'],
  ] as const)('shows %s with its text', async (state, answer, text) => {
    const api = createFakeApi()
    api.app.connectivity.mockResolvedValue(ok(answer))
    await mountApp('/', api)
    expect(api.app.connectivity).toHaveBeenCalledWith({})
    expect(badge().dataset.state).toBe(state)
    expect(badge().textContent).toContain(text)
  })

  it('says in the tooltip which service is down and that cached data is read-only', async () => {
    const api = createFakeApi()
    api.app.connectivity.mockResolvedValue(ok(degraded))
    await mountApp('/', api)
    expect(badge().title).toBe(
      'Connect cannot be reached. Cached data is shown read-only: archive, remove, rename and pay wait until the providers answer again.',
    )
    api.app.connectivity.mockResolvedValue(ok(online))
    await useConnectivityStore().refresh()
    await settle()
    expect(badge().title).not.toContain('read-only')
  })

  it('shows "Checking…" until the first answer arrives', async () => {
    const api = createFakeApi()
    api.app.connectivity.mockReturnValue(new Promise(() => undefined))
    await mountApp('/', api)
    expect(badge().dataset.state).toBe('unknown')
    expect(badge().textContent?.trim()).toBe('Checking…')
  })

  it('goes offline at once on the browser offline event, and asks again when the network is back', async () => {
    const api = createFakeApi()
    await mountApp('/', api)
    expect(badge().dataset.state).toBe('online')
    const calls = api.app.connectivity.mock.calls.length

    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true })
    window.dispatchEvent(new Event('offline'))
    await settle()
    expect(badge().dataset.state).toBe('offline')
    expect(badge().textContent).toContain('Offline')
    expect(badge().title).toContain('This computer has no network.')
    expect(badge().title).toContain('Cached data is shown read-only')
    expect(api.app.connectivity).toHaveBeenCalledTimes(calls)

    Object.defineProperty(navigator, 'onLine', { value: true, configurable: true })
    api.app.connectivity.mockResolvedValue(ok(degraded))
    window.dispatchEvent(new Event('online'))
    await settle()
    expect(api.app.connectivity).toHaveBeenCalledTimes(calls + 1)
    expect(badge().dataset.state).toBe('degraded')
  })

  it('starts offline when the browser already is', async () => {
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true })
    await mountApp('/')
    expect(badge().dataset.state).toBe('offline')
  })

  it('asks every 10 seconds while the app runs and stops when it goes away', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const api = createFakeApi()
    const { wrapper } = await mountApp('/', api)
    expect(api.app.connectivity).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(9_900)
    expect(api.app.connectivity).toHaveBeenCalledTimes(1)
    api.app.connectivity.mockResolvedValue(ok(offline))
    await vi.advanceTimersByTimeAsync(100)
    await settle()
    expect(api.app.connectivity).toHaveBeenCalledTimes(2)
    expect(badge().dataset.state).toBe('offline')
    await vi.advanceTimersByTimeAsync(10_000)
    expect(api.app.connectivity).toHaveBeenCalledTimes(3)

    wrapper.unmount()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(api.app.connectivity).toHaveBeenCalledTimes(3)
  })
})

describe('useConnectivityStore after lookups', () => {
  it('asks again after the customer and the token lookups', async () => {
    const api = createFakeApi()
    installApi(api)
    setActivePinia(createPinia())
    api.app.connectivity.mockResolvedValue(ok(degraded))
    const connectivity = useConnectivityStore()
    expect(connectivity.state).toBe('unknown')
    await useCustomerStore().open('100001')
    await settle()
    expect(api.app.connectivity).toHaveBeenCalledTimes(2)
    expect(connectivity.state).toBe('degraded')
    expect(connectivity.unreachable).toEqual(['connect'])
  })

  it('keeps the newest answer when two refreshes overlap', async () => {
    const api = createFakeApi()
    installApi(api)
    setActivePinia(createPinia())
    let release: (value: ReturnType<typeof ok<Connectivity>>) => void = () => undefined
    api.app.connectivity
      .mockReturnValueOnce(new Promise((resolve) => (release = resolve)))
      .mockResolvedValueOnce(ok(offline))
    const connectivity = useConnectivityStore()
    const first = connectivity.refresh()
    await connectivity.refresh()
    release(ok(online))
    await first
    expect(connectivity.state).toBe('offline')
  })
})
