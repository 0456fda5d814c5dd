/// <reference types="node" />
/**
 * The three message files (en, nb, sv) and the language switch: same keys everywhere, nothing empty,
 * nothing obviously left untranslated, every key the sources use exists, and the UI follows a switch.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { enableAutoUnmount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { LOCALE_STORAGE_KEY, currentLocale, initialLocale, localeFor, setLocale } from '../../src/renderer/src/i18n.ts'
import { byTestId, mountApp, settle, signedInApi } from './support.ts'

enableAutoUnmount(afterEach)
afterEach(() => {
  document.body.innerHTML = ''
})

type Messages = { [key: string]: string | Messages }
const LOCALES_DIR = join(import.meta.dirname, '../../src/renderer/src/locales')
// Read as text: an import would hand over the messages precompiled by @intlify/unplugin-vue-i18n.
const FILES: Record<string, Messages> = Object.fromEntries(
  ['en', 'nb', 'sv'].map((locale) => [locale, JSON.parse(readFileSync(join(LOCALES_DIR, `${locale}.json`), 'utf8')) as Messages]),
)

/** "a.b.c" → value, for every leaf. */
function flatten(messages: Messages, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of flatten(value, path)) out.set(k, v)
  }
  return out
}
const flat = Object.fromEntries(Object.entries(FILES).map(([locale, messages]) => [locale, flatten(messages)]))
const enFlat = flat.en!

/** Sentences allowed to read the same in all three languages (names, codes, placeholders only). */
const SAME_EVERYWHERE = new Set<string>([])

const SOURCES = join(import.meta.dirname, '../../src/renderer/src')
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.(ts|vue)$/.test(name) ? [path] : []
  })
}

describe('message files', () => {
  it('have identical key sets (deep) in en, nb and sv', () => {
    const keys = [...enFlat.keys()].sort()
    for (const locale of ['nb', 'sv']) {
      const other = [...flat[locale]!.keys()].sort()
      expect({ locale, missing: keys.filter((k) => !flat[locale]!.has(k)), extra: other.filter((k) => !enFlat.has(k)) }).toEqual({
        locale,
        missing: [],
        extra: [],
      })
    }
  })

  it('have no empty value', () => {
    for (const [locale, messages] of Object.entries(flat)) {
      const empty = [...messages].filter(([, value]) => value.trim().length === 0).map(([key]) => `${locale}:${key}`)
      expect(empty).toEqual([])
    }
  })

  it('translate every sentence (no value longer than 3 words equal in all three)', () => {
    const same = [...enFlat]
      .filter(([key, value]) => value.trim().split(/\s+/).length > 3 && flat.nb!.get(key) === value && flat.sv!.get(key) === value)
      .map(([key]) => key)
      .filter((key) => !SAME_EVERYWHERE.has(key))
    expect(same).toEqual([])
  })

  it('use the same placeholders in every language', () => {
    const names = (value: string) => [...value.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const [key, value] of enFlat) {
      for (const locale of ['nb', 'sv']) expect({ key, locale, names: names(flat[locale]!.get(key) ?? '') }).toEqual({ key, locale, names: names(value) })
    }
  })

  it('hold every key the renderer sources use', () => {
    const used = new Map<string, string>()
    const patterns = [/\$?\bte?\(\s*'([\w.]+)'/g, /\bkeypath="([\w.]+)"/g, /'([\w.]+)' : '([\w.]+)'/g, /hint: '([\w.]+)'/g]
    for (const file of sourceFiles(SOURCES)) {
      const text = readFileSync(file, 'utf8')
      for (const pattern of patterns) {
        for (const match of text.matchAll(pattern)) {
          for (const key of match.slice(1)) if (key !== undefined && /^[a-zA-Z]+\.[\w.]+$/.test(key)) used.set(key, relative(SOURCES, file))
        }
      }
    }
    expect(used.size).toBeGreaterThan(250)
    const missing = [...used].filter(([key]) => !enFlat.has(key)).map(([key, file]) => `${file}: ${key}`)
    expect(missing).toEqual([])
  })

  it('use plural forms where a count is shown', () => {
    for (const key of ['common.rows', 'search.found', 'audit.total', 'recent.caption', 'export.saved', 'dialog.archiveAll.done']) {
      for (const locale of ['en', 'nb', 'sv']) expect(flat[locale]!.get(key)).toContain(' | ')
    }
  })
})

describe('language', () => {
  it.each([
    ['nb-NO', 'nb'],
    ['nn-NO', 'nb'],
    ['no', 'nb'],
    ['sv-SE', 'sv'],
    ['sv-FI', 'sv'],
    ['en-US', 'en'],
    ['da-DK', 'en'],
    [undefined, 'en'],
  ])('follows the OS language %s → %s', (language, locale) => {
    expect(localeFor(language)).toBe(locale)
  })

  it('prefers the choice remembered on this computer', () => {
    localStorage.setItem(LOCALE_STORAGE_KEY, 'sv')
    expect(initialLocale()).toBe('sv')
    localStorage.setItem(LOCALE_STORAGE_KEY, 'xx')
    expect(initialLocale()).toBe(localeFor(navigator.language))
  })

  it('re-renders the search view in Norwegian and Swedish, and back in English', async () => {
    const { wrapper } = await mountApp('/')
    const submit = () => wrapper.get('[data-testid="search-submit"]').text()
    const idle = () => wrapper.get('[data-testid="search-idle"]').text()
    expect(submit()).toBe('Search')
    expect(idle()).toBe('Find a customer by name, email, phone number or customer number.')

    setLocale('nb')
    await settle()
    expect(submit()).toBe('Søk')
    expect(idle()).toBe('Finn en kunde med navn, e-post, telefonnummer eller kundenummer.')
    expect(wrapper.get('[data-testid="nav-settings"]').text()).toBe('Innstillinger')
    expect(document.documentElement.lang).toBe('nb')

    setLocale('sv')
    await settle()
    expect(submit()).toBe('Sök')
    expect(idle()).toBe('Hitta en kund med namn, e-post, telefonnummer eller kundnummer.')
    expect(wrapper.get('[data-testid="nav-settings"]').text()).toBe('Inställningar')
    expect(document.documentElement.lang).toBe('sv')

    setLocale('en')
    await settle()
    expect(submit()).toBe('Search')
  })

  it('switches in Settings, remembers the choice and sets <html lang>', async () => {
    const { wrapper } = await mountApp('/settings', signedInApi())
    const select = wrapper.get<HTMLSelectElement>('[data-testid="language-select"]')
    expect(select.element.value).toBe('en')
    await select.setValue('sv')
    await settle()
    expect(currentLocale()).toBe('sv')
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('sv')
    expect(document.documentElement.lang).toBe('sv')
    expect(byTestId('nav-search')[0]?.textContent?.trim()).toBe('Kunder')
    expect(wrapper.get('h1').text()).toBe('Inställningar')
  })
})
