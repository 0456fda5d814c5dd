/**
 * Vipps recurring agreements through Connect (MC-REDOC Vipps): `{recurringAgreements:[{agreementRef:"abcd-efgh",
 * paymentProviderId:55, productCode}]}`. Remove: `{agreementRef, paymentProviderId}` (documented body),
 * PATCH on the same path (method and path assumed).
 */
import { connectEndpoints } from '../connect/endpoints.ts'
import type { HttpClient } from '../http/client.ts'
import type { Logger } from '../log.ts'
import type { RemovableAdapter } from './adapter.ts'
import { agreementItem, createConnectFamilyAdapter } from './connect-family.ts'

export const VippsAgreementItem = agreementItem('vipps', 'agreementRef', 'agreement')

export function createVippsAdapter(api: HttpClient | null, options: { logger?: Logger } = {}): RemovableAdapter {
  return createConnectFamilyAdapter(
    {
      provider: 'vipps',
      list: connectEndpoints.vippsAgreements,
      remove: connectEndpoints.vippsAgreementRemove,
      listKey: 'recurringAgreements',
      item: VippsAgreementItem,
    },
    api,
    options,
  )
}
