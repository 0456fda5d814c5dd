import { describe, expect, it } from 'vitest'
import { listEndpointRows } from '../../../src/core/endpoint-table.ts'

describe('the endpoint table', () => {
  const rows = listEndpointRows()

  it('every row has a method, a path, a status and a source; names are unique per API', () => {
    expect(rows.length).toBeGreaterThanOrEqual(28)
    for (const row of rows) {
      expect(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']).toContain(row.method)
      expect(row.path.startsWith('/')).toBe(true)
      expect(['confirmed', 'assumed']).toContain(row.status)
      expect(row.source.length).toBeGreaterThan(2)
    }
    expect(new Set(rows.map((row) => `${row.api} ${row.name}`)).size).toBe(rows.length)
  })

  it('marks the client-mode token calls, their removals and Pay invoice as assumed; the documented client endpoints as confirmed', () => {
    const status = (name: string) => rows.find((row) => row.name === name)?.status
    for (const name of ['payexTokens', 'payexTokenRemove', 'klarnaTokens', 'klarnaTokenRemove', 'vippsAgreements', 'vippsAgreementRemove', 'nexiSubscriptions', 'nexiSubscriptionRemove', 'payInvoice']) {
      expect([name, status(name)]).toEqual([name, 'assumed'])
    }
    for (const name of ['invoicesForProduct', 'products', 'token', 'invoicePaymentPage', 'renameToken', 'archiveAll', 'deleteRecurrenceToken', 'deletePayerOwnedTokens']) {
      expect([name, status(name)]).toEqual([name, 'confirmed'])
    }
  })

  it('lists every path the console calls, on the right base', () => {
    const keys = rows.map((row) => `${row.api} ${row.method} ${row.path}`)
    expect(keys).toEqual(
      expect.arrayContaining([
        'connectid POST /oauth/token',
        'connectid GET /payment/invoice/pay',
        'connectid GET /oauth/authorize',
        'connect GET /v1/customer/profile',
        'connect GET /v1/api/payment/payex/token',
        'connect PATCH /v1/api/payment/payex/token',
        'connect GET /v1/customer/payment/klarna/token',
        'connect PATCH /v1/customer/payment/vipps/agreement',
        'connect PATCH /v1/api/payment/nexi/subscription',
        'connect GET /v1/client/product',
        'connect GET /v1/client/customer/invoice/payment/{customerNumber}/{productCode}',
        'connect POST /v1/api/payment/invoice',
        'swedbankpay PATCH /online/payers/tokens/{token}-{tokenType}/displaynames',
        'swedbankpay PATCH /online/payers/{payerReference}/archives',
        'swedbankpay PATCH /psp/paymentorders/paymentTokens/{token}',
        'swedbankpay PATCH /psp/paymentorders/unscheduledTokens/{token}',
        'swedbankpay GET /psp/paymentorders/payerownedtokens/{payerReference}',
      ]),
    )
  })
})
