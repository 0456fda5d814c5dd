import { expect, test, type Page } from '@playwright/test'
import { chooseTheme, ensureTheme, isBlocking, scan, summarise, type Theme, type ViewResult } from './a11y.ts'
import { PROVIDERS, resetSandbox, signIn } from './support.ts'

const IDLE_MINUTES_KEY = 'support-console.idle-minutes'

test.beforeEach(async () => {
  await resetSandbox()
})

/** Every view of the console, in the state an agent sees it, scanned by axe as it goes. */
async function walkEveryView(page: Page, theme: Theme): Promise<ViewResult[]> {
  const results: ViewResult[] = []
  const check = async (view: string) => results.push(await scan(page, view, theme))

  await page.goto('/')
  await ensureTheme(page, theme)
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
  // The theme really painted: the page background is the theme's --color-bg.
  await expect(page.locator('html')).toHaveCSS('background-color', theme === 'light' ? 'rgb(244, 245, 247)' : 'rgb(15, 20, 26)')
  await expect(page.getByTestId('search-idle')).toBeVisible()
  await check('search (idle, signed out)')
  await signIn(page)

  await page.getByTestId('customer-search').fill('Nordmann')
  await page.getByTestId('customer-search').press('Enter')
  const kari = page.locator('[data-testid="customer-row"][data-customer-number="100001"]')
  await expect(kari).toBeVisible()
  await check('search (results)')

  await kari.click()
  for (const provider of PROVIDERS) {
    await expect(page.locator(`[data-testid="provider-status"][data-provider="${provider}"]`)).toHaveAttribute('data-status', 'loaded')
  }
  await expect(page.getByTestId('token-row').first()).toBeVisible()
  await check('customer: tokens tab')

  await page.locator('[data-testid="token-row"][data-provider="swedbankpay"][data-state="Active"]').first().getByTestId('archive-button').click()
  await expect(page.getByTestId('archive-confirm')).toBeVisible()
  await page.getByTestId('archive-reason').fill('Customer asked by phone')
  await check('archive dialog (open)')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('archive-confirm')).toBeHidden()

  await page.getByTestId('export-tokens').click()
  await expect(page.getByTestId('export-dialog')).toBeVisible()
  await check('export dialog (tokens)')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('export-dialog')).toBeHidden()

  await page.getByTestId('invoices-tab').click()
  await page.getByTestId('invoice-product').fill('AP001')
  await page.getByTestId('invoice-load').click()
  await expect(page.getByTestId('invoice-row').first()).toBeVisible()
  await check('customer: invoices tab (AP001 loaded)')

  await page.getByTestId('nav-recent').click()
  await expect(page.getByTestId('recent-row').first()).toBeVisible()
  await check('recent lookups')

  await page.getByTestId('nav-audit').click()
  await expect(page.getByTestId('audit-row').first()).toBeVisible()
  await check('audit log')

  await page.getByTestId('nav-settings').click()
  await expect(page.getByTestId('profile-card').first()).toBeVisible()
  await check('settings')

  await page.keyboard.press('Control+K')
  await expect(page.getByTestId('command-palette')).toBeVisible()
  await page.getByTestId('command-palette-input').fill('audit')
  await check('command palette dialog (filtered)')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('command-palette')).toBeHidden()

  await page.keyboard.press('?')
  await expect(page.getByTestId('shortcuts-help')).toBeVisible()
  await check('shortcuts help dialog')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('shortcuts-help')).toBeHidden()
  return results
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe (WCAG 2.1 A/AA): every view in the ${theme} theme has no serious or critical violation`, async ({ page }) => {
    test.setTimeout(120_000)
    await chooseTheme(page, theme)
    const results = await walkEveryView(page, theme)
    console.log(`axe, ${theme} theme\n${summarise(results)}`)
    expect(results.map((r) => r.view)).toHaveLength(11)
    // axe cannot measure contrast inside a modal <dialog> (top layer: "overlapped by another element", listed as
    // "review"); the dialogs' colour pairs are checked by tests/component/theme.test.ts instead.
    for (const result of results.filter((r) => !r.view.includes('dialog'))) {
      expect(result.passed, `${result.view}: axe measured contrast`).toContain('color-contrast')
    }
    await page.screenshot({ path: test.info().outputPath(`a11y-${theme}.png`) })
    for (const result of results) expect.soft(result.details.filter(isBlocking), `${theme}: ${result.view}`).toEqual([])
  })
}

/**
 * The idle warning (its countdown running) and the lock screen, reached with Playwright's clock as in
 * idle-lock.spec.ts (one idle minute: the warning covers the last 30 s). Both are modal dialogs over a
 * customer list, so axe sees what the agent sees.
 */
async function walkIdleLock(page: Page, theme: Theme): Promise<ViewResult[]> {
  const results: ViewResult[] = []
  await page.clock.install()
  await page.addInitScript(`window.localStorage.setItem(${JSON.stringify(IDLE_MINUTES_KEY)}, '1')`)
  await page.goto('/')
  await ensureTheme(page, theme)
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
  await signIn(page)
  await page.getByTestId('customer-search').fill('Nordmann')
  await page.getByTestId('customer-search').press('Enter')
  await expect(page.locator('[data-testid="customer-row"][data-customer-number="100001"]')).toBeVisible()

  await page.clock.fastForward(31_000)
  const warning = page.getByTestId('idle-warning')
  await expect(warning).toBeVisible()
  await expect(page.getByTestId('idle-countdown')).toHaveAttribute('data-seconds', /^[1-9]\d*$/)
  results.push(await scan(page, 'idle warning dialog (countdown)', theme))

  await page.clock.fastForward(31_000)
  await expect(page.getByTestId('lock-screen')).toBeVisible()
  await expect(warning).toHaveCount(0)
  await expect(page.getByTestId('lock-sign-in')).toBeFocused()
  results.push(await scan(page, 'lock screen dialog', theme))
  return results
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe (WCAG 2.1 A/AA): the idle warning and the lock screen in the ${theme} theme have no violation at all`, async ({ page }) => {
    test.setTimeout(120_000)
    await chooseTheme(page, theme)
    const results = await walkIdleLock(page, theme)
    console.log(`axe, ${theme} theme\n${summarise(results)}`)
    expect(results.map((r) => r.view)).toEqual(['idle warning dialog (countdown)', 'lock screen dialog'])
    // Unlike in the confirmation dialogs (see above), axe does measure contrast in these two (and theme.test.ts
    // checks their colour pairs as well): keep it that way.
    for (const result of results) expect(result.passed, `${result.view}: axe measured contrast`).toContain('color-contrast')
    for (const result of results) expect.soft(result.details, `${theme}: ${result.view}`).toEqual([])
  })
}
