/**
 * A scripted agent session through the REAL runtime (createRuntime, the embedded sandbox over real HTTP, the
 * real dispatcher), with everything a leak could land in captured: every Result the dispatcher returned (what
 * the renderer receives over IPC), every log line (the logger has no file sink, so its memory sink is written to
 * a file the way a file sink would), every file of the data folder, every exported CSV. Exports go through a
 * FolderSaveDialog into a folder of their own, outside the data folder.
 */
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, vi } from 'vitest'
import { FolderSaveDialog } from '../../../../src/core/platform/node-dialog.ts'
import type { SecretCipher } from '../../../../src/core/platform/ports.ts'
import type { SandboxHandle } from '../../../../src/sandbox/index.ts'
import type { TokenListing } from '../../../../src/shared/domain.ts'
import { EXPORT_COLUMNS } from '../../../../src/shared/export-columns.ts'
import { customerNeedles, needlesOf, secretNeedles, tokenNeedles } from '../../../support/leak-scan.ts'
import type { CustomerRecord, Needle, SessionSecrets } from '../../../support/leak-scan.ts'
import { approveInBrowser, startRuntime } from '../session/support.ts'

export const CUSTOMERS = ['100001', '100002']
export const REASON = 'Kunden ringte 14:05 og ba om sletting av kortet'
export const RENAMED = 'Karis reisekort til hytta'
/** Settings of the test profile (never activated here: only its secrets are stored). */
const TEST_PROFILE = {
  connect: { apiUrl: 'https://api-test.example.no/capi', loginUrl: 'https://login-test.example.no/user', clientId: 'support-console-test' },
  swedbankPay: { apiUrl: 'https://api.externalintegration.payex.com' },
  payerReferenceTemplate: '{customerNumber}',
}

