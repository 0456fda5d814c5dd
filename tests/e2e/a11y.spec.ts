import { expect, test, type Page } from '@playwright/test'
import { chooseTheme, ensureTheme, isBlocking, scan, summarise, type Theme, type ViewResult } from './a11y.ts'
import { PROVIDERS, resetSandbox, signIn } from './support.ts'

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
