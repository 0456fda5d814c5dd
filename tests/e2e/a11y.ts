/** Accessibility checks for the e2e suite: axe-core (WCAG 2.0/2.1 A and AA) on the current screen, per theme. */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'

export const A11Y_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']
export type Theme = 'light' | 'dark' | 'contrast'
type Impact = 'minor' | 'moderate' | 'serious' | 'critical'

export interface ViewResult {
  view: string
  theme: Theme
  counts: Record<Impact, number>
  /** One line per violation node: impact, rule, selector, what axe says. */
  details: string[]
  /** Rules axe checked and passed, and nodes it could not decide (e.g. contrast over an overlap). */
  passed: string[]
  incomplete: string[]
}

/**
 * Chooses the theme before the app loads (lib/theme.ts reads localStorage 'theme') and tells the browser the
 * matching OS preference, so "system" agrees. Call before page.goto.
 */
export async function chooseTheme(page: Page, theme: Theme): Promise<void> {
  // Scripts as strings: this tsconfig has no DOM types.
  await page.addInitScript(`window.localStorage.setItem('theme', ${JSON.stringify(theme)})`)
  await page.emulateMedia({ colorScheme: theme === 'light' ? 'light' : 'dark', contrast: theme === 'contrast' ? 'more' : 'no-preference' })
}

/** After a load: sets <html data-theme> itself where the app has not (installTheme not wired yet). */
export async function ensureTheme(page: Page, theme: Theme): Promise<void> {
  await page.evaluate(`document.documentElement.dataset.theme = ${JSON.stringify(theme)}`)
}

/** Runs axe on what the page shows now (the whole document, open dialogs included). */
export async function scan(page: Page, view: string, theme: Theme): Promise<ViewResult> {
  // Let transitions and the focus ring settle, so colours are measured as the agent sees them.
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))')
  const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze()
  const counts: Record<Impact, number> = { minor: 0, moderate: 0, serious: 0, critical: 0 }
  const details: string[] = []
  for (const violation of results.violations) {
    const impact = (violation.impact ?? 'minor') as Impact
    counts[impact] += violation.nodes.length
    for (const node of violation.nodes) {
      details.push(`${impact} ${violation.id} ${node.target.join(' ')} :: ${node.failureSummary?.replace(/\s+/g, ' ').slice(0, 220) ?? violation.help}`)
    }
  }
  const passed = results.passes.map((rule) => rule.id)
  const incomplete = results.incomplete.flatMap((rule) =>
    rule.nodes.map((node) => `${rule.id} ${node.target.join(' ')} :: ${(node.any[0]?.message ?? '').replace(/\s+/g, ' ').slice(0, 160)}`),
  )
  return { view, theme, counts, details, passed, incomplete }
}

export const isBlocking = (line: string): boolean => line.startsWith('serious ') || line.startsWith('critical ')

/** One line per view: counts by impact, then every violation (moderate ones are printed, not failed). */
export function summarise(results: ViewResult[]): string {
  return results
    .map((r) => {
      const c = r.counts
      const head = `[${r.theme}] ${r.view}: critical ${c.critical}, serious ${c.serious}, moderate ${c.moderate}, minor ${c.minor} (${r.passed.length} rules passed, ${r.incomplete.length} nodes to review)`
      return [head, ...r.details.map((d) => `    ${d}`), ...r.incomplete.map((d) => `    review: ${d}`)].join('\n')
    })
    .join('\n')
}
