/**
 * PayEx recurrence tokens through Connect (MC-REDOC PayEx): `{paymentRecurrenceTokens:[{recurrenceToken,
 * paymentProviderId (int in the list, string in the remove example), merchantId, productCode,
 * maskedCardNumber:"xxxx-xxxxxx-x2348", expirationMonth:"12", expirationYear:"18", cardTypeName:"VISA"}]}`.
 * Remove: PATCH `{paymentProviderId:"<string>", recurrenceToken}` → `{success:true}`.
 */
import { z } from 'zod'
import { connectEndpoints } from '../connect/endpoints.ts'
import type { HttpClient } from '../http/client.ts'
import { lastDigits, wireId, wireScalar, wireText } from '../http/wire.ts'
import type { Logger } from '../log.ts'
import type { RemovableAdapter } from './adapter.ts'
import { cardDisplayName, cardExpiry, connectRow, createConnectFamilyAdapter } from './connect-family.ts'
import type { ConnectTokenRow } from './connect-family.ts'

export const PayexTokenItem = z
  .looseObject({
    recurrenceToken: wireId,
    paymentProviderId: wireScalar,
    productCode: wireText,
    maskedCardNumber: wireText,
    expirationMonth: wireText,
    expirationYear: wireText,
    cardTypeName: wireText,
  })
  .transform(
    (wire): ConnectTokenRow => ({
      paymentToken: connectRow('payex', {
        token: wire.recurrenceToken,
        tokenType: 'recurrence',
        displayName: cardDisplayName(wire.cardTypeName, wire.maskedCardNumber),
        instrument: 'CreditCard',
        cardBrand: wire.cardTypeName,
        lastFour: lastDigits(wire.maskedCardNumber),
        expiry: cardExpiry(wire.expirationMonth, wire.expirationYear),
      }),
      removeBody:
        wire.paymentProviderId === null
          ? null
          : { paymentProviderId: String(wire.paymentProviderId), recurrenceToken: wire.recurrenceToken },
    }),
  )

export function createPayexAdapter(api: HttpClient | null, options: { logger?: Logger } = {}): RemovableAdapter {
  return createConnectFamilyAdapter(
    { provider: 'payex', list: connectEndpoints.payexTokens, remove: connectEndpoints.payexTokenRemove, listKey: 'paymentRecurrenceTokens', item: PayexTokenItem },
    api,
    options,
  )
}
