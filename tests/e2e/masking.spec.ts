import { expect, test, type Page } from '@playwright/test'
import { openCustomer, resetSandbox, sandboxCustomer, sandboxPayerTokens, screenshot, signIn } from './support.ts'

const KARI = '100001'

test.beforeEach(async () => {
  await resetSandbox()
})

const bodyText = (page: Page) => page.locator('body').innerText()

test('token ids, emails and phone numbers are masked; a reveal shows one value and is in the audit log', async ({ page }) => {
  await page.goto('/')
  await signIn(page, 'agent-silje')
  const kari = await sandboxCustomer(KARI)
  const tokens = (await sandboxPayerTokens(KARI)).map((token) => token.token)
  expect(tokens.length).toBeGreaterThan(0)
  await openCustomer(page, 'Nordmann', KARI)

  // Masked by default: not a single full value in what the page shows or reads out.
  const personal = [...kari.emails, ...kari.phoneNumbers, ...tokens]
  const masked = await bodyText(page)
  for (const value of personal) expect(masked).not.toContain(value)
  const aria = await page.locator('body').ariaSnapshot()
  for (const value of personal) expect(aria).not.toContain(value)
  await expect(page.getByTestId('customer-name')).toContainText(kari.lastName)

  // Reveal the first email: that one shows, nothing else does.
  const emails = page.getByTestId('customer-emails')
  await emails.getByTestId('reveal-button').first().click()
  await expect(emails).toContainText(kari.emails[0]!)
  await expect(emails.getByTestId('reveal-button').first()).toHaveAttribute('aria-pressed', 'true')
  const after = await bodyText(page)
  for (const value of [...kari.emails.slice(1), ...kari.phoneNumbers, ...tokens]) expect(after).not.toContain(value)

  // And one token id, from its row.
  const row = page.locator(`[data-testid="token-row"][data-token="${tokens[0]}"]`)
  await row.locator('.token-id').getByTestId('reveal-button').click()
  await expect(row.locator('.token-id')).toContainText(tokens[0]!)

  // Both reveals are in the audit log, the token masked there too.
  await page.getByTestId('nav-audit').click()
  // Newest first; the data folder is shared by the run, so exports' reveals (table=…) may be listed too.
  const reveals = page.locator('[data-testid="audit-row"][data-action="reveal"]').filter({ hasText: 'field=' })
  await expect(reveals.first()).toBeVisible()
  await expect(reveals.first()).toContainText('field=tokenId')
  await expect(reveals.first()).toContainText(`****${tokens[0]!.slice(-4)}`)
  await expect(reveals.nth(1)).toContainText('field=email')
  await expect(reveals.nth(1)).toContainText(KARI)
  for (const value of personal) expect(await bodyText(page)).not.toContain(value)
})

test('screen-share safe masks everything personal at once, from the keyboard, and is remembered', async ({ page }) => {
  await page.goto('/')
  await signIn(page, 'agent-silje')
  const kari = await sandboxCustomer(KARI)
  await openCustomer(page, 'Nordmann', KARI)
  await page.getByTestId('customer-emails').getByTestId('reveal-button').first().click()
  await expect(page.getByTestId('customer-emails')).toContainText(kari.emails[0]!)

  await page.keyboard.press('Control+Shift+M')
  const toggle = page.getByTestId('screen-share-toggle')
  await expect(toggle).toHaveAttribute('aria-pressed', 'true')
  const personal = [kari.firstName, kari.lastName, ...kari.emails, ...kari.phoneNumbers]
  const text = await bodyText(page)
  for (const value of personal) expect(text).not.toContain(value)
  const aria = await page.locator('body').ariaSnapshot()
  for (const value of personal) expect(aria).not.toContain(value)
  await expect(page.getByTestId('reveal-button')).toHaveCount(0)
  await screenshot(page, 'screen-share-safe')

  // Remembered across a reload; the search field shows what is typed as dots; results are masked.
  await page.reload()
  await expect(toggle).toHaveAttribute('aria-pressed', 'true')
  await page.getByTestId('nav-search').click()
  const field = page.getByTestId('customer-search')
  await field.fill('Nordmann')
  await expect(field).toHaveCSS('-webkit-text-security', 'disc')
  await field.press('Enter')
  await expect(page.locator(`[data-testid="customer-row"][data-customer-number="${KARI}"]`)).toBeVisible()
  const results = await page.getByTestId('search-results').innerText()
  for (const value of [...personal, 'Nordmann']) expect(results).not.toContain(value)

  // Off again from the top bar: names are back, emails are masked again (the earlier reveal is gone).
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
  await expect(page.getByTestId('search-results')).toContainText(kari.lastName)
  expect(await page.getByTestId('search-results').innerText()).not.toContain(kari.emails[0]!)
  await expect(field).toHaveCSS('-webkit-text-security', 'none')
})
