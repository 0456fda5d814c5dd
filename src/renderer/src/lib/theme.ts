/**
 * The colour theme: the agent's choice (localStorage 'theme') resolved to <html data-theme="light|dark|contrast">,
 * which styles/theme.css keys its variables on. "system" (the default) follows the OS: prefers-contrast: more or
 * forced-colors → contrast, else prefers-color-scheme: dark → dark, else light; and keeps following it.
 */
import { shallowRef } from 'vue'

export const THEME_CHOICES = ['system', 'light', 'dark', 'contrast'] as const
export type ThemeChoice = (typeof THEME_CHOICES)[number]
export type Theme = Exclude<ThemeChoice, 'system'>

export const THEME_STORAGE_KEY = 'theme'

const QUERIES = ['(prefers-contrast: more)', '(forced-colors: active)', '(prefers-color-scheme: dark)'] as const

/** The choice in force once installTheme or setTheme ran; reactive, so a select shows a change made elsewhere. */
const choice = shallowRef<ThemeChoice | undefined>()
let stopFollowing: (() => void) | undefined

export function isThemeChoice(value: unknown): value is ThemeChoice {
  return typeof value === 'string' && (THEME_CHOICES as readonly string[]).includes(value)
}

function matches(query: string): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(query).matches
}

/** The theme the OS asks for right now. */
export function systemTheme(): Theme {
  if (matches(QUERIES[0]) || matches(QUERIES[1])) return 'contrast'
  return matches(QUERIES[2]) ? 'dark' : 'light'
}

export function resolveTheme(value: ThemeChoice): Theme {
  return value === 'system' ? systemTheme() : value
}

function readStored(): ThemeChoice {
  try {
    const stored = window.localStorage.getItem(THEME_STORAGE_KEY)
    return isThemeChoice(stored) ? stored : 'system'
  } catch {
    return 'system'
  }
}

function apply(): void {
  const current = currentThemeChoice()
  document.documentElement.dataset.theme = resolveTheme(current)
  document.documentElement.dataset.themeChoice = current
}

function follow(): void {
  stopFollowing?.()
  stopFollowing = undefined
  if (currentThemeChoice() !== 'system' || typeof window.matchMedia !== 'function') return
  const lists = QUERIES.map((query) => window.matchMedia(query))
  for (const list of lists) list.addEventListener('change', apply)
  stopFollowing = () => {
    for (const list of lists) list.removeEventListener('change', apply)
  }
}

/** Applies the stored choice (before mounting, so the first paint is already themed) and follows the OS. */
export function installTheme(): ThemeChoice {
  const stored = readStored()
  choice.value = stored
  apply()
  follow()
  return stored
}

/** Stores the agent's choice and applies it at once. */
export function setTheme(next: ThemeChoice): void {
  choice.value = next
  try {
    window.localStorage.setItem(THEME_STORAGE_KEY, next)
  } catch {
    // Storage unavailable: the choice still holds for this session.
  }
  apply()
  follow()
}

/** The choice in force (the stored one until installTheme or setTheme ran); reactive. */
export function currentThemeChoice(): ThemeChoice {
  return choice.value ?? readStored()
}
