import { expect, test, type Page } from '@playwright/test'
import { openCustomer, resetSandbox, screenshot, setSandboxState, signIn } from './support.ts'

const KARI = '100001'
const tokenRows = (page: Page) => page.getByTestId('token-row')
const rowTokens = async (page: Page): Promise<string[]> =>
  (await tokenRows(page).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-token') ?? ''))).sort()

test.beforeEach(async ({ request }) => {
  await setSandboxState(request, 'running')
  await resetSandbox()
})

// Whatever happens in the test, the sandbox is up again for the next one.
test.afterEach(async ({ request }) => {
  await setSandboxState(request, 'running')
})

test('a customer looked up online is reviewed offline from the cache, read-only, then live again', async ({ page, request }) => {
  await page.goto('/')
  await signIn(page)
  await openCustomer(page, 'Kari Nordmann', KARI)
  await expect(page.getByTestId('connectivity')).toHaveAttribute('data-state', 'online')
  await expect(page.getByTestId('cached-mark')).toHaveCount(0)
  await expect(tokenRows(page).first()).toBeVisible()
  const liveTokens = await rowTokens(page)
  expect(liveTokens.length).toBeGreaterThan(3)
  expect(liveTokens).not.toContain('')
  const customerUrl = page.url()

  // A real outage: the sandbox stops listening (connection refused), and the view is loaded again.
  await setSandboxState(request, 'stopped')
  await page.reload()
  await expect(page.getByTestId('cached-mark')).toBeVisible({ timeout: 15_000 })
  await expect(page.getByTestId('cached-mark')).toContainText(/cached at/i)
  await expect(page.getByTestId('read-only-notice')).toBeVisible()
  await expect(page.getByTestId('connectivity')).toHaveAttribute('data-state', 'offline')
  await expect(tokenRows(page)).toHaveCount(liveTokens.length)
  expect(await rowTokens(page)).toEqual(liveTokens)

  // No write on cached data: every write control of every row is disabled (or absent), the menus too.
  const menus = page.getByTestId('row-menu-button')
  expect(await menus.count()).toBeGreaterThan(0)
  for (const testid of ['row-menu-button', 'archive-button', 'remove-button', 'archive-all-button']) {
    for (const control of await page.getByTestId(testid).all()) await expect(control, testid).toBeDisabled()
  }
  await screenshot(page, 'offline-cached')

  // Recent lookups work offline: Kari is listed, and the filter finds her by name.
  await page.getByTestId('nav-recent').click()
  await expect(page).toHaveURL(/#\/recent$/)
  const kari = page.locator(`[data-testid="recent-row"][data-customer-number="${KARI}"]`)
  await expect(kari).toBeVisible()
  await page.getByTestId('recent-filter').fill('Kari Nord')
  await expect(kari).toBeVisible()
  await expect(page.getByTestId('recent-row')).toHaveCount(1)
  await expect(page.getByTestId('connectivity')).toHaveAttribute('data-state', 'offline')
  await screenshot(page, 'recent-lookups')
  await page.getByTestId('recent-filter').fill('Astrid Lindqvist')
  await expect(page.getByTestId('recent-row')).toHaveCount(0)
  await expect(page.getByTestId('recent-empty')).toBeVisible()

  // Back to the customer from Recent lookups, still cached; then the sandbox returns and "retry live" goes live.
  await page.getByTestId('recent-filter').fill('Kari')
  await kari.click()
  await expect(page).toHaveURL(customerUrl)
  await expect(page.getByTestId('cached-mark')).toBeVisible()
  // Every provider has settled on its cached copy first: a read still retrying would go live by itself
  // once the sandbox is back, and the Retry below would have nothing left to do.
  for (const provider of ['swedbankpay', 'payex', 'klarna', 'vipps', 'nexi']) {
    await expect(page.locator(`[data-testid="provider-status"][data-provider="${provider}"]`)).toHaveAttribute('data-status', 'cached', { timeout: 15_000 })
  }
  await setSandboxState(request, 'running')
  await page.getByTestId('retry-live').click()
  await expect(page.getByTestId('cached-mark')).toHaveCount(0, { timeout: 15_000 })
  await expect(page.getByTestId('read-only-notice')).toHaveCount(0)
  await expect(page.getByTestId('connectivity')).toHaveAttribute('data-state', 'online')
  for (const provider of ['swedbankpay', 'payex', 'klarna', 'vipps', 'nexi']) {
    await expect(page.locator(`[data-testid="provider-status"][data-provider="${provider}"]`)).toHaveAttribute('data-status', 'loaded')
  }
  expect(await rowTokens(page)).toEqual(liveTokens)
  await expect(page.getByTestId('row-menu-button').first()).toBeEnabled()
})
