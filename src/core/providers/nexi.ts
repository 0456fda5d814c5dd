/**
 * Nexi subscriptions through Connect (MC-REDOC Nexi): `{subscriptions:[…]}`, whose item fields are NOT
 * documented. Assumed and read tolerantly: `subscriptionId` or `id`, `paymentProviderId`, `productCode`,
 * and optionally `maskedCardNumber`, `expiryMonth`/`expirationMonth`, `expiryYear`/`expirationYear`,
 * `cardType`/`cardTypeName`. Remove (undocumented, assumed): PATCH `{subscriptionId, paymentProviderId}`.
 */
import { z } from 'zod'
import { connectEndpoints } from '../connect/endpoints.ts'
import type { HttpClient } from '../http/client.ts'
import { lastDigits, wireId, wireScalar, wireText } from '../http/wire.ts'
import type { Logger } from '../log.ts'
import type { RemovableAdapter } from './adapter.ts'
import { cardDisplayName, cardExpiry, connectRow, createConnectFamilyAdapter, productDisplayName } from './connect-family.ts'
import type { ConnectTokenRow } from './connect-family.ts'

export const NexiSubscriptionItem = z
  .looseObject({
    subscriptionId: wireId.optional(),
    id: wireId.optional(),
    paymentProviderId: wireScalar,
    productCode: wireText,
    maskedCardNumber: wireText,
    expiryMonth: wireText,
    expirationMonth: wireText,
    expiryYear: wireText,
    expirationYear: wireText,
    cardType: wireText,
    cardTypeName: wireText,
  })
  .transform((wire, ctx): ConnectTokenRow => {
    const subscriptionId = wire.subscriptionId ?? wire.id
    if (subscriptionId === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a subscription without subscriptionId or id' })
      return z.NEVER
    }
    const cardBrand = wire.cardType ?? wire.cardTypeName
    return {
      paymentToken: connectRow('nexi', {
        token: subscriptionId,
        tokenType: 'subscription',
        displayName: cardDisplayName(cardBrand, wire.maskedCardNumber) ?? productDisplayName('Nexi', wire.productCode),
        instrument: 'CreditCard',
        cardBrand,
        lastFour: lastDigits(wire.maskedCardNumber),
        expiry: cardExpiry(wire.expiryMonth ?? wire.expirationMonth, wire.expiryYear ?? wire.expirationYear),
      }),
      removeBody: wire.paymentProviderId === null ? null : { subscriptionId, paymentProviderId: wire.paymentProviderId },
    }
  })

export function createNexiAdapter(api: HttpClient | null, options: { logger?: Logger } = {}): RemovableAdapter {
  return createConnectFamilyAdapter(
    { provider: 'nexi', list: connectEndpoints.nexiSubscriptions, remove: connectEndpoints.nexiSubscriptionRemove, listKey: 'subscriptions', item: NexiSubscriptionItem },
    api,
    options,
  )
}
