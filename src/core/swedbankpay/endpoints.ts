/**
 * Every Swedbank Pay path the console calls, or knows of. Relative to the API base
 * ({apiUrl}, e.g. https://api.payex.com). Sources: /work/shared/api/swedbankpay.md (§1.3, §1.5).
 */
import type { Endpoint } from '../http/endpoint.ts'

/** The Payer API (§1.3): the current way to list, read, rename and archive a payer's tokens. */
export const payerApiEndpoints = {
  listActive: { method: 'GET', path: '/online/payers/{payerReference}', status: 'confirmed', source: 'SP-DOC' },
  listArchived: { method: 'GET', path: '/online/payers/{payerReference}/archives', status: 'confirmed', source: 'SP-DOC' },
  getToken: { method: 'GET', path: '/online/payers/tokens/{token}-{tokenType}', status: 'confirmed', source: 'SP-DOC' },
  renameToken: {
    method: 'PATCH',
    path: '/online/payers/tokens/{token}-{tokenType}/displaynames',
    status: 'confirmed',
    source: 'SP-DOC (the dash-less form at 318c47a41 was a typo, §1.8.3)',
  },
  archiveToken: { method: 'PATCH', path: '/online/payers/tokens/{token}-{tokenType}/archives', status: 'confirmed', source: 'SP-DOC' },
  archiveAll: { method: 'PATCH', path: '/online/payers/{payerReference}/archives', status: 'confirmed', source: 'SP-DOC' },
} as const satisfies Record<string, Endpoint>

/** The older PaymentOrder token endpoints (§1.5), to be removed in v3.2 (tokens:legacyDelete; the GET for tests and tools). */
export const paymentOrderTokenEndpoints = {
  payerOwnedTokens: {
    method: 'GET',
    path: '/psp/paymentorders/payerownedtokens/{payerReference}',
    status: 'confirmed',
    source: 'SP-OLD',
  },
  deletePayerOwnedTokens: {
    method: 'PATCH',
    path: '/psp/paymentorders/payerownedtokens/{payerReference}',
    status: 'confirmed',
    source: 'SP-OLD',
  },
  deleteRecurrenceToken: { method: 'PATCH', path: '/psp/paymentorders/recurrenceTokens/{token}', status: 'confirmed', source: 'SP-OLD' },
  deleteUnscheduledToken: { method: 'PATCH', path: '/psp/paymentorders/unscheduledTokens/{token}', status: 'confirmed', source: 'SP-OLD' },
  deletePaymentToken: { method: 'PATCH', path: '/psp/paymentorders/paymentTokens/{token}', status: 'confirmed', source: 'SP-OLD' },
} as const satisfies Record<string, Endpoint>
