/**
 * Shared fixtures for component tests: a fake `window.api` whose verbs are vi.fn()s returning
 * Result values (never rejecting, like the real bridge), demo data, and a mount helper that wires
 * a fresh Pinia and an in-memory router around App.vue.
 */
import { flushPromises, mount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { Pinia } from 'pinia'
import { vi } from 'vitest'
import type { Mock } from 'vitest'
import { createMemoryHistory } from 'vue-router'
import type { Router } from 'vue-router'
import type { Api } from '../../src/shared/contract.ts'
import type {
  Agent,
  AppInfo,
  AuthStatus,
  Customer,
  CustomerLookup,
  Invoice,
  InvoiceListing,
  PaymentToken,
  Product,
  ProfilesState,
  TokenListing,
} from '../../src/shared/domain.ts'
import type { ErrorData, Result } from '../../src/shared/errors.ts'
import type { AuditEntry, AuditPage, Connectivity, LocalDataState, RecentLookup } from '../../src/shared/records.ts'
import App from '../../src/renderer/src/App.vue'
import { createAppRouter } from '../../src/renderer/src/router/index.ts'

/** Every verb of the real bridge, as a vi.fn() with the verb's own request and answer types. */
export type FakeApi = { [D in keyof Api]: { [V in keyof Api[D]]: Mock<Api[D][V]> } }

export const ok = <T>(data: T): Result<T> => ({ ok: true, data })
export const fail = (error: ErrorData): Result<never> => ({ ok: false, error })

/** A promise the test resolves by hand, to look at a call while it is in flight. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

export const sandboxInfo: AppInfo = {
  version: '0.1.0',
  profile: { kind: 'sandbox', label: 'Embedded sandbox' },
  sandbox: true,
  providers: [
    { provider: 'swedbankpay', configured: true },
    { provider: 'klarna', configured: true },
  ],
}

export const kari: Customer = {
  customerNumber: '100001',
  firstName: 'Kari',
  middleName: null,
  lastName: 'Nordmann',
  companyName: null,
  emails: ['kari@example.no', 'kari.nordmann@example.no'],
  phoneNumbers: ['+4790000001'],
  payerReference: 'payer-100001',
}

export const ola: Customer = {
  customerNumber: '100002',
  firstName: 'Ola',
  middleName: 'Johan',
  lastName: 'Nordmann',
  companyName: null,
  emails: [],
  phoneNumbers: [],
  payerReference: '100002',
}

function token(partial: Partial<PaymentToken> & Pick<PaymentToken, 'provider' | 'token'>): PaymentToken {
  return {
    tokenType: 'Unscheduled',
    state: 'Active',
    displayName: null,
    instrument: null,
    cardBrand: null,
    lastFour: null,
    expiry: null,
    payerReference: null,
    customerNumber: '100001',
    archivedBy: null,
    archiveReason: null,
    ...partial,
  }
}

export const swedbankCard = token({
  provider: 'swedbankpay',
  token: '5a17c2f1-9b1e-4c3a-8f00-0123456789ab',
  tokenType: 'Unscheduled',
  instrument: 'CreditCard',
  cardBrand: 'Visa',
  lastFour: '1234',
  expiry: '12/2099',
  payerReference: 'payer-100001',
})
export const swedbankRecurrence = token({
  provider: 'swedbankpay',
  token: 'b7e0d4aa-0000-4d7e-9aa1-fedcba987654',
  tokenType: 'Recurrence',
  instrument: 'CreditCard',
  cardBrand: 'Mastercard',
  lastFour: '9876',
  expiry: '01/2030',
  payerReference: 'payer-100001',
})
export const swedbankArchived = token({
  provider: 'swedbankpay',
  token: 'c0ffee00-1111-4222-8333-444455556666',
  tokenType: 'Unscheduled',
  state: 'Archived',
  displayName: 'Old card',
  instrument: 'CreditCard',
  payerReference: 'payer-100001',
  archivedBy: 'agent.lise',
  archiveReason: 'Card stolen',
})
export const klarnaToken = token({
  provider: 'klarna',
  token: 'klarna-0001-aaaa-bbbb-cccc',
  tokenType: 'Subscription',
  displayName: 'Klarna invoice',
  instrument: 'Invoice',
})
export const payexToken = token({
  provider: 'payex',
  token: 'payex-9999-dddd',
  tokenType: 'Recurrence',
  displayName: 'PayEx card',
  instrument: 'CreditCard',
})

export const kariListing: TokenListing = {
  customerNumber: '100001',
  payerReference: 'payer-100001',
  tokens: [swedbankCard, swedbankRecurrence, swedbankArchived, klarnaToken, payexToken],
  providers: [
    { provider: 'swedbankpay', status: 'loaded', count: 3 },
    { provider: 'payex', status: 'loaded', count: 1 },
    { provider: 'klarna', status: 'loaded', count: 1 },
    {
      provider: 'vipps',
      status: 'failed',
      count: 0,
      error: { code: 'PROVIDER_UNAVAILABLE', message: 'Vipps answered 503', provider: 'vipps', httpStatus: 503 },
    },
    { provider: 'nexi', status: 'not_configured', count: 0 },
  ],
}

export const agentLise: Agent = { userId: 'u-42', name: 'Lise Agent', email: 'lise@example.no' }
export const signedOut: AuthStatus = { signedIn: false, agent: null, pending: false }
export const signedIn: AuthStatus = { signedIn: true, agent: agentLise, pending: false }

export const sandboxProfiles: ProfilesState = {
  active: 'sandbox',
  encryption: { available: true, reason: null },
  profiles: [
    {
      id: 'sandbox',
      label: 'Sandbox',
      active: true,
      editable: false,
      settings: null,
      saved: true,
      secrets: { connectClientSecret: false, swedbankPayAccessToken: false },
      complete: true,
    },
    {
      id: 'test',
      label: 'Test',
      active: false,
      editable: true,
      settings: {
        connect: { apiUrl: 'https://connect.test.example', loginUrl: 'https://login.test.example', clientId: 'console-test' },
        swedbankPay: { apiUrl: 'https://api.externalintegration.payex.com' },
        payerReferenceTemplate: '{customerNumber}',
      },
      saved: true,
      secrets: { connectClientSecret: true, swedbankPayAccessToken: false },
      complete: false,
    },
    {
      id: 'production',
      label: 'Production',
      active: false,
      editable: true,
      settings: {
        connect: { apiUrl: 'https://api.mediaconnect.no/capi', loginUrl: 'https://connectid.no/user', clientId: '' },
        swedbankPay: { apiUrl: 'https://api.payex.com' },
        payerReferenceTemplate: '{customerNumber}',
      },
      saved: false,
      secrets: { connectClientSecret: false, swedbankPayAccessToken: false },
      complete: false,
    },
  ],
}

export const products: Product[] = [
  { productCode: 'AVIS', productName: 'Avisa Nordland', companyCode: 'AN01' },
  { productCode: 'DIGI', productName: 'Digital', companyCode: null },
]

function invoice(partial: Partial<Invoice> & Pick<Invoice, 'invoiceNumber'>): Invoice {
  return {
    invoiceId: null,
    customerNumber: '100001',
    productCode: 'AVIS',
    productName: 'Avisa Nordland',
    companyCode: 'AN01',
    invoiceDate: '2026-10-01',
    dueDate: '2026-10-15',
    amount: 1234.5,
    paidAmount: 0,
    status: 'unpaid',
    ...partial,
  }
}
export const unpaidInvoice = invoice({ invoiceNumber: '5000123' })
export const paidInvoice = invoice({ invoiceNumber: '5000100', status: 'paid', paidAmount: 1234.5 })
export const kariInvoices: Invoice[] = [unpaidInvoice, paidInvoice]

/** customers:get's answer: live (cachedAt null) unless a time is given. */
export const lookup = (customer: Customer, cachedAt: string | null = null): CustomerLookup => ({ ...customer, cachedAt })
/** invoices:list's answer: live (cachedAt null) unless a time is given. */
export const invoiceListing = (invoices: Invoice[], cachedAt: string | null = null): InvoiceListing => ({ invoices, cachedAt })

export const online: Connectivity = {
  state: 'online',
  services: [
    { service: 'connect', reachable: true, checkedAt: '2026-11-21T09:00:00.000Z' },
    { service: 'swedbankpay', reachable: true, checkedAt: '2026-11-21T09:00:00.000Z' },
  ],
}

export const localDataState: LocalDataState = {
  settings: { retentionDays: 30, maxEntries: 50_000 },
  available: true,
  unavailableReason: null,
  entries: 12,
  oldestCachedAt: '2026-11-01T08:15:00.000Z',
  notice: null,
}

export const recentLookups: RecentLookup[] = [
  { customerNumber: '100001', name: 'Kari Nordmann', email: 'kari@example.no', cachedAt: '2026-11-21T09:30:00.000Z' },
  { customerNumber: '100002', name: 'Ola Johan Nordmann', email: null, cachedAt: '2026-11-20T14:05:00.000Z' },
]

export function auditEntry(partial: Partial<AuditEntry> & Pick<AuditEntry, 'id'>): AuditEntry {
  return {
    at: '2026-11-21T10:00:00.000Z',
    agent: 'u-42',
    profile: 'sandbox',
    action: 'token.archive',
    customerNumber: '100001',
    provider: 'swedbankpay',
    token: '****89ab',
    outcome: 'ok',
    errorCode: null,
    detail: null,
    ...partial,
  }
}

export const auditPage: AuditPage = {
  entries: [
    auditEntry({ id: 12 }),
    auditEntry({ id: 11, action: 'invoice.pay', provider: null, token: null, outcome: 'failed', errorCode: 'OUTCOME_UNKNOWN', detail: 'invoice=5000123' }),
  ],
  total: 2,
}

const notWired = (verb: string) => async () => fail({ code: 'INTERNAL', message: `${verb} is not set up in this test` })

/** A fake bridge with friendly defaults; tests override single verbs with mockResolvedValue. */
export function createFakeApi(): FakeApi {
  return {
    app: {
      info: vi.fn(async () => ok(sandboxInfo)),
      connectivity: vi.fn(async () => ok(online)),
      cancelLookups: vi.fn(async () => ok({ cancelled: 0 })),
    },
    auth: {
      status: vi.fn(async () => ok(signedOut)),
      signIn: vi.fn(async () => ok(signedIn)),
      cancelSignIn: vi.fn(async () => ok(signedOut)),
      signOut: vi.fn(async () => ok(signedOut)),
    },
    profiles: {
      get: vi.fn(async () => ok(sandboxProfiles)),
      save: vi.fn(async () => ok(sandboxProfiles)),
      setSecret: vi.fn(async () => ok(sandboxProfiles)),
      clearSecret: vi.fn(async () => ok(sandboxProfiles)),
      activate: vi.fn(async () => ok(sandboxProfiles)),
    },
    customers: {
      search: vi.fn(async () => ok([kari, ola])),
      get: vi.fn(async () => ok(lookup(kari))),
    },
    tokens: {
      list: vi.fn(async () => ok(kariListing)),
      archive: vi.fn(async () => ok({ ...swedbankCard, state: 'Archived' as const })),
      archiveAll: vi.fn(notWired('tokens.archiveAll')),
      rename: vi.fn(notWired('tokens.rename')),
      remove: vi.fn(notWired('tokens.remove')),
      legacyDelete: vi.fn(notWired('tokens.legacyDelete')),
    },
    products: { list: vi.fn(async () => ok(products)) },
    invoices: {
      list: vi.fn(async () => ok(invoiceListing(kariInvoices))),
      pay: vi.fn(notWired('invoices.pay')),
      openPaymentLink: vi.fn(async () => ok({ opened: true as const })),
      paymentResult: vi.fn(notWired('invoices.paymentResult')),
    },
    localData: {
      get: vi.fn(async () => ok(localDataState)),
      save: vi.fn(async (settings) => ok({ ...localDataState, settings })),
      clear: vi.fn(async () => ok({ ...localDataState, entries: 0, oldestCachedAt: null })),
      recent: vi.fn(async () => ok(recentLookups)),
    },
    audit: { list: vi.fn(async () => ok(auditPage)), reveal: vi.fn(async () => ok({ recorded: true as const })) },
    exports: {
      csv: vi.fn(notWired('exports.csv')),
      progress: vi.fn(async ({ exportId }) => ok({ exportId, state: 'unknown' as const, rowsWritten: 0, totalRows: null })),
    },
  }
}

/** The same fake bridge with an agent signed in from the start. */
export function signedInApi(): FakeApi {
  const api = createFakeApi()
  api.auth.status.mockResolvedValue(ok(signedIn))
  return api
}

export function installApi(api: FakeApi): void {
  Object.defineProperty(window, 'api', { value: api as unknown as Api, configurable: true, writable: true })
}

export interface Mounted {
  wrapper: VueWrapper
  router: Router
  pinia: Pinia
  api: FakeApi
}

/** Mounts the whole app at `path` against `api`, attached to the document so focus is real. */
export async function mountApp(path: string, api: FakeApi = createFakeApi()): Promise<Mounted> {
  installApi(api)
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createAppRouter(createMemoryHistory())
  await router.push(path)
  await router.isReady()
  const host = document.createElement('div')
  document.body.appendChild(host)
  const wrapper = mount(App, { global: { plugins: [pinia, router] }, attachTo: host })
  await settle()
  return { wrapper, router, pinia, api }
}

/** Lets pending promises, watchers and renders run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await flushPromises()
}

/** All elements with a data-testid (and optional extra attribute selector) in the document. */
export function byTestId(id: string, extra = ''): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]${extra}`))
}
