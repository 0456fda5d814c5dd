import { enableAutoUnmount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Result } from '../../src/shared/errors.ts'
import type { ExportOutcome, ExportProgress } from '../../src/shared/records.ts'
import { defaultDelimiter } from '../../src/renderer/src/lib/exports.ts'
import { setLocale } from '../../src/renderer/src/i18n.ts'
import { byTestId, createFakeApi, deferred, fail, mountApp, ok, settle } from './support.ts'
import type { FakeApi } from './support.ts'

enableAutoUnmount(afterEach)
afterEach(() => {
  vi.useRealTimers()
  Reflect.deleteProperty(navigator, 'language')
  document.body.innerHTML = ''
})

const TOKEN_DEFAULTS = ['provider', 'tokenType', 'state', 'token', 'displayName', 'instrument', 'cardBrand', 'lastFour', 'expiry', 'payerReference', 'customerNumber']
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const saved = (rows: number, path = '/home/agent/tokens.csv'): Result<ExportOutcome> => ok({ status: 'saved', path, rows, bytes: rows * 80 })
const progress = (rowsWritten: number, state: ExportProgress['state'] = 'running'): Result<ExportProgress> =>
  ok({ exportId: 'x'.repeat(8), state, rowsWritten, totalRows: 100 })

function setLanguage(language: string): void {
  Object.defineProperty(navigator, 'language', { value: language, configurable: true })
}

async function openTokenExport(api: FakeApi = createFakeApi()) {
  const mounted = await mountApp('/customers/100001', api)
  await mounted.wrapper.get('[data-testid="export-tokens"]').trigger('click')
  await settle()
  return mounted
}

function box(wrapper: VueWrapper, key: string) {
  return wrapper.get<HTMLInputElement>(`[data-testid="export-column-${key}"]`)
}

