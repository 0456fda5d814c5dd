import { describe, expect, it } from 'vitest'
import { CustomerListWire, CustomerWire } from '../../../src/core/connect/customer-reader.ts'

/** Connect "List customer info" (MC-REDOC Customer), as documented. */
const customerInfo = {
  customerNumber: 563457,
  name: { firstName: 'Kari', middleName: 'Olsen', lastName: 'Nordmann', companyName: null, departmentName: 'Sales' },
  phoneNumbers: [
    { phoneNumber: '+4791234567', phoneNumberType: 'personal' },
    { phoneNumber: '+4722334455', phoneNumberType: 'company' },
  ],
  emails: ['kari@example.no'],
  invoiceEmailAddress: 'invoice@example.no',
  attachedUsers: { uniqueId: 'u1', credentials: [{ credential: 'kari@example.no', credentialType: 'A_EMAIL_ADDRESS' }] },
}

describe('Connect customer reader', () => {
  it('reads customer info with an int customer number, nested name and phone objects', () => {
    expect(CustomerWire.parse(customerInfo)).toEqual({
      customerNumber: '563457',
      firstName: 'Kari',
      middleName: 'Olsen',
      lastName: 'Nordmann',
      companyName: null,
      emails: ['kari@example.no'],
      phoneNumbers: ['+4791234567', '+4722334455'],
      payerReference: '563457',
    })
  })

  it('reads a string customer number, plain phone strings and the profile-style top-level companyName', () => {
    const customer = CustomerWire.parse({
      customerNumber: ' 000123 ',
      name: { firstName: 'Ola', lastName: '' },
      companyName: 'Avis AS',
      phoneNumbers: ['+4790000000', null, 7],
    })
    expect(customer).toMatchObject({
      customerNumber: '000123',
      firstName: 'Ola',
      lastName: null,
      companyName: 'Avis AS',
      phoneNumbers: ['+4790000000', '7'],
      emails: [],
      payerReference: '000123',
    })
  })

  it('tolerates a missing name, null lists and unknown fields', () => {
    expect(CustomerWire.parse({ customerNumber: 1, name: null, emails: null, phoneNumbers: 'n/a', x: 1 })).toMatchObject({
      customerNumber: '1',
      firstName: null,
      emails: [],
      phoneNumbers: [],
    })
  })

  it('refuses a customer without a usable customer number', () => {
    for (const customerNumber of [undefined, -1, 1.5, 'abc', '1234567890123']) {
      expect(CustomerWire.safeParse({ customerNumber }).success).toBe(false)
    }
  })

  it('reads search results as {customers:[…]} or a bare array, skipping unreadable items', () => {
    expect(CustomerListWire.parse({ customers: [customerInfo, { name: 'no number' }] })).toMatchObject({
      customers: [{ customerNumber: '563457' }],
      skipped: 1,
    })
    expect(CustomerListWire.parse([customerInfo]).customers).toHaveLength(1)
    expect(CustomerListWire.safeParse({ results: [] }).success).toBe(false)
  })
})
