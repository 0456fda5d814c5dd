/**
 * The console's languages: English, Norwegian Bokmål and Swedish. Every UI string lives in
 * `locales/<language>.json` (same keys in all three); the files are precompiled at build time by
 * @intlify/unplugin-vue-i18n, so no message is compiled at run time (the CSP forbids eval).
 * The language follows the OS (navigator.language) until the agent picks one in Settings.
 */
import { createI18n } from 'vue-i18n'
import en from './locales/en.json'
import nb from './locales/nb.json'
import sv from './locales/sv.json'

export const LOCALES = ['en', 'nb', 'sv'] as const
export type Locale = (typeof LOCALES)[number]

/** Each language's own name, for the language select. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', nb: 'Norsk bokmål', sv: 'Svenska' }

export const LOCALE_STORAGE_KEY = 'support-console.locale'

/** nb/nn/no → nb, sv → sv, anything else → en. */
export function localeFor(language: string | null | undefined): Locale {
  const primary = (language ?? '').toLowerCase().split(/[-_]/)[0] ?? ''
  if (primary === 'nb' || primary === 'nn' || primary === 'no') return 'nb'
  if (primary === 'sv') return 'sv'
  return 'en'
}

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

function storedLocale(): Locale | null {
  try {
    const value = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY)
    return isLocale(value) ? value : null
  } catch {
    return null
  }
}

/** The agent's remembered choice, else the OS language. */
export function initialLocale(): Locale {
  return storedLocale() ?? localeFor(typeof navigator === 'undefined' ? undefined : navigator.language)
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages: { en, nb, sv },
  missingWarn: false,
  fallbackWarn: false,
})

/** The UI language in use now (reactive). */
export function currentLocale(): Locale {
  const value = i18n.global.locale.value
  return isLocale(value) ? value : 'en'
}

/** Switches the UI language, remembers it (remember: false only to apply without storing) and sets <html lang>. */
export function setLocale(locale: Locale, remember = true): void {
  i18n.global.locale.value = locale
  if (typeof document !== 'undefined') document.documentElement.lang = locale
  if (!remember) return
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale)
  } catch {
    // Storage refused (private mode): the choice lasts for this session.
  }
}

/** For code outside components (stores, lib, composables): the same translations, reactive to the locale. */
export const t = i18n.global.t
