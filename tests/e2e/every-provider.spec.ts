import { expect, test, type Page } from '@playwright/test'
import {
  resetSandbox,
  sandboxCustomerTokens,
  sandboxPayerTokens,
  sandboxTransactions,
  screenshot,
  signIn,
  waitForOpenedUrl,
} from './support.ts'

test.beforeEach(async () => {
  await resetSandbox()
})

type FamilyRecord = { state?: string; token?: string; recurrenceToken?: string }

async function openKari(page: Page): Promise<void> {
  await page.goto('/')
  await signIn(page)
  await page.getByTestId('customer-search').fill('Kari Nordmann')
  await page.getByTestId('customer-search').press('Enter')
  await page.locator('[data-testid="customer-row"][data-customer-number="100001"]').click()
  for (const provider of ['swedbankpay', 'payex', 'klarna', 'vipps', 'nexi']) {
    await expect(page.locator(`[data-testid="provider-status"][data-provider="${provider}"]`)).toHaveAttribute(
      'data-status',
      'loaded',
    )
  }
}

const row = (page: Page, provider: string, state = 'Active') =>
  page.locator(`[data-testid="token-row"][data-provider="${provider}"][data-state="${state}"]`)

test('one customer, every provider: archive, remove, rename, old-API delete; each checked in the sandbox', async ({ page }) => {
  await openKari(page)
  await screenshot(page, 'every-provider')

  // Archive at Swedbank Pay.
  const archiveRow = row(page, 'swedbankpay').first()
  const archived = (await archiveRow.getAttribute('data-token'))!
  await archiveRow.getByTestId('archive-button').click()
  await page.getByTestId('archive-reason').fill('Customer asked to remove the card')
  await page.getByTestId('archive-confirm').click()
  await expect(page.locator(`[data-testid="token-row"][data-token="${archived}"]`)).toHaveAttribute('data-state', 'Archived')
  expect((await sandboxPayerTokens('100001')).find((t) => t.token === archived)?.state).toBe('Archived')

  // Remove at Klarna.
  const klarnaRow = row(page, 'klarna').first()
  const klarnaToken = (await klarnaRow.getAttribute('data-token'))!
  await klarnaRow.getByTestId('remove-button').click()
  await page.getByTestId('remove-reason').fill('Customer cancelled Klarna')
  await page.getByTestId('remove-confirm').click()
  await expect(page.locator(`[data-testid="token-row"][data-token="${klarnaToken}"]`)).toHaveCount(0)
  const families = (await sandboxCustomerTokens('100001')) as Record<string, FamilyRecord[]>
  expect(families.klarna!.find((t) => t.token === klarnaToken)?.state).toBe('Removed')

  // Rename the remaining active Swedbank Pay token.
  const renameRow = row(page, 'swedbankpay').first()
  const renamed = (await renameRow.getAttribute('data-token'))!
  await renameRow.getByTestId('row-menu-button').click()
  await page.getByTestId('rename-button').click()
  await page.getByTestId('rename-input').fill('Kari sin jobbkonto')
  await page.getByTestId('rename-confirm').click()
  await expect(page.locator(`[data-testid="token-row"][data-token="${renamed}"]`)).toContainText('Kari sin jobbkonto')
  expect((await sandboxPayerTokens('100001')).find((t) => t.token === renamed)?.displayName).toBe('Kari sin jobbkonto')

  // Delete it through the old PaymentOrder API.
  await page.locator(`[data-testid="token-row"][data-token="${renamed}"]`).getByTestId('row-menu-button').click()
  await page.getByTestId('legacy-delete-button').click()
  await page.getByTestId('legacy-delete-comment').fill('Customer asked; old integration')
  await page.getByTestId('legacy-delete-confirm').click()
  await expect(page.locator(`[data-testid="token-row"][data-token="${renamed}"]`)).toHaveCount(0)
  expect((await sandboxPayerTokens('100001')).find((t) => t.token === renamed)?.state).toBe('Deleted')
})

test('pay an invoice: one POST, the payment page in the system browser, and "finished" comes back', async ({ page }) => {
  await openKari(page)
  await page.getByTestId('invoices-tab').click()
  await page.getByTestId('invoice-product').fill('AP001')
  await page.getByTestId('invoice-load').click()
  const unpaid = page.locator('[data-testid="invoice-row"][data-status="unpaid"]').first()
  await expect(unpaid).toBeVisible()
  const invoiceNumber = (await unpaid.getAttribute('data-invoice-number'))!
  await unpaid.getByTestId('pay-button').click()
  await page.getByTestId('pay-method').selectOption('creditcardPayex')
  await page.getByTestId('pay-confirm').click()
  await expect(page.getByTestId('payment-link')).toHaveValue(/\/payment\/invoice\/pay\?clientId=/)
  await screenshot(page, 'payment-link')

  await page.getByTestId('payment-open').click()
  const paymentUrl = await waitForOpenedUrl(page, /\/payment\/invoice\/pay\?/)
  const browser = await page.context().newPage()
  await browser.goto(paymentUrl)
  await browser.getByTestId('pay-finished').click()
  await expect(browser.locator('body')).toContainText(/close this tab/i)
  await browser.close()

  await expect(page.getByTestId('payment-result')).toHaveAttribute('data-status', 'finished')
  await screenshot(page, 'payment-finished')
  const { postsPerInvoice } = (await sandboxTransactions()) as { postsPerInvoice: Record<string, number> }
  expect(postsPerInvoice[invoiceNumber]).toBe(1)
})
