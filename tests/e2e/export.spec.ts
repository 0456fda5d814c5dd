import { expect, test, type Page } from '@playwright/test'
import { maskTokenId } from '../../src/shared/masking.ts'
import { keyedRows, readExport } from './csv.ts'
import { defaultHeaders, defaultKeys, exportThrough } from './exports.ts'
import { openCustomer, resetSandbox, sandboxAgents, sandboxCustomerTokens, sandboxPayerTokens, screenshot, signIn } from './support.ts'
import { allTokenIds, asExported, expectedTokenRows, sortRows } from './token-oracle.ts'

const KARI = '100001'
const REASON = 'Customer asked to remove the card'

test.beforeEach(async () => {
  await resetSandbox()
})

/** Archives the first active Swedbank Pay token on screen; answers its id once the sandbox holds it archived. */
async function archiveOne(page: Page): Promise<string> {
  const row = page.locator('[data-testid="token-row"][data-provider="swedbankpay"][data-state="Active"]').first()
  const token = (await row.getAttribute('data-token'))!
  await row.getByTestId('archive-button').click()
  await page.getByTestId('archive-reason').fill(REASON)
  await page.getByTestId('archive-confirm').click()
  await expect(page.locator(`[data-testid="token-row"][data-token="${token}"]`)).toHaveAttribute('data-state', 'Archived')
  expect((await sandboxPayerTokens(KARI)).find((t) => t.token === token)?.state).toBe('Archived')
  return token
}

/** What the tokens export must hold, from the sandbox's own state after everything done so far. */
async function truth(columns: readonly string[], reveal: boolean) {
  const families = await sandboxCustomerTokens(KARI)
  // The Swedbank Pay tokens the inspection route lists are the Payer API's own records for payer 100001.
  expect((families.swedbankpay as unknown[]).length).toBe((await sandboxPayerTokens(KARI)).length)
  return { rows: asExported(expectedTokenRows(families, KARI), columns, reveal), ids: allTokenIds(families) }
}

/**
 * The audit view filtered to one action (all customers), once its rows show only that action (the unfiltered
 * view always holds other actions: the sign-in at least).
 */
