import { enableAutoUnmount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Invoice, PaymentResult, PaymentStarted } from '../../src/shared/domain.ts'
import type { Result } from '../../src/shared/errors.ts'
import {
  createFakeApi,
  deferred,
  fail,
  kariInvoices,
  invoiceListing,
  mountApp,
  ok,
  paidInvoice,
  settle,
  signedInApi,
  unpaidInvoice,
} from './support.ts'
import type { FakeApi } from './support.ts'
import { setLocale } from '../../src/renderer/src/i18n.ts'

enableAutoUnmount(afterEach)
afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

const started: PaymentStarted = {
  transactionId: 'tx-0001',
  paymentUrl: 'https://login.example/payment/invoice/pay?clientId=console&transactionId=tx-0001',
}
const result = (status: PaymentResult['status']): Result<PaymentResult> =>
  ok({ transactionId: started.transactionId, status, receivedAt: status === 'pending' ? null : '2026-11-21T10:00:00Z' })

async function openInvoices(api: FakeApi = signedInApi(), code = 'AVIS') {
  const mounted = await mountApp('/customers/100001', api)
  await mounted.wrapper.get('[data-testid="invoices-tab"]').trigger('click')
  await settle()
  await mounted.wrapper.get('[data-testid="invoice-product"]').setValue(code)
  await mounted.wrapper.get('[data-testid="invoice-load"]').trigger('click')
  await settle()
  return mounted
}

function invoiceRow(wrapper: VueWrapper, invoice: Pick<Invoice, 'invoiceNumber'>) {
  return wrapper.get(`[data-testid="invoice-row"][data-invoice-number="${invoice.invoiceNumber}"]`)
}

async function openPay(wrapper: VueWrapper, invoice: Pick<Invoice, 'invoiceNumber'> = unpaidInvoice) {
  await invoiceRow(wrapper, invoice).get('[data-testid="pay-button"]').trigger('click')
  await settle()
  return wrapper.get('[data-testid="pay-dialog"]')
}

describe('invoices tab', () => {
  it('loads products, lists invoices for the chosen product and formats them', async () => {
    const { wrapper, api } = await openInvoices()
    expect(api.products.list).toHaveBeenCalledTimes(1)
    expect(api.invoices.list).toHaveBeenCalledTimes(1)
    expect(api.invoices.list).toHaveBeenCalledWith({ customerNumber: '100001', productCode: 'AVIS' })
    const unpaid = invoiceRow(wrapper, unpaidInvoice)
    expect(unpaid.attributes('data-status')).toBe('unpaid')
    // English: Intl's English kroner and the system's English date order (en-US here).
    expect(unpaid.text()).toContain(new Intl.NumberFormat(navigator.language, { style: 'currency', currency: 'NOK' }).format(1234.5))
    expect(unpaid.text()).toContain(new Intl.DateTimeFormat(navigator.language, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2026, 9, 1)))
    expect(unpaid.get('[data-testid="invoice-status"]').text()).toBe('Unpaid')
    // Norwegian: "1 234,50 kr" (Intl's spaces are no-break spaces), DD.MM.YYYY, Norwegian words.
    setLocale('nb', false)
    await settle()
    const kroner = new Intl.NumberFormat('nb-NO', { style: 'currency', currency: 'NOK' }).format(1234.5)
    expect(kroner).toMatch(/^1\s234,50\skr$/)
    expect(unpaid.text()).toContain(kroner)
    expect(unpaid.text()).toContain('01.10.2026')
    expect(unpaid.text()).toContain('15.10.2026')
    expect(unpaid.get('[data-testid="invoice-status"]').text()).toBe('Ubetalt')
    setLocale('sv', false)
    await settle()
    expect(unpaid.text()).toContain(new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'NOK' }).format(1234.5))
    expect(unpaid.text()).toContain('2026-10-01')
    expect(unpaid.get('[data-testid="invoice-status"]').text()).toBe('Obetald')
    setLocale('en', false)
    await settle()
    expect(unpaid.find('[data-testid="pay-button"]').exists()).toBe(true)
    const paid = invoiceRow(wrapper, paidInvoice)
    expect(paid.attributes('data-status')).toBe('paid')
    expect(paid.find('[data-testid="pay-button"]').exists()).toBe(false)
  })

  it('lists a product picked from the product list at once', async () => {
    const { wrapper, api } = await mountApp('/customers/100001', signedInApi())
    await wrapper.get('[data-testid="invoices-tab"]').trigger('click')
    await settle()
    const select = wrapper.get<HTMLSelectElement>('[data-testid="invoice-product-select"]')
    expect(Array.from(select.element.options).map((o) => o.value)).toEqual(['', 'AVIS', 'DIGI'])
    await select.setValue('DIGI')
    await settle()
    expect(api.invoices.list).toHaveBeenCalledTimes(1)
    expect(api.invoices.list).toHaveBeenCalledWith({ customerNumber: '100001', productCode: 'DIGI' })
    expect(wrapper.get<HTMLInputElement>('[data-testid="invoice-product"]').element.value).toBe('DIGI')
  })

  it('refuses an empty product code without calling', async () => {
    const { wrapper, api } = await openInvoices(signedInApi(), '   ')
    expect(api.invoices.list).not.toHaveBeenCalled()
    expect(wrapper.get('[data-testid="invoice-product-hint"]').text()).toContain('1 to 12 characters')
    expect(wrapper.get('[data-testid="invoice-product"]').attributes('maxlength')).toBe('12')
  })
})

