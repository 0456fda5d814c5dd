import type { Page } from '@playwright/test'

/** The embedded sandbox the dev host started for this run (see playwright.config.ts). */
export const sandboxUrl = `http://127.0.0.1:${process.env.E2E_SANDBOX_PORT}`

export async function resetSandbox(): Promise<void> {
  const response = await fetch(`${sandboxUrl}/__sandbox/reset`, { method: 'POST' })
  if (!response.ok) throw new Error(`sandbox reset failed: ${response.status}`)
}

export interface SandboxToken {
  token: string
  tokenType: string
  state: string
  archiveReason?: string
  archivedBy?: string
}

/** The sandbox's own record of a payer's Swedbank Pay tokens: the truth the screen must match. */
export async function sandboxPayerTokens(payerReference: string): Promise<SandboxToken[]> {
  const response = await fetch(`${sandboxUrl}/__sandbox/payers/${encodeURIComponent(payerReference)}`)
  if (!response.ok) throw new Error(`sandbox state failed: ${response.status}`)
  const body = (await response.json()) as { tokens?: SandboxToken[] } | SandboxToken[]
  return Array.isArray(body) ? body : (body.tokens ?? [])
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage: false })
}
