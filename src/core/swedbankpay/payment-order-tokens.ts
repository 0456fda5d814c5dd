/**
 * Swedbank Pay's older PaymentOrder token endpoints (swedbankpay.md §1.5), to be removed in v3.2:
 * delete one payment, recurrence or unscheduled token, or every token a payer owns, with
 * `{state:"Deleted", comment}`; and list a payer's tokens the old way. The client given here sends
 * the documented `version=3.1/2.0` Content-Type. Deletes are writes: never retried.
 */
import { AppError } from '../../shared/errors.ts'
import type { HttpClient } from '../http/client.ts'
import type { Logger } from '../log.ts'
import { paymentOrderTokenEndpoints } from './endpoints.ts'
import { legacyDeleteAnswerReader, payerOwnedDeleteCount, payerOwnedTokensReader } from './legacy-reader.ts'
import type { PayerOwnedTokens } from './legacy-reader.ts'

export type LegacyTokenKind = 'payment' | 'recurrence' | 'unscheduled'

export interface LegacyDeleted {
  /** How many tokens the provider reported deleted, where it says; null when it does not. */
  count: number | null
}

export interface PaymentOrderTokenApi {
  listPayerOwned(payerReference: string): Promise<PayerOwnedTokens>
  deleteToken(kind: LegacyTokenKind, token: string, comment: string): Promise<LegacyDeleted>
  deletePayerOwned(payerReference: string, comment: string): Promise<LegacyDeleted>
}

export const LEGACY_DELETE_CONTENT_TYPE = 'application/json;version=3.1/2.0'

const DELETE_ENDPOINT = {
  payment: paymentOrderTokenEndpoints.deletePaymentToken,
  recurrence: paymentOrderTokenEndpoints.deleteRecurrenceToken,
  unscheduled: paymentOrderTokenEndpoints.deleteUnscheduledToken,
} as const

export function createPaymentOrderTokenApi(http: HttpClient, options: { logger?: Logger } = {}): PaymentOrderTokenApi {
  const deleted = (comment: string) => ({ state: 'Deleted', comment })
  return {
    async listPayerOwned(payerReference) {
      const list = await http.send(
        { endpoint: paymentOrderTokenEndpoints.payerOwnedTokens, params: { payerReference }, subject: `payer ${payerReference}` },
        payerOwnedTokensReader,
      )
      if (list.skipped > 0) options.logger?.warn('swedbankpay: skipped unreadable payer-owned tokens', { skipped: list.skipped })
      return list
    },
    async deleteToken(kind, token, comment) {
      const answer = await http.send(
        { endpoint: DELETE_ENDPOINT[kind], params: { token }, json: deleted(comment), subject: `${kind} token` },
        legacyDeleteAnswerReader,
      )
      if (answer.isDeleted === false) {
        throw new AppError('PROVIDER_ERROR', 'Swedbank Pay answered that the token was not deleted (isDeleted: false).', { provider: 'swedbankpay' })
      }
      return { count: answer.isDeleted === true ? 1 : null }
    },
    async deletePayerOwned(payerReference, comment) {
      const answer = await http.send(
        {
          endpoint: paymentOrderTokenEndpoints.deletePayerOwnedTokens,
          params: { payerReference },
          json: deleted(comment),
          subject: `payer ${payerReference}`,
        },
        payerOwnedDeleteCount,
      )
      return { count: answer }
    },
  }
}
