import { expect, test, type Page } from '@playwright/test'
import { openedUrls, resetSandbox, sandboxCustomer, signIn } from './support.ts'

const IDLE_MINUTES_KEY = 'support-console.idle-minutes'

test.beforeEach(async () => {
  await resetSandbox()
})

/** Approves the next ConnectID authorize page the console opens, as `agentId`. */
async function approveNextSignIn(page: Page, before: number, agentId: string): Promise<void> {
  let url: string | undefined
  await expect
    .poll(async () => {
      const urls = (await openedUrls(page)).filter((u) => /\/oauth\/authorize\?/.test(u))
      url = urls.length > before ? urls.at(-1) : undefined
      return url
    })
    .toBeTruthy()
  const browser = await page.context().newPage()
  await browser.goto(url!)
  await browser.getByTestId(`agent-${agentId}`).click()
  await expect(browser.locator('body')).toContainText(/close this (tab|window)/i)
  await browser.close()
}

test('after the idle time a countdown, then the lock: nothing personal shows, signing in again keeps the typed text', async ({ page }) => {
  await page.clock.install()
  await page.addInitScript(([key]) => localStorage.setItem(key!, '1'), [IDLE_MINUTES_KEY])
  await page.goto('/')
  await signIn(page, 'agent-silje')

  const kari = await sandboxCustomer('100001')
  await page.getByTestId('nav-search').click()
  await page.getByTestId('customer-search').fill('Nordmann')
  await page.getByTestId('customer-search').press('Enter')
  await expect(page.locator('[data-testid="customer-row"][data-customer-number="100001"]')).toBeVisible()
  await expect(page.locator('body')).toContainText(kari.firstName)
  // Unsent input: typed, never submitted.
  const unsent = 'Nordmann Kari, Tromsø (ikke sendt)'
  await page.getByTestId('customer-search').fill(unsent)

  // One minute: the warning covers the last 30 s and counts down.
  await page.clock.fastForward(31_000)
  const warning = page.getByTestId('idle-warning')
  await expect(warning).toBeVisible()
  await expect(warning).toHaveAttribute('role', 'alertdialog')
  const first = Number(await page.getByTestId('idle-countdown').getAttribute('data-seconds'))
  expect(first).toBeGreaterThan(0)
  expect(first).toBeLessThanOrEqual(30)
  await page.clock.fastForward(2_000)
  await expect.poll(async () => Number(await page.getByTestId('idle-countdown').getAttribute('data-seconds'))).toBeLessThan(first)

  await page.clock.fastForward(30_000)
  const lock = page.getByTestId('lock-screen')
  await expect(lock).toBeVisible()
  await expect(warning).toHaveCount(0)
  // Signed out in main: the renderer's state (answered by main) offers Sign in, under the lock.
  await expect(page.getByTestId('sign-in')).toBeAttached()
  await expect(page.getByTestId('signed-in-agent')).toHaveCount(0)

  // Nothing personal in what the page shows or reads out.
  const text = await page.locator('body').innerText()
  for (const personal of [kari.firstName, kari.lastName, ...kari.emails, 'Silje']) expect(text).not.toContain(personal)
  await expect(page.getByTestId('customer-row').first()).toBeHidden()
  await expect(page.getByTestId('customer-search')).toBeHidden()
  expect(await page.locator('#app').getAttribute('inert')).not.toBeNull()
  expect(await page.locator('#app').getAttribute('aria-hidden')).toBe('true')
  const snapshot = await page.locator('body').ariaSnapshot()
  expect(snapshot).not.toContain(kari.lastName)
  expect(snapshot).toContain('Sign in again')
  // Escape does not open the app underneath.
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
  await expect(lock).toBeVisible()

  // Another agent signs in: unlocked, told so, and the typed text is where it was.
  const before = (await openedUrls(page)).filter((u) => /\/oauth\/authorize\?/.test(u)).length
  await page.getByTestId('lock-sign-in').click()
  await approveNextSignIn(page, before, 'erik')
  await expect(lock).toHaveCount(0)
  await expect(page.getByTestId('signed-in-agent')).toContainText('Erik')
  await expect(page.getByTestId('toast-region')).toContainText(/Erik.*is now signed in; the console was locked for Silje/)
  await expect(page.getByTestId('customer-search')).toBeVisible()
  await expect(page.getByTestId('customer-search')).toHaveValue(unsent)
  expect(await page.locator('#app').getAttribute('inert')).toBeNull()
})
