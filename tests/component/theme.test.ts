import { mount } from '@vue/test-utils'
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import ThemeSelect from '../../src/renderer/src/components/ThemeSelect.vue'
import { installTheme, setTheme } from '../../src/renderer/src/lib/theme.ts'

// Vitest turns CSS imports (even ?raw) into empty modules: the stylesheets are read from disk. The module name is
// built at run time because the renderer's tsconfig has no Node types.
const fs = (await import(/* @vite-ignore */ ['node', 'fs'].join(':'))) as { readFileSync(path: URL, encoding: 'utf8'): string }
const STYLES = ['theme', 'base', 'controls', 'dialog', 'index'].map((name) => `../../src/renderer/src/styles/${name}.css`)
/** Every stylesheet and component of the renderer, as text. */
const SOURCES: Record<string, string> = {
  ...Object.fromEntries(STYLES.map((path) => [path, fs.readFileSync(new URL(path, import.meta.url), 'utf8')])),
  ...import.meta.glob<string>('../../src/renderer/src/**/*.vue', { query: '?raw', import: 'default', eager: true }),
}
const THEME_CSS = SOURCES[STYLES[0]!]!
const THEMES = ['light', 'dark', 'contrast'] as const
type Theme = (typeof THEMES)[number]

/** The variables in force on <html data-theme=theme>: every `:root` block, then the theme's own block. */
function themeVariables(theme: Theme): Map<string, string> {
  const css = THEME_CSS.replace(/\/\*[\s\S]*?\*\//g, '')
  const base = new Map<string, string>()
  const own = new Map<string, string>()
  for (const [, selectorText, body] of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const selectors = selectorText!.split(',').map((s: string) => s.trim().replace(/"/g, "'"))
    const target = selectors.includes(`:root[data-theme='${theme}']`) ? own : selectors.includes(':root') ? base : undefined
    if (!target) continue
    for (const [, name, value] of body!.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) target.set(name!, value!.trim())
  }
  return new Map([...base, ...own])
}

function resolve(vars: Map<string, string>, name: string): string {
  let value = vars.get(name)
  for (let i = 0; value?.startsWith('var(') && i < 10; i++) value = vars.get(/var\((--[\w-]+)/.exec(value)![1]!)
  if (value === undefined) throw new Error(`${name} is not defined`)
  return value
}

function rgb(color: string): [number, number, number] {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1]
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number]
  }
  const fn = /^rgb\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)\s*\)$/.exec(color)
  if (fn) return [Number(fn[1]), Number(fn[2]), Number(fn[3])]
  throw new Error(`not an opaque colour: ${color}`)
}