describe('paying an invoice', () => {
  it('checks the documented limits before any call: an 11-character invoice number is never sent', async () => {
    const api = signedInApi()
    api.invoices.list.mockResolvedValue(ok(invoiceListing([{ ...unpaidInvoice, invoiceNumber: '12345678901' }])))
    const { wrapper } = await openInvoices(api)
    const dialog = await openPay(wrapper, { invoiceNumber: '12345678901' })
    expect(dialog.get('[data-testid="pay-validation"]').text()).toContain('at most 10 characters')
    const confirm = dialog.get<HTMLButtonElement>('[data-testid="pay-confirm"]')
    expect(confirm.element.disabled).toBe(true)
    confirm.element.click()
    await dialog.get('form').trigger('submit')
    await settle()
    expect(api.invoices.pay).not.toHaveBeenCalled()
  })

  it('refuses a company code over 12 characters too', async () => {
    const api = signedInApi()
    api.invoices.list.mockResolvedValue(ok(invoiceListing([{ ...unpaidInvoice, companyCode: 'C'.repeat(13) }])))
    const { wrapper } = await openInvoices(api)
    const dialog = await openPay(wrapper)
    expect(dialog.get('[data-testid="pay-validation"]').text()).toContain('company code')
    await dialog.get('form').trigger('submit')
    await settle()
    expect(api.invoices.pay).not.toHaveBeenCalled()
  })

  it('starts a payment once per click with the exact payload, then shows the link and waits for the result', async () => {
    const api = signedInApi()
    const pay = deferred<Result<PaymentStarted>>()
    api.invoices.pay.mockReturnValue(pay.promise)
    const waiting = deferred<Result<PaymentResult>>()
    api.invoices.paymentResult.mockReturnValue(waiting.promise)
    const { wrapper } = await openInvoices(api)
    const dialog = await openPay(wrapper)
    expect(dialog.get('[data-testid="pay-summary"]').text()).toContain('5000123')
    expect(dialog.get('[data-testid="pay-summary"]').text()).toContain('AN01')
    const method = dialog.get<HTMLSelectElement>('[data-testid="pay-method"]')
    expect(Array.from(method.element.options).map((o) => [o.value, o.text.trim()])).toEqual([
      ['creditcardPayex', 'Card (PayEx)'],
      ['swishPayex', 'Swish'],
      ['vippsEcommerce', 'Vipps'],
      ['nexi', 'Nexi'],
    ])
    await method.setValue('vippsEcommerce')
    const confirm = dialog.get<HTMLButtonElement>('[data-testid="pay-confirm"]')
    confirm.element.click()
    confirm.element.click()
    await settle()
    expect(api.invoices.pay).toHaveBeenCalledTimes(1)
    expect(api.invoices.pay).toHaveBeenCalledWith({
      customerNumber: '100001',
      invoiceNumber: '5000123',
      productCode: 'AVIS',
      companyCode: 'AN01',
      paymentMethod: 'vippsEcommerce',
    })

    pay.resolve(ok(started))
    await settle()
    const link = wrapper.get<HTMLInputElement>('[data-testid="payment-link"]')
    expect(link.element.value).toBe(started.paymentUrl)
    expect(link.attributes('readonly')).toBeDefined()
    expect(document.activeElement).toBe(wrapper.get('[data-testid="payment-open"]').element)
    expect(wrapper.find('[data-testid="pay-confirm"]').exists()).toBe(false)
    expect(api.invoices.paymentResult).toHaveBeenCalledWith({ transactionId: 'tx-0001', waitMs: 20000 })
    expect(wrapper.get('[data-testid="payment-result"]').attributes('data-status')).toBe('pending')

    await wrapper.get('[data-testid="payment-open"]').trigger('click')
    await settle()
    expect(api.invoices.openPaymentLink).toHaveBeenCalledWith({ transactionId: 'tx-0001' })
  })

  it('copies the link, and selects it when the clipboard refuses', async () => {
    const writeText = vi.fn(async (_text: string) => undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    const api = signedInApi()
    api.invoices.pay.mockResolvedValue(ok(started))
    api.invoices.paymentResult.mockReturnValue(new Promise(() => undefined))
    const { wrapper } = await openInvoices(api)
    const dialog = await openPay(wrapper)
    await dialog.get('[data-testid="pay-confirm"]').trigger('click')
    await settle()
    await wrapper.get('[data-testid="payment-copy"]').trigger('click')
    await settle()
    expect(writeText).toHaveBeenCalledWith(started.paymentUrl)
    expect(wrapper.get('[data-testid="payment-copy-status"]').text()).toBe('Copied.')

    writeText.mockRejectedValueOnce(new Error('denied'))
    await wrapper.get('[data-testid="payment-copy"]').trigger('click')
    await settle()
    const link = wrapper.get<HTMLInputElement>('[data-testid="payment-link"]').element
    expect(document.activeElement).toBe(link)
    expect(link.selectionEnd! - link.selectionStart!).toBe(started.paymentUrl.length)
    expect(wrapper.get('[data-testid="payment-copy-status"]').text()).toContain('Ctrl+C')
  })

  it('on OUTCOME_UNKNOWN offers only "Check status", no resend, until the invoice was re-listed', async () => {
    const api = signedInApi()
    api.invoices.pay.mockResolvedValue(fail({ code: 'OUTCOME_UNKNOWN', message: 'Connect timed out after the POST.' }))
    const { wrapper } = await openInvoices(api)
    const dialog = await openPay(wrapper)
    await dialog.get('[data-testid="pay-confirm"]').trigger('click')
    await settle()

    const error = dialog.get('[data-testid="pay-error"]')
    expect(error.text()).toContain(
      'Outcome unknown: the payment may have been registered. Check the invoice’s status before trying again.',
    )
    expect(dialog.find('[data-testid="pay-confirm"]').exists()).toBe(false)
    expect(dialog.find('[data-testid="payment-check-status"]').exists()).toBe(true)
    // Closed unchecked: the row offers Check status instead of Pay….
    await dialog.get('[data-testid="pay-cancel"]').trigger('click')
    await settle()
    expect(invoiceRow(wrapper, unpaidInvoice).find('[data-testid="pay-button"]').exists()).toBe(false)
    expect(invoiceRow(wrapper, unpaidInvoice).find('[data-testid="invoice-uncertain"]').exists()).toBe(true)
    expect(api.invoices.pay).toHaveBeenCalledTimes(1)

    await invoiceRow(wrapper, unpaidInvoice).get('[data-testid="invoice-check-status"]').trigger('click')
    await settle()
    expect(api.invoices.list).toHaveBeenCalledTimes(2)
    expect(invoiceRow(wrapper, unpaidInvoice).find('[data-testid="pay-button"]').exists()).toBe(true)
    expect(api.invoices.pay).toHaveBeenCalledTimes(1)
  })

  it('checks the status from inside the dialog and tells what the list now says', async () => {
    const api = signedInApi()
    api.invoices.pay.mockResolvedValue(fail({ code: 'OUTCOME_UNKNOWN', message: 'timeout' }))
    api.invoices.list.mockResolvedValueOnce(ok(invoiceListing(kariInvoices))).mockResolvedValueOnce(ok(invoiceListing([{ ...unpaidInvoice, status: 'paid' as const }, paidInvoice])))
    const { wrapper } = await openInvoices(api)
    const dialog = await openPay(wrapper)
    await dialog.get('[data-testid="pay-confirm"]').trigger('click')
    await settle()
    await dialog.get('[data-testid="payment-check-status"]').trigger('click')
    await settle()
    expect(api.invoices.list).toHaveBeenCalledTimes(2)
    const checked = dialog.get('[data-testid="payment-checked"]')
    expect(checked.attributes('data-status')).toBe('paid')
    expect(checked.text()).toContain('Do not start another payment')
    expect(dialog.get<HTMLButtonElement>('[data-testid="pay-confirm"]').element.disabled).toBe(true)
    expect(api.invoices.pay).toHaveBeenCalledTimes(1)
  })

  it('keeps asking while the result is pending and stops for good when the dialog closes', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const api = signedInApi()
    api.invoices.pay.mockResolvedValue(ok(started))
    const second = deferred<Result<PaymentResult>>()
    api.invoices.paymentResult.mockResolvedValueOnce(result('pending')).mockReturnValueOnce(second.promise)
    const { wrapper } = await openInvoices(api)
    const dialog = await openPay(wrapper)
    await dialog.get('[data-testid="pay-confirm"]').trigger('click')
    await settle()
    expect(api.invoices.paymentResult).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1_000)
    await settle()
    expect(api.invoices.paymentResult).toHaveBeenCalledTimes(2)

    await dialog.get('[data-testid="pay-cancel"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid="pay-dialog"]').exists()).toBe(false)
    second.resolve(result('pending'))
    await settle()
    await vi.advanceTimersByTimeAsync(60_000)
    await settle()
    expect(api.invoices.paymentResult).toHaveBeenCalledTimes(2)
  })

  it('stops waiting when the whole view goes away', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const api = signedInApi()
    api.invoices.pay.mockResolvedValue(ok(started))
    const waiting = deferred<Result<PaymentResult>>()
    api.invoices.paymentResult.mockReturnValueOnce(waiting.promise).mockResolvedValue(result('pending'))
    const { wrapper } = await openInvoices(api)
    const dialog = await openPay(wrapper)
    await dialog.get('[data-testid="pay-confirm"]').trigger('click')
    await settle()
    wrapper.unmount()
    waiting.resolve(result('pending'))
    await settle()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(api.invoices.paymentResult).toHaveBeenCalledTimes(1)
  })

  it('on "finished" shows success and refreshes the invoices', async () => {
    const api = signedInApi()
    api.invoices.pay.mockResolvedValue(ok(started))
    api.invoices.paymentResult.mockResolvedValue(result('finished'))
    api.invoices.list.mockResolvedValueOnce(ok(invoiceListing(kariInvoices))).mockResolvedValueOnce(ok(invoiceListing([{ ...unpaidInvoice, status: 'paid' as const }, paidInvoice])))
    const { wrapper } = await openInvoices(api)
    const dialog = await openPay(wrapper)
    await dialog.get('[data-testid="pay-confirm"]').trigger('click')
    await settle()

    const shown = wrapper.get('[data-testid="payment-result"]')
    expect(shown.attributes('data-status')).toBe('finished')
    expect(shown.text()).toContain('Payment completed')
    expect(api.invoices.paymentResult).toHaveBeenCalledTimes(1)
    expect(api.invoices.list).toHaveBeenCalledTimes(2)
    expect(invoiceRow(wrapper, unpaidInvoice).attributes('data-status')).toBe('paid')
    expect(wrapper.get('[data-testid="toast-region"]').text()).toContain('Invoice 5000123 paid')
  })

  it.each([
    ['cancelled', 'start a new payment'],
    ['failed', 'another payment method'],
    ['unknown', 'Check the invoice’s status'],
    ['initiated', 'Check the invoice’s status'],
    ['error', 'Check the invoice’s status'],
  ] as const)('explains a "%s" result with its next step', async (status, next) => {
    const api = signedInApi()
    api.invoices.pay.mockResolvedValue(ok(started))
    api.invoices.paymentResult.mockResolvedValue(result(status))
    const { wrapper } = await openInvoices(api)
    const dialog = await openPay(wrapper)
    await dialog.get('[data-testid="pay-confirm"]').trigger('click')
    await settle()
    const shown = wrapper.get('[data-testid="payment-result"]')
    expect(shown.attributes('data-status')).toBe(status)
    expect(shown.text()).toContain(next)
    expect(api.invoices.list).toHaveBeenCalledTimes(1)
  })

  it('asks a signed-out agent to sign in before a payment', async () => {
    const api = createFakeApi()
    const { wrapper } = await openInvoices(api)
    const dialog = await openPay(wrapper)
    expect(dialog.get('[data-testid="sign-in-prompt"]').text()).toContain('Sign in to start payments')
    await dialog.get('form').trigger('submit')
    await settle()
    expect(api.invoices.pay).not.toHaveBeenCalled()
  })
})