async function filterAudit(page: Page, action: string): Promise<void> {
  await page.getByTestId('nav-audit').click()
  await expect(page).toHaveURL(/#\/audit$/)
  await page.getByTestId('audit-filter-customer').fill('')
  await page.getByTestId('audit-filter-action').selectOption(action)
  await expect(page.locator(`[data-testid="audit-row"]:not([data-action="${action}"])`)).toHaveCount(0)
  await expect(page.getByTestId('audit-total')).toBeVisible()
}

/** The number of entries matching the filter (the view's data-total). */
async function readTotal(page: Page): Promise<number> {
  const total = Number(await page.getByTestId('audit-total').getAttribute('data-total'))
  expect(Number.isInteger(total)).toBe(true)
  return total
}

const AUDITED = ['token.archive', 'export', 'reveal'] as const

test('tokens export round trip (masked, then revealed), audited, and the audit log exported and read back', async ({ page }) => {
  await page.goto('/')
  await signIn(page)
  const startedAt = Date.now() - 1_000
  const before: Record<string, number> = {}
  for (const action of AUDITED) {
    await filterAudit(page, action)
    before[action] = await readTotal(page)
  }

  await openCustomer(page, 'Kari Nordmann', KARI)
  const archived = await archiveOne(page)
  const keys = defaultKeys('tokens')

  // 1. Default columns, ';' and a BOM: token ids masked ("****" + last four).
  const masked = await exportThrough(page, 'export-tokens', 'tokens', { delimiter: ';', bom: true, reveal: false, screenshotName: 'export-dialog' })
  const first = readExport(masked.bytes, { bom: true, delimiter: ';' })
  expect(first.header).toEqual(defaultHeaders('tokens'))
  const expectedMasked = await truth(keys, false)
  expect(expectedMasked.rows.length).toBeGreaterThan(4)
  expect(masked.rows).toBe(expectedMasked.rows.length)
  expect(sortRows(keyedRows(first, keys))).toEqual(expectedMasked.rows)
  const maskedText = masked.bytes.toString('utf8')
  for (const id of expectedMasked.ids) expect(maskedText, `full id ${maskTokenId(id)} in a masked export`).not.toContain(id)
  expect(keyedRows(first, keys).find((row) => row.token === maskTokenId(archived))?.state).toBe('Archived')

  // 2. Revealed, ',' and no BOM: the full identifiers.
  const revealed = await exportThrough(page, 'export-tokens', 'tokens', { delimiter: ',', bom: false, reveal: true })
  const second = readExport(revealed.bytes, { bom: false, delimiter: ',' })
  expect(second.header).toEqual(defaultHeaders('tokens'))
  const expectedFull = await truth(keys, true)
  expect(sortRows(keyedRows(second, keys))).toEqual(expectedFull.rows)
  expect(keyedRows(second, keys).map((row) => row.token)).toContain(archived)

  // 3. The audit view: one archive, two exports and one reveal more than before.
  for (const [action, added] of [['token.archive', 1], ['export', 2], ['reveal', 1]] as const) {
    await filterAudit(page, action)
    await expect.poll(() => readTotal(page), action).toBe(before[action]! + added)
    await expect(page.locator(`[data-testid="audit-row"][data-action="${action}"][data-outcome="ok"]`).first()).toBeVisible()
    for (const row of await page.getByTestId('audit-row').all()) await expect(row).toHaveAttribute('data-action', action)
  }
  await page.getByTestId('audit-filter-action').selectOption({ index: 0 })
  await page.getByTestId('audit-filter-customer').fill(KARI)
  await expect(page.locator('[data-testid="audit-row"][data-action="token.archive"]').first()).toBeVisible()
  // Sign-ins name no customer: once they are gone, the list is Kari's.
  await expect(page.locator('[data-testid="audit-row"][data-action="auth.signIn"]')).toHaveCount(0)
  await screenshot(page, 'audit-log')
  const kariTotal = await readTotal(page)

  // 4. The audit log (filtered to Kari) exported and read back, cell by cell for what this test did.
  const silje = (await sandboxAgents()).find((agent) => agent.id === 'silje')!
  const audit = await exportThrough(page, 'export-audit', 'audit', { delimiter: ';', bom: true })
  const parsed = readExport(audit.bytes, { bom: true, delimiter: ';' })
  expect(parsed.header).toEqual(defaultHeaders('audit'))
  const entries = keyedRows(parsed, defaultKeys('audit'))
  expect(audit.rows).toBe(entries.length)
  // What the view counted, plus perhaps the audit export's own entry.
  expect(entries.length).toBeGreaterThanOrEqual(kariTotal)
  expect(entries.length).toBeLessThanOrEqual(kariTotal + 1)
  for (const row of entries) expect(row.customerNumber).toBe(KARI)
  const mine = (action: string) => entries.filter((row) => row.action === action && Date.parse(row.at!) >= startedAt)
  expect(mine('token.archive')).toEqual([
    expect.objectContaining({ agent: silje.userId, profile: 'sandbox', customerNumber: KARI, provider: 'swedbankpay', token: maskTokenId(archived), outcome: 'ok', errorCode: '' }),
  ])
  expect(mine('reveal')).toHaveLength(1)
  // The two token exports (the audit export itself may be recorded too, under no customer or this one).
  expect(mine('export').length).toBeGreaterThanOrEqual(2)
  expect(mine('export').length).toBeLessThanOrEqual(3)
  for (const row of [...mine('export'), ...mine('reveal')]) {
    expect(row).toMatchObject({ agent: silje.userId, profile: 'sandbox', customerNumber: KARI, outcome: 'ok', errorCode: '' })
  }
  // The audit log never holds a full token id.
  const auditText = audit.bytes.toString('utf8')
  for (const id of expectedFull.ids) expect(auditText, `full id ${maskTokenId(id)} in the audit export`).not.toContain(id)
})
