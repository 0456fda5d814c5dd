import { expect, test } from '@playwright/test'
import { resetSandbox, sandboxPayerTokens, screenshot, signIn } from './support.ts'

test.beforeEach(async () => {
  await resetSandbox()
})

test('search a customer, open them, archive a Swedbank Pay token with a reason; the sandbox records it', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByTestId('profile-banner')).toHaveAttribute('data-profile-kind', 'sandbox')
  await signIn(page)

  await page.getByTestId('customer-search').fill('Nordmann')
  await page.getByTestId('customer-search').press('Enter')
  const kari = page.locator('[data-testid="customer-row"][data-customer-number="100001"]')
  await expect(kari).toBeVisible()
  await screenshot(page, 'search')
  await kari.click()

  const activeRows = page.locator('[data-testid="token-row"][data-provider="swedbankpay"][data-state="Active"]')
  await expect(activeRows.first()).toBeVisible()
  const before = await sandboxPayerTokens('100001')
  const activeBefore = before.filter((t) => t.state === 'Active')
  expect(activeBefore.length).toBeGreaterThan(0)
  await expect(page.locator('[data-testid="provider-status"][data-provider="swedbankpay"]')).toHaveAttribute(
    'data-status',
    'loaded',
  )
  await screenshot(page, 'customer-tokens')

  const row = activeRows.first()
  const token = await row.getAttribute('data-token')
  expect(token).toBeTruthy()
  await row.getByTestId('archive-button').click()

  const confirm = page.getByTestId('archive-confirm')
  await expect(confirm).toBeDisabled()
  const reason = 'Customer asked by phone to remove the card'
  await page.getByTestId('archive-reason').fill(reason)
  await expect(confirm).toBeEnabled()
  await screenshot(page, 'archive-dialog')
  await confirm.click()

  const archivedRow = page.locator(`[data-testid="token-row"][data-token="${token}"]`)
  await expect(archivedRow).toHaveAttribute('data-state', 'Archived')

  // The screen is not enough: the archive must have reached the provider (the sandbox's state).
  const after = await sandboxPayerTokens('100001')
  const archived = after.find((t) => t.token === token)
  expect(archived?.state).toBe('Archived')
  expect(archived?.archiveReason).toBe(reason)
  expect(after.filter((t) => t.state === 'Active')).toHaveLength(activeBefore.length - 1)
  await screenshot(page, 'token-archived')
})
