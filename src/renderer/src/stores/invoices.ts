import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { Invoice, PaymentMethod, PaymentResult, PaymentStarted, Product } from '../../../shared/domain.ts'
import type { ErrorData, Result } from '../../../shared/errors.ts'
import { api } from '../api.ts'
import { payProblems } from '../lib/invoices.ts'
import type { LoadStatus } from './app.ts'
import { useConnectivityStore } from './connectivity.ts'
import { t } from '../i18n.ts'

/** The server waits up to this long for a payment result before answering "pending". */
export const RESULT_WAIT_MS = 20_000

/**
 * The open customer's invoices for one product, the product list, and starting a payment.
 * A payment start is sent once and never retried: an unclear outcome marks the invoice
 * "uncertain", and no new payment is offered for it until its status was checked again.
 */
export const useInvoicesStore = defineStore('invoices', () => {
  const products = shallowRef<readonly Product[]>([])
  const productsStatus = ref<LoadStatus>('idle')
  const productsError = shallowRef<ErrorData | null>(null)

  const customerNumber = ref<string | null>(null)
  const productCode = ref<string | null>(null)
  const invoices = shallowRef<readonly Invoice[]>([])
  const status = ref<LoadStatus>('idle')
  const error = shallowRef<ErrorData | null>(null)
  /** Set when Connect could not be reached and the list is the cached one: read-only, no payments. */
  const cachedAt = ref<string | null>(null)
  /** Invoice numbers whose payment start ended in OUTCOME_UNKNOWN and were not checked since. */
  const uncertain = shallowRef<ReadonlySet<string>>(new Set())

  let generation = 0
  /** Products belong to the profile, not to the customer. */
  let productsGeneration = 0
  let listSeq = 0
  const paysInFlight = new Map<string, Promise<Result<PaymentStarted>>>()

  async function loadProducts(): Promise<void> {
    if (productsStatus.value === 'loading') return
    productsStatus.value = 'loading'
    productsError.value = null
    const mine = productsGeneration
    const result = await api().products.list({})
    if (mine !== productsGeneration) {
      if (productsStatus.value === 'loading') productsStatus.value = 'idle'
      return
    }
    if (result.ok) {
      products.value = result.data
      productsStatus.value = 'ready'
    } else if (result.error.code === 'CANCELLED') {
      // The customer view closed while loading: not an error; the next visit loads again.
      productsStatus.value = 'idle'
    } else {
      productsError.value = result.error
      productsStatus.value = 'error'
    }
  }

  function clearInvoices(): void {
    generation++
    productCode.value = null
    invoices.value = []
    cachedAt.value = null
    status.value = 'idle'
    error.value = null
    uncertain.value = new Set()
  }

  /** Switches to another customer: their invoices are listed afresh. */
  function forCustomer(number: string): void {
    if (number === customerNumber.value) return
    clearInvoices()
    customerNumber.value = number
  }

  /** Lists the customer's invoices for a product; true when the list came back. */
  async function load(code: string): Promise<boolean> {
    const number = customerNumber.value
    const trimmed = code.trim()
    if (number === null || trimmed.length === 0) return false
    const mine = generation
    const seq = ++listSeq
    if (trimmed !== productCode.value) {
      invoices.value = []
      cachedAt.value = null
    }
    productCode.value = trimmed
    status.value = 'loading'
    error.value = null
    const result = await api().invoices.list({ customerNumber: number, productCode: trimmed })
    void useConnectivityStore().refresh()
    if (mine !== generation || seq !== listSeq) return false
    if (result.ok) {
      invoices.value = result.data.invoices
      cachedAt.value = result.data.cachedAt
      status.value = 'ready'
      return true
    }
    if (result.error.code === 'CANCELLED') {
      status.value = 'idle'
      return false
    }
    error.value = result.error
    status.value = 'error'
    return false
  }

  async function reload(): Promise<boolean> {
    return productCode.value === null ? false : load(productCode.value)
  }

  /** Re-lists after an unclear payment start; only a fresh list lifts the block on paying again. */
  async function checkStatus(invoiceNumber: string): Promise<boolean> {
    const listed = await reload()
    if (listed && uncertain.value.has(invoiceNumber)) {
      const next = new Set(uncertain.value)
      next.delete(invoiceNumber)
      uncertain.value = next
    }
    return listed
  }

  function find(invoiceNumber: string): Invoice | undefined {
    return invoices.value.find((invoice) => invoice.invoiceNumber === invoiceNumber)
  }

  /** Starts a payment; checked against Connect's limits first, one call per invoice at a time. */
  function pay(invoice: Invoice, paymentMethod: PaymentMethod, companyCode: string | null): Promise<Result<PaymentStarted>> {
    const input = { customerNumber: invoice.customerNumber, invoiceNumber: invoice.invoiceNumber, productCode: invoice.productCode, companyCode }
    const problems = payProblems(input)
    if (problems.length > 0 || companyCode === null) {
      return Promise.resolve({ ok: false, error: { code: 'VALIDATION', message: problems.join(' ') } })
    }
    if (cachedAt.value !== null) {
      return Promise.resolve({
        ok: false,
        error: { code: 'PROVIDER_UNAVAILABLE', message: t('invoices.cachedRefused') },
      })
    }
    if (uncertain.value.has(invoice.invoiceNumber)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'CONFLICT', message: t('invoices.uncertainRefused') },
      })
    }
    const running = paysInFlight.get(invoice.invoiceNumber)
    if (running !== undefined) return running
    const mine = generation
    const request = {
      customerNumber: input.customerNumber.trim(),
      invoiceNumber: input.invoiceNumber.trim(),
      productCode: input.productCode.trim(),
      companyCode: companyCode.trim(),
      paymentMethod,
    }
    const task = api()
      .invoices.pay(request)
      .then((result) => {
        if (mine === generation && !result.ok && result.error.code === 'OUTCOME_UNKNOWN') {
          uncertain.value = new Set(uncertain.value).add(invoice.invoiceNumber)
        }
        return result
      })
      .finally(() => paysInFlight.delete(invoice.invoiceNumber))
    paysInFlight.set(invoice.invoiceNumber, task)
    return task
  }

  function paymentResult(transactionId: string): Promise<Result<PaymentResult>> {
    return api().invoices.paymentResult({ transactionId, waitMs: RESULT_WAIT_MS })
  }

  function openPaymentLink(transactionId: string): Promise<Result<{ opened: true }>> {
    return api().invoices.openPaymentLink({ transactionId })
  }

  /** Forgets everything (after a profile switch): products and invoices belong to the old profile. */
  function reset(): void {
    clearInvoices()
    productsGeneration++
    customerNumber.value = null
    products.value = []
    productsStatus.value = 'idle'
    productsError.value = null
  }

  return {
    products,
    productsStatus,
    productsError,
    customerNumber,
    productCode,
    invoices,
    cachedAt,
    status,
    error,
    uncertain,
    loadProducts,
    forCustomer,
    load,
    reload,
    checkStatus,
    find,
    pay,
    paymentResult,
    openPaymentLink,
    reset,
  }
})
