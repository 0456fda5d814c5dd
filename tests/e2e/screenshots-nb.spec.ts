import { expect, test, type Locator, type Page } from '@playwright/test'
import { PROVIDERS, resetSandbox, screenshot, signIn } from './support.ts'

/**
 * The README's Norwegian screenshots: every main view in light and dark, written to docs/screenshots/nb/<view>-<theme>.png.
 * Language and theme come only from localStorage (set before the first load), against the English browser locale of
 * playwright.config.ts and the opposite OS colour scheme: if the console ignored either choice, the assertions fail.
 * (Native date inputs, in the audit log, keep Chromium's own format, mm/dd/yyyy: the browser's, not the console's.)
 */

test.beforeEach(async () => {
  await resetSandbox()
})

const THEMES = ['light', 'dark'] as const
type Theme = (typeof THEMES)[number]

/** The page background of each theme (--color-bg in styles/theme.css). */
const BACKGROUND: Record<Theme, string> = { light: 'rgb(244, 245, 247)', dark: 'rgb(15, 20, 26)' }

async function chooseNorwegian(page: Page, theme: Theme): Promise<void> {
  // Scripts as strings: this tsconfig has no DOM types. Keys: i18n.ts LOCALE_STORAGE_KEY, lib/theme.ts THEME_STORAGE_KEY.
  await page.addInitScript(
    `window.localStorage.setItem('support-console.locale', 'nb'); window.localStorage.setItem('theme', ${JSON.stringify(theme)})`,
  )
  // The OS asks for the other scheme: only the stored choice can produce the expected theme.
  await page.emulateMedia({ colorScheme: theme === 'light' ? 'dark' : 'light' })
}

/** Closes the notices (signed out, signed in, …) so they cover nothing in the picture. Not while a modal dialog is open. */
async function dismissToasts(page: Page): Promise<void> {
  const toasts = page.getByTestId('toast')
  while ((await toasts.count()) > 0) await toasts.first().getByRole('button').click()
}

/** Norwegian on screen, the chosen theme applied and painted; then the screenshot. */
async function shoot(page: Page, view: string, theme: Theme, norwegian: Locator, text: string | RegExp): Promise<void> {
  await expect(norwegian).toHaveText(text)
  const html = page.locator('html')
  await expect(html).toHaveAttribute('lang', 'nb')
  expect(await page.evaluate('document.documentElement.dataset.theme')).toBe(theme)
  await expect(html).toHaveCSS('background-color', BACKGROUND[theme])
  if (!(await page.locator('dialog[open]').count())) await dismissToasts(page)
  // Let transitions settle before the picture.
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))')
  await screenshot(page, `${view}-${theme}`, 'nb')
}

for (const theme of THEMES) {
  test(`README screenshots in Norwegian, ${theme} theme: every main view`, async ({ page }) => {
    test.setTimeout(60_000)
    await chooseNorwegian(page, theme)
    await page.goto('/')
    await signIn(page)

    await expect(page.getByTestId('nav-search')).toHaveText(/Kunder/)
    await page.getByTestId('customer-search').fill('Nordmann')
    await page.getByTestId('customer-search').press('Enter')
    const kari = page.locator('[data-testid="customer-row"][data-customer-number="100001"]')
    await expect(kari).toContainText('Kari')
    await shoot(page, 'search', theme, page.locator('#search-title'), 'Kundesøk')

    await kari.click()
    for (const provider of PROVIDERS) {
      await expect(page.locator(`[data-testid="provider-status"][data-provider="${provider}"]`)).toHaveAttribute('data-status', 'loaded')
    }
    await expect(page.getByTestId('customer-name')).toContainText('Kari Nordmann')
    await expect(page.getByTestId('token-row').first()).toBeVisible()
    await shoot(page, 'customer-tokens', theme, page.locator('#tokens-title'), 'Betalingstokener')

    await page.locator('[data-testid="token-row"][data-provider="swedbankpay"][data-state="Active"]').first().getByTestId('archive-button').click()
    const dialog = page.getByTestId('archive-dialog')
    await expect(dialog).toBeVisible()
    await page.getByTestId('archive-reason').fill('Kunden ba om det på telefon')
    await expect(page.getByTestId('archive-confirm')).toBeEnabled()
    await shoot(page, 'archive-dialog', theme, dialog.getByRole('heading').first(), 'Arkiver betalingstoken')
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()

    await page.getByTestId('invoices-tab').click()
    await page.getByTestId('invoice-product').fill('AP001')
    await page.getByTestId('invoice-load').click()
    await expect(page.getByTestId('invoice-row').first()).toBeVisible()
    await shoot(page, 'customer-invoices', theme, page.locator('#invoices-title'), 'Fakturaer')

    await page.getByTestId('nav-recent').click()
    await expect(page.locator('[data-testid="recent-row"]').filter({ hasText: '100001' }).first()).toBeVisible()
    await shoot(page, 'recent-lookups', theme, page.locator('#recent-title'), 'Nylige oppslag')

    await page.getByTestId('nav-audit').click()
    await expect(page.getByTestId('audit-row').first()).toBeVisible()
    await shoot(page, 'audit-log', theme, page.locator('#audit-title'), 'Revisjonslogg')

    await page.getByTestId('nav-settings').click()
    await expect(page.getByTestId('profile-card').first()).toBeVisible()
    await shoot(page, 'settings', theme, page.locator('#settings-title'), 'Innstillinger')
  })
}