export async function startConsole(options: { cipher?: SecretCipher } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'secrets-scan-'))
  const dataDir = join(root, 'data')
  const exportDir = join(root, 'exports')
  const captureDir = join(root, 'capture')
  for (const dir of [dataDir, exportDir, captureDir]) mkdirSync(dir)
  const started = await startRuntime({
    dir: dataDir,
    dialog: new FolderSaveDialog(exportDir),
    ...(options.cipher === undefined ? {} : { cipher: options.cipher }),
  })
  const { sink, results, opener, call, data, sandboxes } = started
  const sandbox = (): SandboxHandle => {
    const running = sandboxes[0]
    if (running === undefined) throw new Error('the embedded sandbox did not start')
    return running
  }
  const sandboxJson = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${sandbox().url}/__sandbox/${path}`)
    if (!response.ok) throw new Error(`sandbox ${path}: HTTP ${response.status}`)
    return (await response.json()) as T
  }
  const running = started.runtime
  return {
    root,
    dataDir,
    exportDir,
    captureDir,
    sink,
    results,
    opener,
    call,
    data,
    sandbox,
    sandboxJson,
    /** What the renderer received, as one file: every Result, serialised as it crosses IPC (structured clone of JSON data). */
    writeResults: (): string => {
      const file = join(captureDir, 'ipc-results.json')
      writeFileSync(file, JSON.stringify(results, null, 1))
      return file
    },
    /** The log as a file sink would have written it: one formatted line per record. */
    writeLog: (): string => {
      const file = join(captureDir, 'console.log')
      writeFileSync(file, `${sink.text()}\n`)
      return file
    },
    dispose: () => running.dispose(),
    remove: () => rmSync(root, { recursive: true, force: true }),
  }
}

export type ConsoleUnderTest = Awaited<ReturnType<typeof startConsole>>

export interface SessionRecord {
  listings: TokenListing[]
  /** The Swedbank Pay token archived during the session (the token export lists active tokens only). */
  archived: string
  /** Whether profiles:setSecret stored the client secret and the merchant token (encrypted) for the test profile. */
  secretsStored: boolean[]
  /** The masked and the revealed token export of CUSTOMERS[0]. */
  exports: { masked: string; revealed: string }
}

async function openedUrl(c: ConsoleUnderTest, pattern: RegExp): Promise<string> {
  let found: string | undefined
  await vi.waitFor(() => {
    found = c.opener.opened.findLast((url) => pattern.test(url))
    expect(found).toBeDefined()
  })
  return found!
}

/** Exports CUSTOMERS[0]'s tokens (every allow-listed column) and moves the file to `<name>.csv`, so the next export cannot overwrite it. */
async function exportTokens(c: ConsoleUnderTest, name: string, reveal: boolean): Promise<string> {
  const outcome = await c.data('exports:csv', {
    exportId: `secrets-scan-${name}`,
    source: { table: 'tokens', customerNumber: CUSTOMERS[0]! },
    columns: EXPORT_COLUMNS.tokens.map((column) => column.key),
    delimiter: ';',
    bom: true,
    reveal,
  })
  if (outcome.status !== 'saved') throw new Error(`the ${name} export was cancelled`)
  const file = join(c.exportDir, `${name}.csv`)
  renameSync(outcome.path, file)
  return file
}

/**
 * Sign-in as a demo agent (the sandbox's authorize page, as the system browser would post it), the session's client
 * secret and merchant token saved as the test profile's secrets, customer search and
 * lookups at every provider, products and invoices, a rename and an archive at Swedbank Pay, an invoice payment
 * started, recent lookups, the audit log, a masked and a revealed CSV export; `beforeSignOut` runs while the session
 * is at its fullest (cache and WAL written), then the agent signs out.
 */
export async function runSession(c: ConsoleUnderTest, beforeSignOut: () => void = () => undefined): Promise<SessionRecord> {
  const signIn = c.call('auth:signIn', {})
  const approved = await approveInBrowser(await openedUrl(c, /\/oauth\/authorize\?/), 'silje')
  expect(approved.status).toBe(200)
  expect(await signIn).toMatchObject({ ok: true, data: { signedIn: true } })

  // The sandbox profile keeps its secrets in memory; store the session's real ones for the test profile too, so
  // the scan also covers secrets at rest (encrypted into settings.json, or refused without secure storage).
  await c.data('profiles:save', { id: 'test', settings: TEST_PROFILE })
  const { clientSecret, merchantToken } = c.sandbox().credentials
  const stored: boolean[] = []
  for (const [name, value] of [['connectClientSecret', clientSecret], ['swedbankPayAccessToken', merchantToken]] as const) {
    const result = await c.call('profiles:setSecret', { id: 'test', name, value })
    if (!result.ok) expect(result.error.code).toBe('ENCRYPTION_UNAVAILABLE')
    stored.push(result.ok)
  }

  expect((await c.data('customers:search', { query: 'Nordmann' })).length).toBeGreaterThan(1)
  const listings: TokenListing[] = []
  for (const customerNumber of CUSTOMERS) {
    await c.data('customers:get', { customerNumber })
    listings.push(await c.data('tokens:list', { customerNumber }))
    listings.push(await c.data('tokens:list', { customerNumber, includeArchived: true }))
  }
  await c.data('products:list', {})
  await c.data('invoices:list', { customerNumber: CUSTOMERS[0]!, productCode: 'AP001' })

  const active = listings[0]!.tokens.filter((token) => token.provider === 'swedbankpay' && token.state === 'Active')
  expect(active.length).toBeGreaterThanOrEqual(2)
  const [renamed, archived] = [active[0]!, active[1]!]
  await c.data('tokens:rename', { provider: 'swedbankpay', token: renamed.token, tokenType: renamed.tokenType, displayName: RENAMED })
  await c.data('tokens:archive', {
    provider: 'swedbankpay',
    payerReference: CUSTOMERS[0]!,
    token: archived.token,
    tokenType: archived.tokenType,
    reason: REASON,
  })
  listings.push(await c.data('tokens:list', { customerNumber: CUSTOMERS[0]!, includeArchived: true }))
  const payment = await c.data('invoices:pay', {
    customerNumber: CUSTOMERS[0]!,
    invoiceNumber: '7435368',
    productCode: 'AP001',
    companyCode: '68979834',
    paymentMethod: 'nexi',
  })
  expect(payment.paymentUrl).toMatch(/\/payment\/invoice\/pay\?/)
  await c.data('localData:recent', {})
  await c.data('localData:get', {})
  expect((await c.data('audit:list', {})).total).toBeGreaterThanOrEqual(4)

  const masked = await exportTokens(c, 'tokens-masked', false)
  const revealed = await exportTokens(c, 'tokens-revealed', true)

  beforeSignOut()
  expect(await c.data('auth:signOut', {})).toMatchObject({ signedIn: false })
  return { listings, archived: archived.token, secretsStored: stored, exports: { masked, revealed } }
}

/** The session's secrets (GET /__sandbox/secrets: expired, rotated and revoked ones too) and the PKCE verifiers seen. */
export async function sessionSecretNeedles(c: ConsoleUnderTest, verifiers: readonly string[]): Promise<Needle[]> {
  const secrets = await c.sandboxJson<SessionSecrets>('secrets')
  return [...secretNeedles(secrets), ...needlesOf('PKCE verifier', verifiers)]
}

/** The looked-up customers' personal data, token ids and display names (from the sandbox's raw records), and the archive reason. */
export async function customerDataNeedles(c: ConsoleUnderTest): Promise<Needle[]> {
  const needles: Needle[] = [...needlesOf('archive reason', [REASON]), ...needlesOf('display name', [RENAMED])]
  for (const customerNumber of CUSTOMERS) {
    needles.push(
      ...customerNeedles(await c.sandboxJson<CustomerRecord>(`customers/${customerNumber}`)),
      ...tokenNeedles(customerNumber, await c.sandboxJson<Record<string, unknown>>(`customers/${customerNumber}/tokens`)),
    )
  }
  return needles
}

export const readText = (file: string): string => readFileSync(file, 'utf8')
