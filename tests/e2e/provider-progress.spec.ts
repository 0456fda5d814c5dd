import { expect, test, type Page } from '@playwright/test'
import { resetSandbox, sandboxUrl } from './support.ts'

/**
 * Feedback on the cross-provider lookup (issue 6 §8), against the embedded sandbox with its fault
 * injection: a slow provider shows a spinner chip while the others' rows are already there, then its own
 * rows; a failing provider gets a warning toast naming it, and its Retry (the chip's, or the toast's)
 * asks that provider again, and only that one.
 */
const VIPPS_LIST = 'GET /capi/v1/customer/payment/vipps/agreement'
const KLARNA_LIST = 'GET /capi/v1/customer/payment/klarna/token'
/** The list paths of every provider, to tell from the sandbox's request log which ones were asked. */
const LIST_PATHS: Readonly<Record<string, RegExp>> = {
  swedbankpay: /^\/online\/payers\//,
  payex: /\/payment\/payex\/token$/,
  klarna: /\/payment\/klarna\/token$/,
  vipps: /\/payment\/vipps\/agreement$/,
  nexi: /\/payment\/nexi\/subscription$/,
}
/** Far longer than the other providers take on a loaded machine, well under the 15 s request deadline. */
const SLOW_MS = 9_000

async function sandbox(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${sandboxUrl}/__sandbox/${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  })
  if (!response.ok) throw new Error(`sandbox ${method} ${path}: HTTP ${response.status} ${await response.text()}`)
  return response.json()
}

/** Which providers' token lists the sandbox was asked for since the log was last cleared. */
async function askedProviders(): Promise<string[]> {
  const { requests } = (await sandbox('GET', 'requests')) as { requests: { method: string; path: string }[] }
  const asked = requests.flatMap(({ method, path }) =>
    method === 'GET' ? Object.keys(LIST_PATHS).filter((provider) => LIST_PATHS[provider]!.test(path)) : [],
  )
  return [...new Set(asked)].sort()
}

const chip = (page: Page, provider: string) => page.locator(`[data-testid="provider-status"][data-provider="${provider}"]`)
const rows = (page: Page, provider: string) => page.locator(`[data-testid="token-row"][data-provider="${provider}"]`)

async function openCustomer(page: Page, name: string, customerNumber: string): Promise<void> {
  await page.goto('/')
  await page.getByTestId('customer-search').fill(name)
  await page.getByTestId('customer-search').press('Enter')
  await page.locator(`[data-testid="customer-row"][data-customer-number="${customerNumber}"]`).click()
}

test.beforeEach(async () => {
  await resetSandbox()
})

test.afterEach(async () => {
  await sandbox('DELETE', 'faults')
})

test('a slow provider: the others’ rows and its spinner chip first, then its own rows', async ({ page }) => {
  test.setTimeout(90_000)
  await sandbox('POST', 'faults', { route: VIPPS_LIST, delayMs: SLOW_MS })
  await openCustomer(page, 'Kari Nordmann', '100001')

  // The fast providers' rows are on screen while Vipps is still being looked up.
  await expect(rows(page, 'swedbankpay').first()).toBeVisible({ timeout: 8_000 })
  await expect(rows(page, 'klarna')).toHaveCount(1)
  await expect(chip(page, 'vipps')).toHaveAttribute('data-status', 'loading')
  await expect(chip(page, 'vipps')).toContainText('Vipps')
  await expect(chip(page, 'vipps')).toContainText('looking up…')
  await expect(rows(page, 'vipps')).toHaveCount(0)
  await expect(page.getByTestId('providers-answered')).toHaveText('4 of 5 providers answered')
  await expect(page.locator('section.tokens')).toHaveAttribute('aria-busy', 'true')
  for (const provider of ['swedbankpay', 'payex', 'klarna', 'nexi']) await expect(chip(page, provider)).toHaveAttribute('data-status', 'loaded')

  // Then Vipps answers: its chip and its row.
  await expect(chip(page, 'vipps')).toHaveAttribute('data-status', 'loaded', { timeout: 30_000 })
  await expect(rows(page, 'vipps')).toHaveCount(1)
  await expect(page.getByTestId('providers-answered')).toHaveText('')
  await expect(page.locator('section.tokens')).toHaveAttribute('aria-busy', 'false')
  await expect(page.getByTestId('toast')).toHaveCount(0)
})

test('a failing provider: a warning names it, and Retry asks only that provider until it answers', async ({ page }) => {
  test.setTimeout(120_000)
  await sandbox('POST', 'faults', { route: KLARNA_LIST, status: 503 })
  // Astrid (Sweden) is opened by no other spec: there is no cached Klarna list to fall back on.
  await openCustomer(page, 'Astrid Lindqvist', '100003')

  await expect(chip(page, 'klarna')).toHaveAttribute('data-status', 'failed', { timeout: 30_000 })
  await expect(chip(page, 'klarna')).toContainText('not answering')
  await expect(rows(page, 'swedbankpay')).toHaveCount(2)
  await expect(rows(page, 'klarna')).toHaveCount(0)
  const warning = page.locator('[data-testid="toast"][data-kind="warning"]')
  await expect(warning).toHaveCount(1)
  await expect(warning).toContainText('Klarna did not answer; the other providers are shown.')
  await expect(warning.getByTestId('toast-next-step')).toHaveText("Try again in a minute; if it keeps failing, check the provider's status page.")
  await expect(warning.getByRole('button', { name: 'Dismiss message' })).toBeVisible()

  // The toast's Retry, from the keyboard, while Klarna still fails: only Klarna is asked, and it warns again.
  await sandbox('DELETE', 'requests')
  const action = warning.getByRole('button', { name: 'Retry Klarna' })
  await action.focus()
  await page.keyboard.press('Enter')
  await expect(chip(page, 'klarna')).toHaveAttribute('data-status', 'failed', { timeout: 30_000 })
  await expect(warning).toHaveCount(1)
  expect(await askedProviders()).toEqual(['klarna'])

  // Klarna is back: the chip's own Retry (named after Klarna) brings its row, and nothing else is asked.
  await sandbox('DELETE', `faults?route=${encodeURIComponent(KLARNA_LIST)}`)
  await sandbox('DELETE', 'requests')
  const retry = chip(page, 'klarna').getByRole('button', { name: 'Retry Klarna' })
  await retry.focus()
  await page.keyboard.press('Enter')
  await expect(chip(page, 'klarna')).toHaveAttribute('data-status', 'loaded', { timeout: 30_000 })
  await expect(rows(page, 'klarna')).toHaveCount(1)
  await expect(rows(page, 'swedbankpay')).toHaveCount(2)
  await expect(warning).toHaveCount(0)
  expect(await askedProviders()).toEqual(['klarna'])
})
