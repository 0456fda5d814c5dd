/**
 * Swedbank Pay Payer API (swedbankpay.md §1.3): list a payer's active and archived tokens, read,
 * rename and archive one token, archive all of a payer's tokens. Writers send the current
 * documented form: `{reason, updatedBy: "PAYEE"}` and `{displayName}`.
 */
import type { HttpClient } from '../http/client.ts'
import { AppError } from '../../shared/errors.ts'
import type { Logger } from '../log.ts'
import { payerApiEndpoints } from './endpoints.ts'
import { singleTokenReader, tokenListReader } from './token-reader.ts'
import type { PayerToken, PayerTokenList } from './token-reader.ts'

export interface TokenRef {
  token: string
  tokenType: string
}

export interface PayerApi {
  /** Active tokens; a payer Swedbank Pay does not know (404) has none. */
  listActive(payerReference: string): Promise<PayerToken[]>
  /** Archived tokens; a payer Swedbank Pay does not know (404) has none. */
  listArchived(payerReference: string): Promise<PayerToken[]>
  getToken(ref: TokenRef): Promise<PayerToken>
  archiveToken(ref: TokenRef, reason: string): Promise<PayerToken>
  renameToken(ref: TokenRef, displayName: string): Promise<PayerToken>
  archiveAll(payerReference: string, reason: string): Promise<PayerToken[]>
}

/** Who archives: the merchant (us), in the current enum's spelling. */
export const UPDATED_BY = 'PAYEE'

const activeList = tokenListReader('Active')
const archivedList = tokenListReader('Archived')
const singleToken = singleTokenReader('Active')
const archivedToken = singleTokenReader('Archived')

export function createPayerApi(http: HttpClient, options: { logger?: Logger } = {}): PayerApi {
  const tokensOf = (list: PayerTokenList): PayerToken[] => {
    if (list.skipped > 0) options.logger?.warn('swedbankpay: skipped unreadable tokens', { skipped: list.skipped })
    return list.tokens
  }
  const emptyWhenUnknown = async (load: () => Promise<PayerToken[]>): Promise<PayerToken[]> => {
    try {
      return await load()
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return []
      throw error
    }
  }
  const tokenSubject = (ref: TokenRef) => `token ${ref.token} (${ref.tokenType})`

  return {
    listActive: (payerReference) =>
      emptyWhenUnknown(async () =>
        tokensOf(await http.send({ endpoint: payerApiEndpoints.listActive, params: { payerReference } }, activeList)),
      ),
    listArchived: (payerReference) =>
      emptyWhenUnknown(async () =>
        tokensOf(await http.send({ endpoint: payerApiEndpoints.listArchived, params: { payerReference } }, archivedList)),
      ),
    getToken: (ref) =>
      http.send({ endpoint: payerApiEndpoints.getToken, params: { token: ref.token, tokenType: ref.tokenType }, subject: tokenSubject(ref) }, singleToken),
    archiveToken: (ref, reason) =>
      http.send(
        {
          endpoint: payerApiEndpoints.archiveToken,
          params: { token: ref.token, tokenType: ref.tokenType },
          json: { reason, updatedBy: UPDATED_BY },
          subject: tokenSubject(ref),
        },
        archivedToken,
      ),
    renameToken: (ref, displayName) =>
      http.send(
        { endpoint: payerApiEndpoints.renameToken, params: { token: ref.token, tokenType: ref.tokenType }, json: { displayName }, subject: tokenSubject(ref) },
        singleToken,
      ),
    archiveAll: async (payerReference, reason) =>
      tokensOf(
        await http.send(
          { endpoint: payerApiEndpoints.archiveAll, params: { payerReference }, json: { reason, updatedBy: UPDATED_BY } },
          archivedList,
        ),
      ),
  }
}
