import { nextTick } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { setLocale } from '../i18n.ts'
import type { Command } from '../lib/commands.ts'
import { setTheme } from '../lib/theme.ts'
import { useAuthStore } from '../stores/auth.ts'
import { useCommandStore } from '../stores/commands.ts'
import { useCustomerSearchStore } from '../stores/customerSearch.ts'
import { useNotificationStore } from '../stores/notifications.ts'
import { usePrivacyStore } from '../stores/privacy.ts'
import { t } from '../i18n.ts'
import { useCommands } from './useCommands.ts'

/** The commands that work everywhere: views, search, customers, sign-in, theme, language, help. */
export function useAppCommands(): void {
  const router = useRouter()
  const route = useRoute()
  const commands = useCommandStore()
  const auth = useAuthStore()
  const search = useCustomerSearchStore()
  const notifications = useNotificationStore()
  const privacy = usePrivacyStore()

  const go = (name: string) => (): void => void router.push({ name })

  async function focusSearch(): Promise<void> {
    if (route.name !== 'search') await router.push({ name: 'search' })
    await nextTick()
    const field = document.getElementById('customer-search')
    if (field instanceof HTMLInputElement) {
      field.focus()
      field.select()
    }
  }

  /** Steps through the current search results from the open customer (or the one opened last). */
  function stepCustomer(step: 1 | -1): void {
    const list = search.results
    const current = route.name === 'customer' ? String(route.params.customerNumber ?? '') : (search.lastOpened ?? '')
    const index = list.findIndex((customer) => customer.customerNumber === current)
    const next = index < 0 ? (step === 1 ? 0 : list.length - 1) : index + step
    const target = list[next]
    if (target === undefined) {
      notifications.notify('info', t(step === 1 ? 'shortcuts.noNextCustomer' : 'shortcuts.noPreviousCustomer'))
      return
    }
    search.lastOpened = target.customerNumber
    void router.push({ name: 'customer', params: { customerNumber: target.customerNumber } })
  }

  const hasResults = (): boolean => search.results.length > 0

  const global: Command[] = [
    { id: 'openPalette', run: () => void (commands.overlay = 'palette') },
    { id: 'goSearch', run: go('search') },
    { id: 'goRecent', run: go('recent') },
    { id: 'goAudit', run: go('audit') },
    { id: 'goSettings', run: go('settings') },
    { id: 'focusSearch', run: focusSearch },
    { id: 'nextCustomer', enabled: hasResults, run: () => stepCustomer(1) },
    { id: 'previousCustomer', enabled: hasResults, run: () => stepCustomer(-1) },
    { id: 'signIn', enabled: () => !auth.signedIn && !auth.pending, run: () => void auth.signIn() },
    {
      id: 'signOut',
      enabled: () => auth.signedIn,
      run: async () => {
        if (await auth.signOut()) notifications.notify('info', t('auth.signedOut'))
      },
    },
    { id: 'themeSystem', run: () => setTheme('system') },
    { id: 'themeLight', run: () => setTheme('light') },
    { id: 'themeDark', run: () => setTheme('dark') },
    { id: 'themeContrast', run: () => setTheme('contrast') },
    { id: 'languageEn', run: () => setLocale('en') },
    { id: 'languageNb', run: () => setLocale('nb') },
    { id: 'languageSv', run: () => setLocale('sv') },
    { id: 'toggleScreenShare', run: () => privacy.setScreenShareSafe(!privacy.screenShareSafe) },
    { id: 'showShortcuts', run: () => void (commands.overlay = 'shortcuts') },
  ]
  useCommands(global)
}
