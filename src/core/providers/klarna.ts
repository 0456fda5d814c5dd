/**
 * Klarna recurring tokens through Connect (MC-REDOC Klarna): `{recurringTokens:[{token, paymentProviderId,
 * productCode}]}`. Remove: PATCH on the same path with `{token, paymentProviderId}` (path and body assumed).
 */
import { connectEndpoints } from '../connect/endpoints.ts'
import type { HttpClient } from '../http/client.ts'
import type { Logger } from '../log.ts'
import type { RemovableAdapter } from './adapter.ts'
import { agreementItem, createConnectFamilyAdapter } from './connect-family.ts'

export const KlarnaTokenItem = agreementItem('klarna', 'token', 'recurring')

export function createKlarnaAdapter(api: HttpClient | null, options: { logger?: Logger } = {}): RemovableAdapter {
  return createConnectFamilyAdapter(
    { provider: 'klarna', list: connectEndpoints.klarnaTokens, remove: connectEndpoints.klarnaTokenRemove, listKey: 'recurringTokens', item: KlarnaTokenItem },
    api,
    options,
  )
}
