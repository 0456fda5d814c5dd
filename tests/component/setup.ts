/** Every component test mounts with the console's i18n, in English unless a test switches. */
import { config } from '@vue/test-utils'
import { beforeEach } from 'vitest'
import { i18n, setLocale } from '../../src/renderer/src/i18n.ts'

config.global.plugins = [...(config.global.plugins ?? []), i18n]

beforeEach(() => {
  // What one test remembered (a sort, hidden columns, screen-share safe) never leaks into the next.
  localStorage.clear()
  setLocale('en', false)
})
