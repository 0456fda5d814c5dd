import { expect, test, type Page } from '@playwright/test'
import { resetSandbox, sandboxPayerTokens, waitForOpenedUrl, PROVIDERS } from './support.ts'

/**
 * Keyboard first (issue 6 §2): the whole workflow with the keyboard alone. The test never touches the
 * mouse: page.mouse throws, page.click and friends are never called, and the page itself records any
 * trusted pointer event (there must be none). Focus is moved with locator.focus() only where a real
 * agent would Tab to (a row of the token table).
 */
const KARI = '100001'
const REASON = 'Customer asked by phone, keyboard only'

function forbidMouse(page: Page): void {
  const refuse = (): never => {
    throw new Error('keyboard-only: the mouse was used')
  }
  Object.defineProperty(page, 'mouse', { get: refuse })
  for (const method of ['click', 'dblclick', 'hover', 'tap', 'check', 'uncheck', 'dragAndDrop'] as const) {
    Object.defineProperty(page, method, { value: refuse })
  }
}

async function pointerEvents(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as { __pointerEvents: number }).__pointerEvents)
}

/** Ctrl+K, type, Enter: runs a command from the palette. */
async function palette(page: Page, text: string, command: string): Promise<void> {
  await page.keyboard.press('Control+k')
  const input = page.getByTestId('command-palette-input')
  await expect(input).toBeFocused()
  await page.keyboard.type(text)
  await expect(page.locator('[data-testid="command-option"][aria-selected="true"]')).toHaveAttribute('data-command-id', command)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('command-palette')).toHaveCount(0)
}

test.beforeEach(async ({ page }) => {
  await resetSandbox()
  await page.addInitScript(() => {
    // Runs in the page; typed loosely because this file is compiled without the DOM library.
    const target = globalThis as unknown as {
      __pointerEvents: number
      addEventListener(type: string, listener: (event: { isTrusted: boolean }) => void, capture: boolean): void
    }
    target.__pointerEvents = 0
    for (const type of ['pointerdown', 'mousedown', 'mousemove', 'wheel']) {
      target.addEventListener(type, (event) => {
        if (event.isTrusted) target.__pointerEvents++
      }, true)
    }
  })
  forbidMouse(page)
})

test('sign in, find Kari, archive a Swedbank Pay token, export, read the audit log: keyboard only', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByTestId('sign-in').or(page.getByTestId('signed-in-agent'))).toBeVisible()
  if (await page.getByTestId('signed-in-agent').isVisible()) {
    await palette(page, 'sign out', 'signOut')
    await expect(page.getByTestId('sign-in')).toBeVisible()
  }

  // The shortcuts help answers ? and closes with Esc, focus back where it was.
  await page.keyboard.press('Escape')
  await page.keyboard.press('Shift+?')
  await expect(page.getByTestId('customer-search')).toBeFocused()
  await expect(page.getByTestId('shortcuts-help')).toHaveCount(0)
  await page.keyboard.press('Tab')
  await page.keyboard.press('Shift+?')
  await expect(page.getByTestId('shortcuts-help')).toBeVisible()
  await expect(page.getByTestId('shortcut-row')).toHaveCount(9)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('shortcuts-help')).toHaveCount(0)

  // Sign in: the console opens the authorize page in "the system browser"; the agent picks themselves with Enter.
  await palette(page, 'sign in', 'signIn')
  const authorizeUrl = await waitForOpenedUrl(page, /\/oauth\/authorize\?/)
  const browser = await page.context().newPage()
  await browser.goto(authorizeUrl)
  await browser.locator('[data-testid^="agent-silje"]').first().press('Enter')
  await expect(browser.locator('body')).toContainText(/close this (tab|window)/i)
  await browser.close()
  await expect(page.getByTestId('signed-in-agent')).toBeVisible()

  // / focuses the search; Enter searches; ↓ into the results; Enter opens the customer.
  await page.keyboard.press('/')
  await expect(page.getByTestId('customer-search')).toBeFocused()
  await page.keyboard.type('Kari Nordmann')
  await page.keyboard.press('Enter')
  const kariRow = page.locator(`[data-testid="customer-row"][data-customer-number="${KARI}"]`)
  await expect(kariRow).toBeVisible()
  await page.keyboard.press('ArrowDown')
  await expect(kariRow).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`#/customers/${KARI}$`))
  for (const provider of PROVIDERS) {
    await expect(page.locator(`[data-testid="provider-status"][data-provider="${provider}"]`)).toHaveAttribute('data-status', 'loaded')
  }

  // The first active Swedbank Pay row (where the agent Tabs and arrows to), then `a`: the confirmation.
  const row = page.locator('[data-testid="token-row"][data-provider="swedbankpay"][data-state="Active"]').first()
  const token = (await row.getAttribute('data-token'))!
  await row.focus()
  await page.keyboard.press('a')
  await expect(page.getByTestId('archive-dialog')).toBeVisible()
  await expect(page.getByTestId('archive-reason')).toBeFocused()
  await page.keyboard.type(REASON)
  await expect(page.getByTestId('archive-confirm')).toBeEnabled()
  await page.keyboard.press('Control+Enter')
  await expect(page.locator(`[data-testid="token-row"][data-token="${token}"]`)).toHaveAttribute('data-state', 'Archived')
  const archived = (await sandboxPayerTokens(KARI)).find((candidate) => candidate.token === token)
  expect(archived?.state).toBe('Archived')
  expect(archived?.archiveReason).toBe(REASON)

  // Ctrl+E: the export dialog of the token table; Ctrl+Enter (from its first field) saves.
  await expect(page.getByTestId('archive-dialog')).toHaveCount(0)
  await page.keyboard.press('Control+e')
  await expect(page.getByTestId('export-dialog')).toBeVisible()
  await page.keyboard.press('Control+Enter')
  await expect(page.getByTestId('export-result')).toContainText(/Saved \d+ rows?/, { timeout: 15_000 })
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('export-dialog')).toHaveCount(0)

  // The audit log, through the palette: the archive is there.
  await palette(page, 'audit', 'goAudit')
  await expect(page).toHaveURL(/#\/audit$/)
  await expect(page.locator('[data-testid="audit-row"][data-action="token.archive"]').first()).toBeVisible()

  expect(await pointerEvents(page)).toBe(0)
})
