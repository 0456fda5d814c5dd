/** Every component test mounts with the console's i18n, in English unless a test switches. */
import { config } from '@vue/test-utils'
import { beforeEach } from 'vitest'
import { LOCALE_STORAGE_KEY, i18n, setLocale } from '../../src/renderer/src/i18n.ts'

config.global.plugins = [...(config.global.plugins ?? []), i18n]

beforeEach(() => {
  localStorage.removeItem(LOCALE_STORAGE_KEY)
  setLocale('en', false)
})
