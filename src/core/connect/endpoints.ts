/**
 * Every Connect / ConnectID path the console calls, or will call. Paths are relative to the
 * Connect API base ({apiUrl}, e.g. https://api.mediaconnect.no/capi), except `token`, which is
 * relative to the ConnectID login server ({loginUrl}). Sources: /work/shared/api/connect.md.
 * `assumed` rows are not in the public docs: check them against the real API before relying on them.
 */
import type { Endpoint } from '../http/endpoint.ts'

export const connectEndpoints = {
  /** Client credentials and refresh; on the login server. */
  token: { method: 'POST', path: '/oauth/token', status: 'confirmed', source: 'MC-UNITE OAuth page; OC, RS (§2.2)' },

  /** Search customer (client mode): path and shape not public; `/v1/client/customer/...` is the pattern. */
  customerSearch: { method: 'GET', path: '/v1/client/customer/search', status: 'assumed', source: '[?] §2.5, pattern [I]' },
  /** List customer info (client mode): the user-mode response shape is documented, the path is not. */
  customerInfo: { method: 'GET', path: '/v1/client/customer/{customerNumber}', status: 'assumed', source: '[?] §2.5, shape MC-REDOC Customer' },

  /** Payment tokens and agreements (user mode in the docs; client-mode variants unknown). */
  payexTokens: { method: 'GET', path: '/v1/api/payment/payex/token', status: 'confirmed', source: 'MC-REDOC PayEx' },
  payexTokenRemove: { method: 'PATCH', path: '/v1/api/payment/payex/token', status: 'assumed', source: 'method MC-REDOC nav, path [I]' },
  klarnaTokens: { method: 'GET', path: '/v1/customer/payment/klarna/token', status: 'confirmed', source: 'MC-REDOC Klarna' },
  klarnaTokenRemove: { method: 'PATCH', path: '/v1/customer/payment/klarna/token', status: 'assumed', source: 'method MC-REDOC nav, path [I]' },
  vippsAgreements: { method: 'GET', path: '/v1/customer/payment/vipps/agreement', status: 'confirmed', source: 'MC-REDOC Vipps' },
  vippsAgreementRemove: { method: 'PATCH', path: '/v1/customer/payment/vipps/agreement', status: 'assumed', source: '[I] §2.5' },
  nexiSubscriptions: { method: 'GET', path: '/v1/api/payment/nexi/subscription', status: 'confirmed', source: 'MC-REDOC Nexi' },

  /** Invoices. */
  invoicesForProduct: {
    method: 'GET',
    path: '/v1/client/customer/invoice/payment/{customerNumber}/{productCode}',
    status: 'confirmed',
    source: 'MC-UNITE list-invoices-for-product-client-mode',
  },
  payInvoice: { method: 'POST', path: '/v1/api/payment/invoice', status: 'confirmed', source: 'MC-REDOC Payment' },
} as const satisfies Record<string, Endpoint>

export type ConnectEndpointName = keyof typeof connectEndpoints
