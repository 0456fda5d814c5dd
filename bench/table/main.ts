/**
 * The token table with N generated rows (N from ?rows=, default 10,000), mounted once; the time from
 * handing it the data to the first paint after it (a frame, then a task after that frame) is left
 * in window.__benchResult for the benchmark to read.
 */
import { createPinia } from 'pinia'
import { createApp, h } from 'vue'
import { i18n } from '../../src/renderer/src/i18n.ts'
import TokenTable from '../../src/renderer/src/components/TokenTable.vue'
import '../../src/renderer/src/styles/index.css'
import type { PaymentToken } from '../../src/shared/domain.ts'

const count = Number(new URLSearchParams(location.search).get('rows') ?? '10000')
const providers = ['swedbankpay', 'payex', 'klarna', 'vipps', 'nexi'] as const
const tokens: PaymentToken[] = Array.from({ length: count }, (_, index) => ({
  provider: providers[index % providers.length]!,
  token: `${index.toString(16).padStart(8, '0')}-${(index * 7919).toString(36)}`,
  tokenType: 'Recurrence',
  state: 'Active',
  displayName: null,
  instrument: 'CreditCard',
  cardBrand: 'Visa',
  lastFour: String(index % 10_000).padStart(4, '0'),
  expiry: '12/2029',
  payerReference: '100001',
  customerNumber: '100001',
  archivedBy: null,
  archiveReason: null,
}))

declare global {
  interface Window {
    __benchResult?: number
  }
}

const started = performance.now()
// The console's plugins: the table's cells read the privacy and customer stores and the message files.
createApp({ render: () => h(TokenTable, { tokens }) }).use(createPinia()).use(i18n).mount('#app')
requestAnimationFrame(() => {
  setTimeout(() => {
    window.__benchResult = performance.now() - started
  }, 0)
})
