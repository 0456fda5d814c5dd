import { enableAutoUnmount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it } from 'vitest'
import { useLocalDataStore } from '../../src/renderer/src/stores/localData.ts'
import { useNotificationStore } from '../../src/renderer/src/stores/notifications.ts'
import { byTestId, createFakeApi, fail, installApi, localDataState, mountApp, ok, settle } from './support.ts'

enableAutoUnmount(afterEach)
afterEach(() => {
  document.body.innerHTML = ''
})

const shown = (iso: string) => new Intl.DateTimeFormat(navigator.language, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso))
const NOTICE = 'The lookup cache could not be read and was moved aside; a fresh one was started.'

describe('local data settings', () => {
  it('shows how much is cached, since when, and the retention settings', async () => {
    const { wrapper, api } = await mountApp('/settings')
    expect(api.localData.get).toHaveBeenCalled()
    expect(wrapper.get('[data-testid="local-data-entries"]').text()).toBe('12')
    expect(wrapper.get('[data-testid="local-data-oldest"]').text()).toBe(shown('2026-11-01T08:15:00.000Z'))
    expect(wrapper.get<HTMLInputElement>('[data-testid="local-data-retention"]').element.value).toBe('30')
    expect(wrapper.get<HTMLInputElement>('[data-testid="local-data-max-entries"]').element.value).toBe('50000')
    expect(wrapper.find('[data-testid="local-data-unavailable"]').exists()).toBe(false)
  })

  it('saves the retention settings with the exact payload', async () => {
    const api = createFakeApi()
    const { wrapper } = await mountApp('/settings', api)
    await wrapper.get('[data-testid="local-data-retention"]').setValue('45')
    await wrapper.get('[data-testid="local-data-max-entries"]').setValue('1000')
    await wrapper.get('[data-testid="local-data-save"]').trigger('click')
    await settle()
    expect(api.localData.save).toHaveBeenCalledTimes(1)
    expect(api.localData.save).toHaveBeenCalledWith({ retentionDays: 45, maxEntries: 1000 })
    expect(wrapper.get('[data-testid="toast-region"]').text()).toContain('Local data settings saved.')
    expect(wrapper.get<HTMLInputElement>('[data-testid="local-data-retention"]').element.value).toBe('45')
  })

  it('refuses settings outside the limits without calling, and shows a failed save', async () => {
    const api = createFakeApi()
    const { wrapper } = await mountApp('/settings', api)
    await wrapper.get('[data-testid="local-data-retention"]').setValue('0')
    await wrapper.get('[data-testid="local-data-save"]').trigger('click')
    await settle()
    expect(api.localData.save).not.toHaveBeenCalled()
    expect(wrapper.get('[data-testid="local-data-problem"]').text()).toBe('Keep lookups 1 to 365 days, and 100 to 200,000 of them.')

    await wrapper.get('[data-testid="local-data-retention"]').setValue('7')
    await wrapper.get('[data-testid="local-data-max-entries"]').setValue('99')
    await wrapper.get('[data-testid="local-data-save"]').trigger('click')
    await settle()
    expect(api.localData.save).not.toHaveBeenCalled()

    api.localData.save.mockResolvedValueOnce(fail({ code: 'INTERNAL', message: 'The settings file is read-only.' }))
    await wrapper.get('[data-testid="local-data-max-entries"]').setValue('100')
    await wrapper.get('[data-testid="local-data-save"]').trigger('click')
    await settle()
    expect(api.localData.save).toHaveBeenCalledWith({ retentionDays: 7, maxEntries: 100 })
    expect(wrapper.get('[data-testid="local-data-save-error"]').text()).toContain('The settings file is read-only.')
  })

  it('clears local data only after the confirmation', async () => {
    const api = createFakeApi()
    const { wrapper } = await mountApp('/settings', api)
    await wrapper.get('[data-testid="local-data-clear"]').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid="local-data-clear-dialog"]').text()).toContain('This deletes 12 cached lookups from this computer.')
    expect(api.localData.clear).not.toHaveBeenCalled()

    await wrapper.get('[data-testid="local-data-clear-cancel"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid="local-data-clear-dialog"]').exists()).toBe(false)
    expect(api.localData.clear).not.toHaveBeenCalled()

    await wrapper.get('[data-testid="local-data-clear"]').trigger('click')
    await settle()
    await wrapper.get('[data-testid="local-data-clear-confirm"]').trigger('click')
    await settle()
    expect(api.localData.clear).toHaveBeenCalledTimes(1)
    expect(api.localData.clear).toHaveBeenCalledWith({})
    expect(wrapper.find('[data-testid="local-data-clear-dialog"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="local-data-entries"]').text()).toBe('0')
    expect(wrapper.get('[data-testid="local-data-oldest"]').text()).toBe('—')
    expect(wrapper.get('[data-testid="toast-region"]').text()).toContain('Local data cleared.')
  })

  it('keeps the dialog open with the error when clearing fails', async () => {
    const api = createFakeApi()
    api.localData.clear.mockResolvedValue(fail({ code: 'INTERNAL', message: 'The cache file is locked.' }))
    const { wrapper } = await mountApp('/settings', api)
    await wrapper.get('[data-testid="local-data-clear"]').trigger('click')
    await settle()
    await wrapper.get('[data-testid="local-data-clear-confirm"]').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid="local-data-clear-error"]').text()).toContain('The cache file is locked.')
    expect(wrapper.get('[data-testid="local-data-entries"]').text()).toBe('12')
  })

  it('explains that nothing is cached where the computer offers no secure storage', async () => {
    const api = createFakeApi()
    api.localData.get.mockResolvedValue(
      ok({ ...localDataState, available: false, unavailableReason: 'Linux offers only basic_text storage here.', entries: 0, oldestCachedAt: null }),
    )
    const { wrapper } = await mountApp('/settings', api)
    const text = wrapper.get('[data-testid="local-data-unavailable"]').text()
    expect(text).toContain('This computer offers no secure storage, so nothing is cached')
    expect(text).toContain('Linux offers only basic_text storage here.')
    expect(wrapper.find('[data-testid="local-data-clear"]').exists()).toBe(false)
  })

  it('shows main’s notice once as a warning at app start, not again on the settings page', async () => {
    const api = createFakeApi()
    api.localData.get.mockResolvedValue(ok({ ...localDataState, notice: NOTICE }))
    const { wrapper, router } = await mountApp('/', api)
    const first = byTestId('toast')
    expect(first).toHaveLength(1)
    expect(first[0]?.dataset.kind).toBe('warning')
    expect(first[0]?.querySelector('.text')?.textContent).toBe(NOTICE)
    await router.push('/settings')
    await settle()
    expect(api.localData.get).toHaveBeenCalledTimes(2)
    expect(byTestId('toast')).toHaveLength(1)
    expect(wrapper.get('[data-testid="toast"]').attributes('data-kind')).toBe('warning')
  })

  it('announces a notice once per window, however often the store starts', async () => {
    const api = createFakeApi()
    api.localData.get.mockResolvedValue(ok({ ...localDataState, notice: NOTICE }))
    installApi(api)
    setActivePinia(createPinia())
    const store = useLocalDataStore()
    await store.start()
    await store.start()
    expect(api.localData.get).toHaveBeenCalledTimes(2)
    expect(useNotificationStore().notices.map((n) => [n.kind, n.text])).toEqual([['warning', NOTICE]])
  })
})
