/**
 * After a real session (sign-in, lookups of 100001 and 100002, an archive, a rename, an invoice payment started,
 * an export), no file of the console's data folder holds a looked-up customer's personal data, a token id, a
 * display name or any secret of the session in plaintext (UTF-8, UTF-16LE, or merely hex/base64-encoded). Self-checks
 * prove the scan would catch a leak: it finds the ids in the revealed export, and planted UTF-16LE / base64 copies.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { keyedRows, readExport } from './csv.ts'
import { defaultKeys, exportThrough } from './exports.ts'
import { customerNeedles, filesUnder, scan, secretNeedles, tokenNeedles } from '../support/leak-scan.ts'
import type { Needle } from '../support/leak-scan.ts'
import { openCustomer, resetSandbox, sandboxCustomer, sandboxCustomerTokens, sandboxSecrets, signIn } from './support.ts'

const CUSTOMERS = ['100001', '100002']
const REASON = 'Kunden ringte 14:05 og ba om sletting'
const RENAMED = 'Karis reisekort hytta'
const dataDir = (): string => resolve(process.env.E2E_DATA_DIR ?? '')

test.beforeEach(async () => {
  expect(process.env.E2E_DATA_DIR, 'E2E_DATA_DIR (playwright.config.ts)').toBeTruthy()
  await resetSandbox()
})

async function session(page: Page): Promise<{ revealedExport: string }> {
  await page.goto('/')
  await signIn(page)
  await openCustomer(page, 'Kari Nordmann', '100001')

  const active = () => page.locator('[data-testid="token-row"][data-provider="swedbankpay"][data-state="Active"]')
  const archived = (await active().first().getAttribute('data-token'))!
  await active().first().getByTestId('archive-button').click()
  await page.getByTestId('archive-reason').fill(REASON)
  await page.getByTestId('archive-confirm').click()
  await expect(page.locator(`[data-testid="token-row"][data-token="${archived}"]`)).toHaveAttribute('data-state', 'Archived')

  const renamed = (await active().first().getAttribute('data-token'))!
  await active().first().getByTestId('row-menu-button').click()
  await page.getByTestId('rename-button').click()
  await page.getByTestId('rename-input').fill(RENAMED)
  await page.getByTestId('rename-confirm').click()
  await expect(page.locator(`[data-testid="token-row"][data-token="${renamed}"]`)).toContainText(RENAMED)

  const revealed = await exportThrough(page, 'export-tokens', 'tokens', { delimiter: ';', bom: true, reveal: true })

  await page.getByTestId('invoices-tab').click()
  await page.getByTestId('invoice-product').fill('AP001')
  await page.getByTestId('invoice-load').click()
  const unpaid = page.locator('[data-testid="invoice-row"][data-status="unpaid"]').first()
  await unpaid.getByTestId('pay-button').click()
  await page.getByTestId('pay-method').selectOption('creditcardPayex')
  await page.getByTestId('pay-confirm').click()
  await expect(page.getByTestId('payment-link')).toHaveValue(/\/payment\/invoice\/pay\?/)
  await page.getByTestId('pay-cancel').click()

  await openCustomer(page, 'Ola Nordmann', '100002')
  await page.getByTestId('nav-recent').click()
  for (const customer of CUSTOMERS) {
    await expect(page.locator(`[data-testid="recent-row"][data-customer-number="${customer}"]`)).toBeVisible()
  }
  return { revealedExport: revealed.path }
}

async function needles(): Promise<Needle[]> {
  const all: Needle[] = [{ label: 'archive reason', value: REASON }, ...secretNeedles(await sandboxSecrets())]
  for (const number of CUSTOMERS) {
    all.push(...customerNeedles(await sandboxCustomer(number)), ...tokenNeedles(number, await sandboxCustomerTokens(number)))
  }
  return all
}

test('the data folder holds no plaintext customer data or secret after a session', async ({ page }, testInfo) => {
  const startedAt = Date.now()
  const { revealedExport } = await session(page)
  const all = await needles()
  const labels = new Set(all.map((needle) => needle.label))
  for (const expected of ['client secret', 'merchant token', 'access token', 'refresh token', 'customer 100001 email', 'customer 100002 phone']) {
    expect(labels, expected).toContain(expected)
  }
  expect(all.some((needle) => needle.value === RENAMED), 'the renamed display name, from the sandbox state').toBe(true)

  // The folder is the console's own, and it was written during this session.
  const files = filesUnder(dataDir())
  const names = files.map((file) => relative(dataDir(), file))
  expect(names).toContain('settings.json')
  const databases = files.filter((file) => scan([file], [{ label: 'sqlite', value: 'SQLite format 3\0' }]).length > 0)
  expect(databases.length, `a SQLite database among ${names.join(', ')}`).toBeGreaterThan(0)
  expect(files.some((file) => statSync(file).mtimeMs >= startedAt - 1_000), 'a file written during the session').toBe(true)

  // The scan itself.
  const hits = scan(files, all).map((hit) => `${hit.label} in ${relative(dataDir(), hit.file)} (${hit.encoding})`)
  expect(hits, `plaintext found in ${dataDir()}`).toEqual([])

  // Self-checks: the same scan finds the ids in the revealed export, and planted copies in other encodings.
  const exported = keyedRows(readExport(readFileSync(revealedExport), { bom: true, delimiter: ';' }), defaultKeys('tokens'))
  expect(exported.length).toBeGreaterThan(4)
  for (const row of exported) {
    expect(scan([revealedExport], [{ label: 'id', value: row.token! }]), `${row.provider} id found in the export`).toHaveLength(1)
  }
  const email = all.find((needle) => needle.label === 'customer 100001 email')!
  const planted = testInfo.outputPath('planted.bin')
  writeFileSync(planted, Buffer.concat([Buffer.from([1, 2, 3]), Buffer.from(`<${email.value.toUpperCase()}>`, 'utf16le')]))
  expect(scan([planted], [email])).toEqual([{ file: planted, label: email.label, encoding: 'utf16le' }])
  const secret = all.find((needle) => needle.label === 'refresh token')!
  writeFileSync(planted, `{"x":"${secret.value}"}`)
  expect(scan([planted], all)).toContainEqual({ file: planted, label: 'refresh token', encoding: 'utf8' })
  writeFileSync(planted, JSON.stringify({ stored: Buffer.from(`{"refresh":"${secret.value}"}`).toString('base64') }))
  expect(scan([planted], all)).toContainEqual({ file: planted, label: 'refresh token', encoding: 'base64' })
})
