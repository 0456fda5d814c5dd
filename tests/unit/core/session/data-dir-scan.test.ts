/**
 * After a whole session on the REAL sandbox (sign-in, search, lookups at every provider, invoices, a
 * rename, an archive, a payment, recent lookups, the audit log), no file in the data folder (the
 * settings, the lookup cache, the audit log, their -wal and -shm) holds a customer's name, email or phone,
 * a token id, a display name, the agent's reason, the sandbox's client secret or merchant token, or any
 * access or refresh token it issued, neither while running nor after dispose: not in UTF-8, UTF-16LE, hex
 * or base64 (the shared scanner, tests/support/leak-scan.ts).
 */
import { rmSync } from 'node:fs'
import { expect, it } from 'vitest'
import type { TokenListing } from '../../../../src/shared/domain.ts'
import { customerNeedles, describeHits, filesUnder, needlesOf, scan } from '../../../support/leak-scan.ts'
import { approveInBrowser, issuedTokens, startRuntime } from './support.ts'

const CUSTOMERS = ['100001', '100002', '100003']
const REASON = 'Kunden ba om det i telefonen'
const NEW_NAME = 'Karis reisekort'

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
      ...customers.flatMap(customerNeedles),
      ...needlesOf('token id', tokens.map((token) => token.token)),
      ...needlesOf('display name', [...tokens.map((token) => token.displayName), NEW_NAME]),
      ...needlesOf('archive reason', [REASON]),
      ...needlesOf('agent email', ['silje.haugen@kundeservice.example.no']),
      ...needlesOf('secret', issuedTokens(sandbox)),
    ]
    expect(issuedTokens(sandbox).length).toBeGreaterThanOrEqual(4) // client secret, merchant token, the agent's tokens

    const files = filesUnder(t.dir)
    // The scan sees the cache, its WAL and the audit log: customer numbers are stored in clear on purpose.
    expect(files.map((file) => file.slice(t.dir.length))).toEqual(
      expect.arrayContaining(['/cache/lookups.sqlite', '/cache/lookups.sqlite-wal', '/audit-log.sqlite']),
    )
    const live = scan(files, [...needles, { label: 'customer number', value: '100001' }])
    expect([...new Set(live.map((hit) => hit.label))], describeHits(live).join('\n')).toEqual(['customer number'])

    await t.close({ keepDir: true })
    cleanedUp = true
    expect(describeHits(scan(filesUnder(t.dir), needles))).toEqual([])
  } finally {
    if (!cleanedUp) await t.close({ keepDir: true })
    rmSync(t.dir, { recursive: true, force: true })
  }
})