describe('export dialog', () => {
  it.each([
    ['nb', ';', 'Eksporter betalingstokener'],
    ['sv', ';', 'Exportera betaltoken'],
    ['en', ',', 'Export payment tokens'],
  ] as const)('in a console set to %s, defaults the delimiter to "%s"', async (locale, delimiter, title) => {
    setLocale(locale, false)
    const { wrapper } = await openTokenExport()
    expect(wrapper.get('[data-testid="export-dialog"]').text()).toContain(title)
    expect(wrapper.get<HTMLSelectElement>('[data-testid="export-delimiter"]').element.value).toBe(delimiter)
  })

  it.each([
    ['nb-NO', ';'],
    ['nn', ';'],
    ['no', ';'],
    ['sv-SE', ';'],
    ['da-DK', ';'],
    ['en-US', ','],
    ['de-DE', ','],
    ['fi-FI', ','],
  ])('defaults the delimiter for %s to "%s"', (language, delimiter) => {
    expect(defaultDelimiter(language)).toBe(delimiter)
  })

  it('opens with the allow-listed columns in order, the defaults ticked, and the locale’s delimiter', async () => {
    // The OS language alone does not decide: the UI language does (English here, so ",").
    setLanguage('nb-NO')
    const { wrapper } = await openTokenExport()
    expect(wrapper.get('[data-testid="export-dialog"]').text()).toContain('Export payment tokens')
    const boxes = wrapper.findAll<HTMLInputElement>('[data-testid^="export-column-"]')
    expect(boxes.map((b) => [b.attributes('data-testid')?.replace('export-column-', ''), b.element.checked])).toEqual([
      ...TOKEN_DEFAULTS.map((key) => [key, true]),
      ['archivedBy', false],
      ['archiveReason', false],
    ])
    expect(wrapper.get<HTMLSelectElement>('[data-testid="export-delimiter"]').element.value).toBe(',')
    expect(wrapper.get<HTMLInputElement>('[data-testid="export-bom"]').element.checked).toBe(true)
    const reveal = wrapper.get<HTMLInputElement>('[data-testid="export-reveal"]')
    expect(reveal.element.checked).toBe(false)
    expect(reveal.element.closest('label')?.textContent?.trim()).toBe('Show full token ids (recorded in the audit log)')
  })

  it('sends the defaults: masked tokens, BOM, "," for an English agent, archived rows as shown', async () => {
    const api = createFakeApi()
    api.exports.csv.mockResolvedValue(saved(5))
    const { wrapper } = await openTokenExport(api)
    expect(wrapper.get<HTMLSelectElement>('[data-testid="export-delimiter"]').element.value).toBe(',')
    await wrapper.get('[data-testid="export-confirm"]').trigger('click')
    await settle()
    expect(api.exports.csv).toHaveBeenCalledTimes(1)
    const request = api.exports.csv.mock.calls[0]?.[0]
    expect(request?.exportId).toMatch(UUID)
    expect(request).toEqual({
      exportId: request?.exportId,
      source: { table: 'tokens', customerNumber: '100001', includeArchived: true },
      columns: TOKEN_DEFAULTS,
      delimiter: ',',
      bom: true,
      reveal: false,
    })
    expect(wrapper.get('[data-testid="export-result"]').text()).toBe('Saved 5 rows to /home/agent/tokens.csv')
    expect(wrapper.get('[data-testid="toast-region"]').text()).toContain('Saved 5 rows to /home/agent/tokens.csv.')
    expect(wrapper.find('[data-testid="export-confirm"]').exists()).toBe(false)
  })

  it('sends the chosen columns in the listed order, the delimiter, no BOM and the reveal', async () => {
    const api = createFakeApi()
    api.exports.csv.mockResolvedValue(saved(5))
    const mounted = await mountApp('/customers/100001', api)
    // Only active tokens shown: the export leaves the archived ones out too.
    await mounted.wrapper.get('[data-testid="token-filter-active"]').trigger('click')
    await mounted.wrapper.get('[data-testid="export-tokens"]').trigger('click')
    await settle()
    const { wrapper } = mounted
    await box(wrapper, 'archiveReason').setValue(true)
    for (const key of TOKEN_DEFAULTS.filter((k) => !['provider', 'token', 'lastFour'].includes(k))) await box(wrapper, key).setValue(false)
    await wrapper.get('[data-testid="export-delimiter"]').setValue(';')
    await wrapper.get('[data-testid="export-bom"]').setValue(false)
    await wrapper.get('[data-testid="export-reveal"]').setValue(true)
    await wrapper.get('[data-testid="export-confirm"]').trigger('click')
    await settle()
    expect(api.exports.csv.mock.calls[0]?.[0]).toMatchObject({
      source: { table: 'tokens', customerNumber: '100001', includeArchived: false },
      columns: ['provider', 'token', 'lastFour', 'archiveReason'],
      delimiter: ';',
      bom: false,
      reveal: true,
    })
  })

  it('needs at least one column', async () => {
    const api = createFakeApi()
    const { wrapper } = await openTokenExport(api)
    for (const key of TOKEN_DEFAULTS) await box(wrapper, key).setValue(false)
    expect(wrapper.get<HTMLButtonElement>('[data-testid="export-confirm"]').element.disabled).toBe(true)
    expect(wrapper.get('[data-testid="export-columns-hint"]').text()).toBe('Choose at least one column.')
    await wrapper.get('[data-testid="export-dialog"] form').trigger('submit')
    await settle()
    expect(api.exports.csv).not.toHaveBeenCalled()
  })

  it('asks for progress every 250 ms while it runs, shows it, and stops when main says done', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const api = createFakeApi()
    const running = deferred<Result<ExportOutcome>>()
    api.exports.csv.mockReturnValue(running.promise)
    api.exports.progress.mockResolvedValueOnce(progress(40)).mockResolvedValueOnce(progress(100, 'done'))
    const { wrapper } = await openTokenExport(api)
    await wrapper.get('[data-testid="export-confirm"]').trigger('click')
    await settle()
    expect(wrapper.get('[data-testid="export-progress"]').text()).toBe('Waiting for the file to be chosen…')
    expect(api.exports.progress).not.toHaveBeenCalled()

    await vi.advanceTimersByTimeAsync(250)
    await settle()
    const exportId = api.exports.csv.mock.calls[0]?.[0].exportId
    expect(api.exports.progress).toHaveBeenCalledTimes(1)
    expect(api.exports.progress).toHaveBeenCalledWith({ exportId })
    expect(wrapper.get('[data-testid="export-progress"]').text()).toBe('40 of 100 rows written…')

    await vi.advanceTimersByTimeAsync(250)
    await settle()
    expect(api.exports.progress).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(2_000)
    expect(api.exports.progress).toHaveBeenCalledTimes(2)

    running.resolve(saved(100))
    await settle()
    expect(wrapper.find('[data-testid="export-progress"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="export-result"]').text()).toBe('Saved 100 rows to /home/agent/tokens.csv')
  })

  it('stops asking for progress once the export answers, even if main never said done', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const api = createFakeApi()
    const running = deferred<Result<ExportOutcome>>()
    api.exports.csv.mockReturnValue(running.promise)
    api.exports.progress.mockResolvedValue(progress(10))
    const { wrapper } = await openTokenExport(api)
    await wrapper.get('[data-testid="export-confirm"]').trigger('click')
    await vi.advanceTimersByTimeAsync(750)
    expect(api.exports.progress).toHaveBeenCalledTimes(3)
    running.resolve(saved(10))
    await settle()
    await vi.advanceTimersByTimeAsync(5_000)
    expect(api.exports.progress).toHaveBeenCalledTimes(3)
  })

  it('closes quietly when the agent cancels the save dialog', async () => {
    const api = createFakeApi()
    api.exports.csv.mockResolvedValue(ok({ status: 'cancelled' }))
    const { wrapper } = await openTokenExport(api)
    await wrapper.get('[data-testid="export-confirm"]').trigger('click')
    await settle()
    expect(api.exports.csv).toHaveBeenCalledTimes(1)
    expect(wrapper.find('[data-testid="export-dialog"]').exists()).toBe(false)
    // Only the warning about Vipps (failed in kariListing) from the lookup: no export toast.
    expect(byTestId('toast', ':not([data-kind="warning"])')).toHaveLength(0)
    expect(document.activeElement).toBe(wrapper.get('[data-testid="export-tokens"]').element)
  })

  it('shows an error in the dialog and lets the agent try again', async () => {
    const api = createFakeApi()
    api.exports.csv
      .mockResolvedValueOnce(fail({ code: 'PROVIDER_UNAVAILABLE', message: 'Connect answered 503 while listing the tokens.', provider: 'connect' }))
      .mockResolvedValueOnce(saved(3))
    const { wrapper } = await openTokenExport(api)
    await wrapper.get('[data-testid="export-confirm"]').trigger('click')
    await settle()
    const error = wrapper.get('[data-testid="export-error"]')
    expect(error.text()).toContain('Connect answered 503 while listing the tokens.')
    expect(wrapper.find('[data-testid="export-result"]').exists()).toBe(false)
    await wrapper.get('[data-testid="export-confirm"]').trigger('click')
    await settle()
    expect(api.exports.csv).toHaveBeenCalledTimes(2)
    expect(api.exports.csv.mock.calls[1]?.[0].exportId).not.toBe(api.exports.csv.mock.calls[0]?.[0].exportId)
    expect(wrapper.get('[data-testid="export-result"]').text()).toBe('Saved 3 rows to /home/agent/tokens.csv')
  })

  it('exports the invoices of the product shown, without a reveal option', async () => {
    const api = createFakeApi()
    api.exports.csv.mockResolvedValue(saved(2, 'C:\\Users\\agent\\invoices.csv'))
    const { wrapper } = await mountApp('/customers/100001', api)
    await wrapper.get('[data-testid="invoices-tab"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid="export-invoices"]').exists()).toBe(false)
    await wrapper.get('[data-testid="invoice-product"]').setValue('AVIS')
    await wrapper.get('[data-testid="invoice-load"]').trigger('click')
    await settle()
    await wrapper.get('[data-testid="export-invoices"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid="export-reveal"]').exists()).toBe(false)
    expect(box(wrapper, 'invoiceId').element.checked).toBe(false)
    await wrapper.get('[data-testid="export-confirm"]').trigger('click')
    await settle()
    expect(api.exports.csv.mock.calls[0]?.[0]).toMatchObject({
      source: { table: 'invoices', customerNumber: '100001', productCode: 'AVIS' },
      columns: ['invoiceNumber', 'customerNumber', 'productCode', 'productName', 'invoiceDate', 'dueDate', 'amount', 'paidAmount', 'status'],
      reveal: false,
    })
    expect(wrapper.get('[data-testid="export-result"]').text()).toBe('Saved 2 rows to C:\\Users\\agent\\invoices.csv')
  })

  it('exports the search results by their query', async () => {
    const api = createFakeApi()
    api.exports.csv.mockResolvedValue(saved(2, '/tmp/customers.csv'))
    const { wrapper } = await mountApp('/', api)
    await wrapper.get('[data-testid="customer-search"]').setValue('Nordmann')
    await wrapper.get('[data-testid="search-submit"]').trigger('click')
    await settle()
    await wrapper.get('[data-testid="export-customers"]').trigger('click')
    await settle()
    const reveal = wrapper.get<HTMLInputElement>('[data-testid="export-reveal"]')
    expect(reveal.element.checked).toBe(false)
    expect(reveal.element.closest('label')?.textContent?.trim()).toBe('Show full emails and phone numbers (recorded in the audit log)')
    await wrapper.get('[data-testid="export-confirm"]').trigger('click')
    await settle()
    expect(api.exports.csv.mock.calls[0]?.[0]).toMatchObject({
      source: { table: 'customers', from: 'search', query: 'Nordmann' },
      columns: ['customerNumber', 'firstName', 'lastName', 'companyName', 'emails', 'phoneNumbers'],
      reveal: false,
    })
  })
})
