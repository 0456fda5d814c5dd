import { expect, type Page } from '@playwright/test'

/** The embedded sandbox the dev host started for this run (see playwright.config.ts). */
export const sandboxUrl = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT}`

async function sandboxJson<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${sandboxUrl}/__sandbox/${path}`, init)
  if (!response.ok) throw new Error(`sandbox ${path}: HTTP ${response.status}`)
  return (await response.json()) as T
}

export async function resetSandbox(): Promise<void> {
  await sandboxJson('reset', { method: 'POST' })
}

export interface SandboxToken {
  token: string
  tokenType: string
  state: string
  displayName?: string
  archiveReason?: string
  archivedBy?: string
}

/** The sandbox's own record of a payer's Swedbank Pay tokens: the truth the screen must match. */
export async function sandboxPayerTokens(payerReference: string): Promise<SandboxToken[]> {
  const body = await sandboxJson<{ tokens?: SandboxToken[] }>(`payers/${encodeURIComponent(payerReference)}`)
  return body.tokens ?? []
}

/** Every family's tokens of a Connect customer, as the sandbox holds them. */
export async function sandboxCustomerTokens(customerNumber: string): Promise<Record<string, unknown>> {
  return sandboxJson(`customers/${encodeURIComponent(customerNumber)}/tokens`)
}

export async function sandboxTransactions(): Promise<unknown> {
  return sandboxJson('transactions')
}

/** URLs the console asked "the system browser" to open (the dev host records them). */
export async function openedUrls(page: Page): Promise<string[]> {
  const secret = await page.locator('meta[name="console-bridge"]').getAttribute('content')
  const response = await page.request.get('/__dev/opened-urls', { headers: { 'x-console-bridge': secret ?? '' } })
  expect(response.ok()).toBe(true)
  const body = (await response.json()) as { urls?: string[] } | string[]
  return Array.isArray(body) ? body : (body.urls ?? [])
}

/** Waits for the console to open a URL matching `pattern` in the system browser, and returns it. */
export async function waitForOpenedUrl(page: Page, pattern: RegExp): Promise<string> {
  let found: string | undefined
  await expect
    .poll(async () => {
      found = (await openedUrls(page)).findLast((url) => pattern.test(url))
      return found
    })
    .toBeTruthy()
  return found!
}

/** Signs in through the sandbox's ConnectID authorize page, opened in a second tab as the system browser. */
export async function signIn(page: Page, agentTestId = 'agent-silje'): Promise<void> {
  // The dev host keeps one session across tests: start from signed out, whatever came before.
  await expect(page.getByTestId('sign-in').or(page.getByTestId('signed-in-agent'))).toBeVisible()
  if (await page.getByTestId('signed-in-agent').isVisible()) await page.getByTestId('sign-out').click()
  await page.getByTestId('sign-in').click()
  const authorizeUrl = await waitForOpenedUrl(page, /\/oauth\/authorize\?/)
  const browser = await page.context().newPage()
  await browser.goto(authorizeUrl)
  await browser.locator(`[data-testid^="${agentTestId}"]`).first().click()
  await expect(browser.locator('body')).toContainText(/close this (tab|window)/i)
  await browser.close()
  await expect(page.getByTestId('signed-in-agent')).toBeVisible()
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: false })
}
