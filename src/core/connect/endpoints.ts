/**
 * Every Connect / ConnectID path the console calls, or will call. Paths are relative to the
 * Connect API base ({apiUrl}, e.g. https://api.mediaconnect.no/capi), except `token`, which is
 * relative to the ConnectID login server ({loginUrl}), and `invoicePaymentPage`. Sources: /work/shared/api/connect.md.
 * `assumed` rows are not in the public docs: check them against the real API before relying on them.
 */
import type { Endpoint } from '../http/endpoint.ts'

export const connectEndpoints = {
  /** Client credentials and refresh; on the login server. */
  token: { method: 'POST', path: '/oauth/token', base: 'login', status: 'confirmed', source: 'MC-UNITE OAuth page; OC, RS (§2.2)' },

  /** Search customer (client mode): path and shape not public; `/v1/client/customer/...` is the pattern. */
  customerSearch: { method: 'GET', path: '/v1/client/customer/search', status: 'assumed', source: '[?] §2.5, pattern [I]' },
  /** List customer info (client mode): the user-mode response shape is documented, the path is not. */
  customerInfo: { method: 'GET', path: '/v1/client/customer/{customerNumber}', status: 'assumed', source: '[?] §2.5, shape MC-REDOC Customer' },

  /**
   * Payment tokens and agreements. The docs describe them in user mode only (the customer signed in);
   * the console calls them in client mode with `?customerNumber=` added: that variant is ASSUMED [I]
   * for every row below, whatever the docs confirm about the path.
   */
  payexTokens: { method: 'GET', path: '/v1/api/payment/payex/token', status: 'assumed', source: 'path MC-REDOC PayEx (user mode); client mode + ?customerNumber [I]' },
  payexTokenRemove: {
    method: 'PATCH',
    path: '/v1/api/payment/payex/token',
    status: 'assumed',
    source: 'method MC-REDOC nav, body {paymentProviderId:"11", recurrenceToken} MC-REDOC; path and ?customerNumber [I]',
  },
  klarnaTokens: { method: 'GET', path: '/v1/customer/payment/klarna/token', status: 'assumed', source: 'path MC-REDOC Klarna (user mode); client mode + ?customerNumber [I]' },
  klarnaTokenRemove: {
    method: 'PATCH',
    path: '/v1/customer/payment/klarna/token',
    status: 'assumed',
    source: 'method MC-REDOC nav; path, body {token, paymentProviderId} and ?customerNumber [I]',
  },
  vippsAgreements: { method: 'GET', path: '/v1/customer/payment/vipps/agreement', status: 'assumed', source: 'path MC-REDOC Vipps (user mode); client mode + ?customerNumber [I]' },
  vippsAgreementRemove: {
    method: 'PATCH',
    path: '/v1/customer/payment/vipps/agreement',
    status: 'assumed',
    source: 'body {agreementRef, paymentProviderId} MC-REDOC; method, path and ?customerNumber [I]',
  },
  nexiSubscriptions: {
    method: 'GET',
    path: '/v1/api/payment/nexi/subscription',
    status: 'assumed',
    source: 'path MC-REDOC Nexi (user mode); item fields [?]; client mode + ?customerNumber [I]',
  },
  nexiSubscriptionRemove: {
    method: 'PATCH',
    path: '/v1/api/payment/nexi/subscription',
    status: 'assumed',
    source: 'Nexi remove is not documented [?]; method, path, body {subscriptionId, paymentProviderId} [I]',
  },

  /** Products (client mode); item fields are not documented, the reader accepts the likely spellings. */
  products: { method: 'GET', path: '/v1/client/product', status: 'confirmed', source: '[C-client] OC ClientApi.php, RS, ruby §2.5; item fields [?]' },

  /** Invoices. */
  invoicesForProduct: {
    method: 'GET',
    path: '/v1/client/customer/invoice/payment/{customerNumber}/{productCode}',
    status: 'confirmed',
    source: 'MC-UNITE list-invoices-for-product-client-mode',
  },
  /** Documented in user mode; the console sends the agent's ConnectID token, else the client token [I]. */
  payInvoice: {
    method: 'POST',
    path: '/v1/api/payment/invoice',
    status: 'assumed',
    source: 'path and body MC-REDOC Payment (user mode); with an agent or client token, and ?customerNumber [I]',
  },
  /** A browser page on the login server ({loginUrl}), never called by the console: it builds the link. */
  invoicePaymentPage: {
    method: 'GET',
    path: '/payment/invoice/pay',
    base: 'login',
    status: 'confirmed',
    source: 'MC-REDOC §2.4 (clientId, returnUrl, errorUrl, transactionId); result parameter name [?]',
  },
} as const satisfies Record<string, Endpoint>

export type ConnectEndpointName = keyof typeof connectEndpoints
