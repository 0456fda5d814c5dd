import { expect, type APIRequestContext, type Page } from '@playwright/test'

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

export interface SandboxCustomer {
  customerNumber: number
  firstName: string
  middleName: string | null
  lastName: string
  companyName: string | null
  emails: string[]
  phoneNumbers: string[]
  invoiceEmailAddress: string | null
}

/** The sandbox's raw customer record (names, emails, phone numbers). */
export async function sandboxCustomer(customerNumber: string): Promise<SandboxCustomer> {
  return sandboxJson(`customers/${encodeURIComponent(customerNumber)}`)
}

export interface SandboxSecrets {
  clientSecret: string
  merchantToken: string
  accessTokens: string[]
  refreshTokens: string[]
  authorizationCodes: string[]
}

/** Every secret of this sandbox session: credentials and every token issued so far. */
export async function sandboxSecrets(): Promise<SandboxSecrets> {
  return sandboxJson('secrets')
}

export async function sandboxAgents(): Promise<{ id: string; userId: string; name: string }[]> {
  return (await sandboxJson<{ agents: { id: string; userId: string; name: string }[] }>('agents')).agents
}

/**
 * Takes the embedded sandbox down (connection refused, a real outage) or brings it back, through the dev
 * host's guarded control route. Works without a page (afterEach): reads the bridge secret from the index.
 */
export async function setSandboxState(request: APIRequestContext, state: 'stopped' | 'running'): Promise<void> {
  const html = await (await request.get('/')).text()
  const secret = /<meta name="console-bridge" content="([^"]+)"/.exec(html)?.[1] ?? ''
  const response = await request.post('/__dev/sandbox', {
    headers: { 'x-console-bridge': secret, 'content-type': 'application/json' },
    data: JSON.stringify({ state }),
  })
  expect(response.status(), await response.text()).toBe(200)
  expect(await response.json()).toEqual({ state })
}

export const PROVIDERS = ['swedbankpay', 'payex', 'klarna', 'vipps', 'nexi'] as const

/** Searches, opens the customer and waits until every provider has answered. */
export async function openCustomer(page: Page, query: string, customerNumber: string): Promise<void> {
  await page.getByTestId('nav-search').click()
  await page.getByTestId('customer-search').fill(query)
  await page.getByTestId('customer-search').press('Enter')
  await page.locator(`[data-testid="customer-row"][data-customer-number="${customerNumber}"]`).click()
  for (const provider of PROVIDERS) {
    await expect(page.locator(`[data-testid="provider-status"][data-provider="${provider}"]`)).toHaveAttribute('data-status', 'loaded')
  }
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

/** Writes the README's screenshot `docs/screenshots/[<folder>/]<name>.png` (Playwright creates the folder). */
export async function screenshot(page: Page, name: string, folder?: string): Promise<void> {
  const dir = folder ? `docs/screenshots/${folder}` : 'docs/screenshots'
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: false })
}
