/**
 * After a whole session on the REAL sandbox (sign-in, search, lookups at every provider, invoices, a
 * rename, an archive, a payment, recent lookups, the audit log), no file in the data folder (the
 * settings, the lookup cache, the audit log, their -wal and -shm) holds, as raw bytes, a customer's
 * name, email or phone, a token id, a display name, the agent's reason, the sandbox's client secret or
 * merchant token, or any access or refresh token it issued, neither while running nor after dispose.
 */
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import type { TokenListing } from '../../../../src/shared/domain.ts'
import { approveInBrowser, issuedTokens, startRuntime } from './support.ts'

const CUSTOMERS = ['100001', '100002', '100003']
const REASON = 'Kunden ba om det i telefonen'
const NEW_NAME = 'Karis reisekort'

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

function scan(dir: string, needles: string[]): { files: string[]; found: string[] } {
  const files = filesUnder(dir)
  const bytes = files.map((file) => readFileSync(file))
  return { files, found: needles.filter((needle) => bytes.some((content) => content.includes(needle))) }
}

it('finds no plaintext customer data, token id, display name, reason or secret in any file of the data folder', async () => {
  const t = await startRuntime()
  let cleanedUp = false
  try {
    const sandbox = t.sandboxes[0]!
    const signIn = t.call('auth:signIn', {})
    await approveInBrowser(await t.openedUrl(/\/oauth\/authorize\?/), 'silje')
    expect(await signIn).toMatchObject({ ok: true, data: { signedIn: true } })

    await t.data('customers:search', { query: 'Nordmann' })
    const listings: TokenListing[] = []
    for (const customerNumber of CUSTOMERS) {
      await t.data('customers:get', { customerNumber })
      listings.push(await t.data('tokens:list', { customerNumber }))
      listings.push(await t.data('tokens:list', { customerNumber, includeArchived: true }))
    }
    await t.data('products:list', {})
    await t.data('invoices:list', { customerNumber: '100001', productCode: 'AP001' })
    const visa = listings[0]!.tokens.find((token) => token.provider === 'swedbankpay' && token.state === 'Active')!
    await t.data('tokens:rename', { provider: 'swedbankpay', token: visa.token, tokenType: visa.tokenType, displayName: NEW_NAME })
    await t.data('tokens:archive', { provider: 'swedbankpay', payerReference: '100001', token: visa.token, tokenType: visa.tokenType, reason: REASON })
    listings.push(await t.data('tokens:list', { customerNumber: '100001', includeArchived: true }))
    await t.data('invoices:pay', { customerNumber: '100001', invoiceNumber: '7435368', productCode: 'AP001', companyCode: '68979834', paymentMethod: 'nexi' })
    expect((await t.data('localData:recent', {})).length).toBe(3)
    expect((await t.data('audit:list', {})).total).toBeGreaterThanOrEqual(4)

    const customers = sandbox.state.data.customers.filter((c) => CUSTOMERS.includes(String(c.customerNumber)))
    expect(customers).toHaveLength(3)
    const tokens = listings.flatMap((listing) => listing.tokens)
    expect(tokens.length).toBeGreaterThan(5)
    const needles = [
      ...customers.flatMap((c) => [c.firstName, c.lastName, c.middleName, c.companyName, c.invoiceEmailAddress, ...c.emails, ...c.phoneNumbers]),
      ...tokens.flatMap((token) => [token.token, token.displayName]),
      NEW_NAME,
      REASON,
      'silje.haugen@kundeservice.example.no',
      ...issuedTokens(sandbox),
    ].filter((value): value is string => typeof value === 'string' && value.length >= 4)
    expect(issuedTokens(sandbox).length).toBeGreaterThanOrEqual(4) // client secret, merchant token, the agent's tokens

    const live = scan(t.dir, [...needles, '100001'])
    // The scan sees the cache, its WAL and the audit log: customer numbers are stored in clear on purpose.
    expect(live.files.map((file) => file.slice(t.dir.length))).toEqual(
      expect.arrayContaining(['/cache/lookups.sqlite', '/cache/lookups.sqlite-wal', '/audit-log.sqlite']),
    )
    expect(live.found).toEqual(['100001'])

    await t.close({ keepDir: true })
    cleanedUp = true
    expect(scan(t.dir, needles).found).toEqual([])
  } finally {
    if (!cleanedUp) await t.close({ keepDir: true })
    rmSync(t.dir, { recursive: true, force: true })
  }
})
