/**
 * The one adapter shape behind PayEx, Klarna, Vipps and Nexi: each family is a spec (its endpoints,
 * its list key and a tolerant item reader). Lists are read in client mode with `?customerNumber=`
 * (an assumption, see connect/endpoints.ts). Removal re-reads the customer's list, finds the token
 * (NOT_FOUND if it is gone, nothing sent) and PATCHes the body the family's docs show. Never retried.
 */
import { z } from 'zod'
import type { ConnectProvider, PaymentToken } from '../../shared/domain.ts'
import { AppError } from '../../shared/errors.ts'
import type { HttpClient } from '../http/client.ts'
import type { Endpoint } from '../http/endpoint.ts'
import { envelopeListReader, wireId, wireScalar, wireText } from '../http/wire.ts'
import type { Logger } from '../log.ts'
import type { RemovableAdapter } from './adapter.ts'
import { PROVIDER_LABELS } from './labels.ts'

/** One list item read: the table row (customerNumber still unknown) and the body that removes it. */
export interface ConnectTokenRow {
  paymentToken: Omit<PaymentToken, 'customerNumber'>
  /** null when the item lacks what removal needs (paymentProviderId). */
  removeBody: Record<string, string | number> | null
}

export interface ConnectFamilySpec {
  provider: ConnectProvider
  list: Endpoint
  remove: Endpoint
  /** The list envelope's key, e.g. `paymentRecurrenceTokens`. */
  listKey: string
  item: z.ZodType<ConnectTokenRow>
}

/** `{success:true}` as documented; `success:false` (or "false") means nothing was removed. */
const RemoveAnswer = z.looseObject({ success: z.unknown().optional() })

export function createConnectFamilyAdapter(spec: ConnectFamilySpec, api: HttpClient | null, options: { logger?: Logger } = {}): RemovableAdapter {
  const label = PROVIDER_LABELS[spec.provider]
  const reader = envelopeListReader([spec.listKey], spec.item)
  const requireApi = (): HttpClient => {
    if (api === null) throw new AppError('NOT_CONFIGURED', `${label} (through Connect) is not configured in this profile.`, { provider: spec.provider })
    return api
  }
  const rowsOf = async (customerNumber: string): Promise<ConnectTokenRow[]> => {
    const read = await requireApi().send(
      { endpoint: spec.list, query: { customerNumber }, subject: `${label} tokens for customer ${customerNumber}` },
      reader,
    )
    if (read.skipped > 0) options.logger?.warn(`${spec.provider}: skipped unreadable tokens`, { skipped: read.skipped })
    return read.items
  }

  return {
    provider: spec.provider,
    configured: api !== null,
    async list(target) {
      const { customerNumber } = target
      if (customerNumber === undefined) throw new AppError('VALIDATION', `${label} tokens are found by customer number.`)
      return (await rowsOf(customerNumber)).map((row) => ({ ...row.paymentToken, customerNumber }))
    },
    async remove(customerNumber, token) {
      const row = (await rowsOf(customerNumber)).find((candidate) => candidate.paymentToken.token === token)
      if (row === undefined) {
        throw new AppError('NOT_FOUND', `${label} has no such token for customer ${customerNumber} (removed already?); nothing was removed.`, {
          provider: spec.provider,
        })
      }
      if (row.removeBody === null) {
        throw new AppError('PROVIDER_ERROR', `Connect did not say which ${label} account holds this token; nothing was removed.`, {
          provider: spec.provider,
        })
      }
      const answer = await requireApi().send(
        { endpoint: spec.remove, query: { customerNumber }, json: row.removeBody, subject: `${label} token of customer ${customerNumber}` },
        RemoveAnswer,
      )
      if (answer.success === false || answer.success === 'false') {
        throw new AppError('PROVIDER_ERROR', `Connect answered that the ${label} token was not removed (success: false).`, { provider: spec.provider })
      }
    },
  }
}

/** "VISA xxxx-xxxxxx-x2348"; whichever part exists; null when neither does. */
export function cardDisplayName(brand: string | null, masked: string | null): string | null {
  const parts = [brand, masked].filter((part): part is string => part !== null)
  return parts.length === 0 ? null : parts.join(' ')
}

/** "12" + "18" → "12/2018"; "4" + "2029" → "04/2029"; null when either is missing or not digits. */
export function cardExpiry(month: string | null, year: string | null): string | null {
  if (month === null || year === null || !/^\d{1,2}$/.test(month) || !/^(\d{2}|\d{4})$/.test(year)) return null
  return `${month.padStart(2, '0')}/${year.length === 2 ? `20${year}` : year}`
}

/** The fields every Connect row shares: Active (lists return valid tokens only), no payer, never archived. */
export function connectRow(provider: ConnectProvider, fields: Pick<PaymentToken, 'token' | 'tokenType' | 'displayName' | 'instrument' | 'cardBrand' | 'lastFour' | 'expiry'>): Omit<PaymentToken, 'customerNumber'> {
  return { provider, ...fields, state: 'Active', payerReference: null, archivedBy: null, archiveReason: null }
}

/** "Klarna (AP001)": what an agent recognises a non-card agreement by. */
export function productDisplayName(label: string, productCode: string | null): string {
  return productCode === null ? label : `${label} (${productCode})`
}

/**
 * Klarna's recurring tokens and Vipps' agreements have the same shape: an id under `idField`, the
 * paymentProviderId and the product; no card. Removal sends `{<idField>, paymentProviderId}` back.
 */
export function agreementItem(provider: 'klarna' | 'vipps', idField: string, tokenType: string) {
  const label = PROVIDER_LABELS[provider]
  return z.looseObject({ paymentProviderId: wireScalar, productCode: wireText }).transform((wire, ctx): ConnectTokenRow => {
    const id = wireId.safeParse((wire as Record<string, unknown>)[idField])
    if (!id.success) {
      ctx.addIssue({ code: 'custom', message: `an item without ${idField}` })
      return z.NEVER
    }
    return {
      paymentToken: connectRow(provider, {
        token: id.data,
        tokenType,
        displayName: productDisplayName(label, wire.productCode),
        instrument: label,
        cardBrand: null,
        lastFour: null,
        expiry: null,
      }),
      removeBody: wire.paymentProviderId === null ? null : { [idField]: id.data, paymentProviderId: wire.paymentProviderId },
    }
  })
}
