/**
 * Toasts: a notice may carry its next step as a button; it does not fade while the pointer or focus is
 * on it; errors, and warnings with an action, stay until dismissed or acted on; every toast has a named
 * dismiss button; focus goes back where it came from when its toast closes.
 */
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import ToastRegion from '../../src/renderer/src/components/ToastRegion.vue'
import { useNotificationStore } from '../../src/renderer/src/stores/notifications.ts'

const FADE_MS = 8_000

beforeEach(() => {
  setActivePinia(createPinia())
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
})
afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

function mountRegion() {
  const before = document.createElement('button')
  before.textContent = 'Where the agent was'
  document.body.appendChild(before)
  const host = document.createElement('div')
  document.body.appendChild(host)
  const wrapper = mount(ToastRegion, { attachTo: host })
  return { wrapper, before }
}

describe('notification store', () => {
  it('lets success and info fade, keeps errors and warnings that offer an action', () => {
    const store = useNotificationStore()
    const action = { label: 'Retry Klarna', run: vi.fn() }
    store.notify('success', 'Token archived')
    store.notify('error', 'Could not save the export', { nextStep: 'Choose another folder.' })
    store.notify('warning', 'Klarna did not answer; the other providers are shown.', { action })
    vi.advanceTimersByTime(FADE_MS * 10)
    expect(store.notices.map((notice) => notice.kind)).toEqual(['error', 'warning'])
    expect(store.notices[0]?.nextStep).toBe('Choose another folder.')

    store.notify('warning', 'Cache cleared by its retention limit')
    vi.advanceTimersByTime(FADE_MS)
    expect(store.notices.map((notice) => notice.kind)).toEqual(['error', 'warning'])
  })

  it('runs an action once and dismisses its notice', () => {
    const store = useNotificationStore()
    const run = vi.fn()
    const id = store.notify('warning', 'Vipps did not answer', { action: { label: 'Retry Vipps', run } })
    store.act(id)
    store.act(id)
    expect(run).toHaveBeenCalledTimes(1)
    expect(store.notices).toEqual([])
  })

  it('does not fade while held, and fades the full time after the last hold ends', () => {
    const store = useNotificationStore()
    const id = store.notify('info', 'Signed out')
    store.hold(id, 'hover')
    store.hold(id, 'focus')
    vi.advanceTimersByTime(FADE_MS * 2)
    store.release(id, 'hover')
    vi.advanceTimersByTime(FADE_MS * 2)
    expect(store.notices).toHaveLength(1)
    store.release(id, 'focus')
    vi.advanceTimersByTime(FADE_MS - 1)
    expect(store.notices).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(store.notices).toEqual([])
  })
})

describe('ToastRegion', () => {
  it('shows the next step and the action as a keyboard-reachable button that runs it', async () => {
    const { wrapper, before } = mountRegion()
    const store = useNotificationStore()
    const run = vi.fn()
    store.notify('warning', 'Klarna did not answer; the other providers are shown.', {
      nextStep: 'Try again in a minute.',
      action: { label: 'Retry Klarna', run },
    })
    await nextTick()
    const toast = wrapper.get('[data-testid="toast"]')
    expect(toast.get('[data-testid="toast-next-step"]').text()).toBe('Try again in a minute.')
    const action = toast.get<HTMLButtonElement>('[data-testid="toast-action"]')
    expect(action.element.tagName).toBe('BUTTON')
    expect(action.element.disabled).toBe(false)
    expect(action.text()).toBe('Retry Klarna')
    expect(toast.get('[data-testid="toast-dismiss"]').attributes('aria-label')).toBe('Dismiss message')

    before.focus()
    action.element.focus()
    await action.trigger('focusin', { relatedTarget: before })
    expect(document.activeElement).toBe(action.element)
    await action.trigger('click')
    await nextTick()
    expect(run).toHaveBeenCalledTimes(1)
    expect(wrapper.find('[data-testid="toast"]').exists()).toBe(false)
    // Focus was in the toast that went: it is back where the agent was.
    expect(document.activeElement).toBe(before)
  })

  it('keeps an error until it is dismissed', async () => {
    const { wrapper } = mountRegion()
    useNotificationStore().notify('error', 'The value stays hidden', { nextStep: 'Sign in again from the top bar.' })
    await nextTick()
    vi.advanceTimersByTime(FADE_MS * 5)
    await nextTick()
    const toast = wrapper.get('[data-testid="toast"]')
    expect(toast.attributes('data-kind')).toBe('error')
    await toast.get('[data-testid="toast-dismiss"]').trigger('click')
    await nextTick()
    expect(wrapper.find('[data-testid="toast"]').exists()).toBe(false)
  })

  it('does not let a toast fade while the pointer is on it or focus is in it', async () => {
    const { wrapper } = mountRegion()
    useNotificationStore().notify('success', 'Saved 3 rows to /tmp/tokens.csv')
    await nextTick()
    const toast = wrapper.get('[data-testid="toast"]')
    await toast.trigger('mouseenter')
    vi.advanceTimersByTime(FADE_MS * 2)
    await nextTick()
    expect(wrapper.find('[data-testid="toast"]').exists()).toBe(true)

    const dismiss = toast.get<HTMLButtonElement>('[data-testid="toast-dismiss"]')
    await dismiss.trigger('focusin')
    await toast.trigger('mouseleave')
    vi.advanceTimersByTime(FADE_MS * 2)
    await nextTick()
    expect(wrapper.find('[data-testid="toast"]').exists()).toBe(true)

    await dismiss.trigger('focusout', { relatedTarget: null })
    vi.advanceTimersByTime(FADE_MS)
    await nextTick()
    expect(wrapper.find('[data-testid="toast"]').exists()).toBe(false)
  })
})
