import { afterEach, describe, expect, it } from 'vitest'
import { createPaymentReturns } from '../../../src/core/invoices/payment-return.ts'
import type { PaymentReturns } from '../../../src/core/invoices/payment-return.ts'
import { PAYMENT_OUTCOME_UNKNOWN, createPaymentService } from '../../../src/core/invoices/payments.ts'
import { AppError } from '../../../src/shared/errors.ts'
import { fakeHttp } from './support/fake-http.ts'
import type { Scripted } from './support/fake-http.ts'

const PAY = 'POST /v1/api/payment/invoice'
const request = {
  customerNumber: '100001',
  invoiceNumber: '7435368',
  productCode: 'AP001',
  companyCode: '68979834',
  paymentMethod: 'creditcardPayex',
} as const

let returns: PaymentReturns
afterEach(async () => {
  await returns?.close()
})

function service(answer: Scripted) {
  const http = fakeHttp({ [PAY]: answer })
  const opened: string[] = []
  returns = createPaymentReturns()
  const payments = createPaymentService({
    api: http.client,
    connect: { loginUrl: 'https://connectid.no/user/', clientId: 'client id&x' },
    returns,
    opener: { open: async (url) => void opened.push(url) },
  })
  return { payments, http, opened }
}

describe('invoice payment', () => {
  it('sends the documented body once and builds the documented payment link', async () => {
    const { payments, http, opened } = service({ body: { success: true, transactionId: 12378954 } })
    const started = await payments.pay(request)
    expect(http.sent).toHaveLength(1)
    expect(http.sent[0]).toMatchObject({
      json: { invoiceNumber: '7435368', productCode: 'AP001', companyCode: '68979834', paymentMethod: 'creditcardPayex' },
      query: { customerNumber: '100001' },
      write: true,
    })
    expect(started.transactionId).toBe('12378954')
    const link = new URL(started.paymentUrl)
    expect(`${link.origin}${link.pathname}`).toBe('https://connectid.no/user/payment/invoice/pay')
    expect([...link.searchParams.keys()]).toEqual(['clientId', 'returnUrl', 'errorUrl', 'transactionId'])
    expect(link.searchParams.get('clientId')).toBe('client id&x')
    expect(link.searchParams.get('returnUrl')).toBe(`http://127.0.0.1:${returns.port()}/payment/return/12378954`)
    expect(link.searchParams.get('errorUrl')).toBe(`http://127.0.0.1:${returns.port()}/payment/error/12378954`)
    expect(link.searchParams.get('transactionId')).toBe('12378954')
    expect(started.paymentUrl).toContain(`returnUrl=${encodeURIComponent(`http://127.0.0.1:${returns.port()}/payment/return/12378954`)}`)

    expect(await payments.openPaymentLink('12378954')).toEqual({ opened: true })
    expect(opened).toEqual([started.paymentUrl])
    expect(await payments.result('12378954', 0)).toEqual({ transactionId: '12378954', status: 'pending', receivedAt: null })
  })

  it('re-checks the documented limits: VALIDATION and nothing sent', async () => {
    const { payments, http } = service({ body: { success: true, transactionId: 1 } })
    for (const bad of [
      { ...request, invoiceNumber: '12345678901' },
      { ...request, productCode: 'P'.repeat(13) },
      { ...request, companyCode: 'C'.repeat(13) },
      { ...request, paymentMethod: 'cash' },
      { ...request, customerNumber: '12a' },
    ]) {
      await expect(payments.pay(bad as typeof request)).rejects.toMatchObject({ code: 'VALIDATION' })
    }
    expect(http.sent).toHaveLength(0)
    expect(returns.port()).toBeNull()
  })

  it('an unclear outcome says so in the payment words, and keeps the HTTP status', async () => {
    const { payments, http } = service({ error: new AppError('OUTCOME_UNKNOWN', 'Connect failed…', { provider: 'connect', httpStatus: 503 }) })
    const error = await payments.pay(request).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN', httpStatus: 503, provider: 'connect' })
    expect((error as Error).message).toBe(`Connect did not confirm the invoice payment (HTTP 503). ${PAYMENT_OUTCOME_UNKNOWN}`)
    expect(http.sent).toHaveLength(1)
    expect(returns.port()).toBeNull()
  })

  it('success:false, or no transactionId, is PROVIDER_ERROR; other errors pass through', async () => {
    await expect(service({ body: { success: false } }).payments.pay(request)).rejects.toMatchObject({ code: 'PROVIDER_ERROR' })
    await expect(service({ body: { success: true } }).payments.pay(request)).rejects.toMatchObject({ code: 'PROVIDER_ERROR' })
    const refused = new AppError('AUTH_REQUIRED', 'Connect did not accept…', { httpStatus: 401 })
    await expect(service({ error: refused }).payments.pay(request)).rejects.toBe(refused)
  })

  it('a transaction this console did not start is NOT_FOUND for the link and the result', async () => {
    const { payments, opened } = service({ body: { success: true, transactionId: 1 } })
    await expect(payments.openPaymentLink('999')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(payments.result('999', 0)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(opened).toEqual([])
  })
})