function luminance(color: string): number {
  const [r, g, b] = rgb(color).map((c) => {
    const s = c / 255
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi! + 0.05) / (lo! + 0.05)
}

const TEXT = 4.5
const UI = 3

/** Every foreground/background pair the app paints (styles/*.css and the components' scoped styles). */
const PAIRS: [what: string, fg: string, bg: string, min: number][] = [
  ...['bg', 'surface', 'surface-muted', 'surface-sunken', 'row-hover', 'row-selected', 'danger-soft', 'warning-soft', 'success-soft', 'accent-soft'].map(
    (bg): [string, string, string, number] => [`text on ${bg}`, '--color-text', `--color-${bg}`, TEXT],
  ),
  ...['bg', 'surface', 'surface-muted', 'surface-sunken', 'row-hover', 'warning-soft'].map(
    (bg): [string, string, string, number] => [`muted text on ${bg}`, '--color-text-muted', `--color-${bg}`, TEXT],
  ),
  ['link on surface', '--color-accent', '--color-surface', TEXT],
  ['link on bg', '--color-accent', '--color-bg', TEXT],
  ['link hover on surface', '--color-accent-hover', '--color-surface', TEXT],
  ['skip link on surface', '--color-accent', '--color-surface', TEXT],
  ['primary button', '--color-on-accent', '--color-accent', TEXT],
  ['primary button hover', '--color-on-accent', '--color-accent-hover', TEXT],
  ['danger button', '--color-text-inverse', '--color-danger', TEXT],
  ['danger button hover', '--color-text-inverse', '--color-danger-hover', TEXT],
  ['quiet button', '--color-danger', '--color-surface', TEXT],
  ['quiet button hover', '--color-danger', '--color-danger-soft', TEXT],
  ['button on surface', '--color-text', '--color-surface', TEXT],
  ['button hover', '--color-text', '--color-surface-muted', TEXT],
  ['danger text on bg', '--color-danger', '--color-bg', TEXT],
  ['warning text on bg', '--color-warning', '--color-bg', TEXT],
  ['warning text on surface', '--color-warning', '--color-surface', TEXT],
  ['success text on surface', '--color-success', '--color-surface', TEXT],
  ['badge success', '--color-success', '--color-success-soft', TEXT],
  ['badge warning', '--color-warning', '--color-warning-soft', TEXT],
  ['badge danger', '--color-danger', '--color-danger-soft', TEXT],
  ['badge neutral', '--color-neutral', '--color-neutral-soft', TEXT],
  ['status chip success', '--color-success', '--color-success-soft', TEXT],
  ['status chip neutral', '--color-neutral', '--color-neutral-soft', TEXT],
  ['top bar text', '--topbar-fg', '--topbar-bg', TEXT],
  ['top bar muted', '--topbar-muted', '--topbar-bg', TEXT],
  ['top bar inverted (mark, hovered button)', '--topbar-bg', '--topbar-fg', TEXT],
  ['offline badge', '--color-danger', '--color-danger-soft', TEXT],
  ...(['sandbox', 'test', 'production', 'unknown'] as const).map(
    (p): [string, string, string, number] => [`banner ${p}`, `--profile-${p}-fg`, `--profile-${p}-bg`, TEXT],
  ),
  // Boundaries and indicators (WCAG 1.4.11)
  ...['surface', 'bg', 'surface-muted', 'row-selected', 'row-hover', 'danger-soft', 'warning-soft', 'accent-soft'].map(
    (bg): [string, string, string, number] => [`focus ring on ${bg}`, '--color-focus', `--color-${bg}`, UI],
  ),
  ['focus ring in the top bar', '--topbar-fg', '--topbar-bg', UI],
  ['field/button border on surface', '--color-border-strong', '--color-surface', UI],
  ['field/button border on bg', '--color-border-strong', '--color-bg', UI],
  ['field/button border on surface-muted', '--color-border-strong', '--color-surface-muted', UI],
  ['top bar button border', '--topbar-muted', '--topbar-bg', UI],
  ['selected row marker', '--color-accent', '--color-row-selected', UI],
  ['spinner head on surface', '--color-accent', '--color-surface', UI],
  ['online dot', '--color-success-border', '--topbar-bg', UI],
  ['degraded dot', '--color-warning-border', '--topbar-bg', UI],
  ['offline dot', '--color-danger', '--color-danger-soft', UI],
  // Not checked: the profile colour as the top bar's bottom edge, and badge/banner borders, are decoration
  // (the profile banner names the profile in text, and each badge's text meets 4.5:1).
]

describe('theme.css contrast (WCAG AA)', () => {
  const lowest: Record<string, string> = {}
  afterAll(() => console.info('lowest contrast per theme:', lowest))

  for (const theme of THEMES) {
    it(`${theme}: every pair the app paints meets AA`, () => {
      const vars = themeVariables(theme)
      const rows = PAIRS.map(([what, fg, bg, min]) => ({ what, ratio: contrast(resolve(vars, fg), resolve(vars, bg)), min }))
      const failing = rows.filter((r) => r.ratio < r.min).map((r) => `${r.what}: ${r.ratio.toFixed(2)} < ${r.min}`)
      const low = rows.reduce((a, b) => (b.ratio / b.min < a.ratio / a.min ? b : a))
      lowest[theme] = `${low.what} ${low.ratio.toFixed(2)}:1 (min ${low.min})`
      expect(failing).toEqual([])
    })

    it(`${theme}: defines every colour variable of the light theme`, () => {
      const light = themeVariables('light')
      const vars = themeVariables(theme)
      const colours = [...light.keys()].filter((k) => /^--(color|profile|shadow)-|^--topbar-(bg|fg|muted)$/.test(k))
      expect(colours.length).toBeGreaterThan(40)
      for (const name of colours) expect(vars.get(name), name).toBeDefined()
      if (theme !== 'light') {
        const own = THEME_CSS.slice(THEME_CSS.indexOf(`:root[data-theme='${theme}']`))
        const missing = colours.filter((name) => !own.includes(`${name}:`))
        expect(missing, `${theme} inherits light colours`).toEqual([])
      }
    })
  }

  it('no colour is written outside theme.css (styles and components)', () => {
    const hits: string[] = []
    const files = Object.keys(SOURCES).filter((f) => !f.endsWith('/theme.css'))
    expect(files.length).toBeGreaterThan(40)
    for (const file of files) {
      let text = SOURCES[file]!
      if (file.endsWith('.vue')) text = /<style[^>]*>([\s\S]*?)<\/style>/.exec(text)?.[1] ?? ''
      text.split('\n').forEach((line, i) => {
        if (/#[0-9a-f]{3,8}\b|\b(rgb|rgba|hsl|hsla)\(|:\s*(white|black)\s*;/i.test(line)) hits.push(`${file}:${i + 1}: ${line.trim()}`)
      })
    }
    expect(hits).toEqual([])
  })

  it('every focus outline uses the focus variables', () => {
    const base = SOURCES['../../src/renderer/src/styles/base.css']!
    expect(base).toMatch(/:focus-visible\s*\{\s*outline:\s*var\(--focus-width\) solid var\(--color-focus\)/)
  })
})

type Listener = () => void
function fakeMedia(initial: Record<string, boolean>) {
  const state = { ...initial }
  const listeners = new Map<string, Set<Listener>>()
  const matchMedia = vi.fn((query: string) => ({
    get matches() {
      return state[query] ?? false
    },
    media: query,
    addEventListener: (_: string, l: Listener) => listeners.set(query, (listeners.get(query) ?? new Set()).add(l)),
    removeEventListener: (_: string, l: Listener) => listeners.get(query)?.delete(l),
  }))
  return {
    matchMedia,
    set(query: string, value: boolean) {
      state[query] = value
      for (const l of listeners.get(query) ?? []) l()
    },
    listenerCount: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  }
}

describe('lib/theme.ts', () => {
  let media: ReturnType<typeof fakeMedia>
  beforeEach(() => {
    localStorage.clear()
    media = fakeMedia({})
    vi.stubGlobal('matchMedia', media.matchMedia)
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    delete document.documentElement.dataset.theme
  })

  it('"system" by default: light, then dark, then contrast as the OS changes', () => {
    expect(installTheme()).toBe('system')
    expect(document.documentElement.dataset.theme).toBe('light')
    media.set('(prefers-color-scheme: dark)', true)
    expect(document.documentElement.dataset.theme).toBe('dark')
    media.set('(prefers-contrast: more)', true)
    expect(document.documentElement.dataset.theme).toBe('contrast')
    media.set('(prefers-contrast: more)', false)
    media.set('(forced-colors: active)', true)
    expect(document.documentElement.dataset.theme).toBe('contrast')
  })

  it('a stored choice wins over the OS and stops following it', () => {
    localStorage.setItem('theme', 'dark')
    media.set('(prefers-contrast: more)', true)
    expect(installTheme()).toBe('dark')
    expect(document.documentElement.dataset.theme).toBe('dark')
    expect(media.listenerCount()).toBe(0)
    media.set('(prefers-color-scheme: dark)', false)
    expect(document.documentElement.dataset.theme).toBe('dark')
  })

  it('an unknown stored value falls back to system', () => {
    localStorage.setItem('theme', 'purple')
    media.set('(prefers-color-scheme: dark)', true)
    expect(installTheme()).toBe('system')
    expect(document.documentElement.dataset.theme).toBe('dark')
  })

  it('setTheme stores and applies; back to system follows the OS again', () => {
    installTheme()
    setTheme('contrast')
    expect(localStorage.getItem('theme')).toBe('contrast')
    expect(document.documentElement.dataset.theme).toBe('contrast')
    setTheme('system')
    media.set('(prefers-color-scheme: dark)', true)
    expect(document.documentElement.dataset.theme).toBe('dark')
  })

  it('ThemeSelect is a labelled select that applies the choice', async () => {
    localStorage.setItem('theme', 'light')
    installTheme()
    const wrapper = mount(ThemeSelect, { attachTo: document.body })
    const select = wrapper.get('[data-testid="theme-select"]')
    expect((select.element as HTMLSelectElement).value).toBe('light')
    expect(wrapper.get(`label[for="${select.attributes('id')}"]`).text()).toBe('Theme')
    expect(wrapper.findAll('option').map((o) => o.attributes('value'))).toEqual(['system', 'light', 'dark', 'contrast'])
    await select.setValue('dark')
    expect(localStorage.getItem('theme')).toBe('dark')
    expect(document.documentElement.dataset.theme).toBe('dark')
    wrapper.unmount()
  })
})
