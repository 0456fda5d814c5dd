/** The profile-scoped binding of the lookup cache, on a real node:sqlite file. */
import { describe, expect, it } from 'vitest'
import { bindProfileCache, toRecentLookup } from '../../../../src/core/cache/profile-cache.ts'
import { createLogger, memorySink } from '../../../../src/core/log.ts'
import type { Customer } from '../../../../src/shared/domain.ts'
import { useTempCache } from '../support/cache.ts'

const temp = useTempCache()

const person = (customerNumber: string, firstName: string, lastName: string, email: string): Customer => ({
  customerNumber,
  firstName,
  middleName: null,
  lastName,
  companyName: null,
  emails: [email],
  phoneNumbers: [],
  payerReference: customerNumber,
})
const company: Customer = { ...person('300', '', '', 'post@fjord.example'), firstName: null, lastName: null, companyName: 'Fjord Media AS' }

describe('ProfileCache', () => {
  it("keeps each profile's entries apart and lists its cached customers newest first, filtered in memory", async () => {
    const sandbox = temp.binding('sandbox')
    const test = temp.binding('test')
    sandbox.put('customer', '100', '100', person('100', 'Åse', 'Øvrebø', 'ase@example.test'))
    await new Promise((resolve) => setTimeout(resolve, 5))
    sandbox.put('customer', '300', '300', company)
    sandbox.put('tokens', 'swedbankpay:100::active', '100', [])
    test.put('customer', '200', '200', person('200', 'Ola', 'Nordmann', 'ola@example.test'))

    expect(sandbox.get('customer', '200')).toBeNull()
    expect(test.get('customer', '200')?.value).toMatchObject({ lastName: 'Nordmann' })
    expect(sandbox.recentCustomers(undefined, 10).map((entry) => entry.customer.customerNumber)).toEqual(['300', '100'])
    expect(sandbox.recentCustomers('åSE øVREBØ', 10).map((entry) => entry.customer.customerNumber)).toEqual(['100'])
    expect(sandbox.recentCustomers('fjord media', 10).map((entry) => toRecentLookup(entry))).toEqual([
      { customerNumber: '300', name: 'Fjord Media AS', email: 'post@fjord.example', cachedAt: expect.any(String) },
    ])
    expect(sandbox.recentCustomers('', 1)).toHaveLength(1)
  })

  it('skips a cached value that is no customer, and never throws when the cache is closed or missing', () => {
    const sink = memorySink()
    const sandbox = temp.binding('sandbox')
    sandbox.put('customer', '1', '1', { not: 'a customer' })
    expect(sandbox.recentCustomers(undefined, 10)).toEqual([])

    const missing = bindProfileCache(() => null, 'sandbox', createLogger({ sinks: [sink] }))
    expect(missing.get('customer', '1')).toBeNull()
    missing.put('customer', '1', '1', {})
    expect(missing.recentCustomers(undefined, 5)).toEqual([])

    const broken = bindProfileCache(() => {
      throw new Error('database is closed')
    }, 'sandbox', createLogger({ sinks: [sink] }))
    expect(broken.get('customer', '1')).toBeNull()
    expect(() => broken.put('customer', '1', '1', {})).not.toThrow()
    expect(broken.recentCustomers('x', 5)).toEqual([])
    expect(sink.text()).toContain('lookup cache write failed')
  })
})
