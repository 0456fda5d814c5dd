import { defineStore } from 'pinia'
import type { ResponseOf } from '../../../shared/contract.ts'
import type { PaymentToken, TokenAction } from '../../../shared/domain.ts'
import type { ErrorCode, Result } from '../../../shared/errors.ts'
import { api } from '../api.ts'
import { actionsFor, legacyKind, tokenKey } from '../lib/tokens.ts'
import { useCustomerStore } from './customer.ts'
import { t } from '../i18n.ts'

export type LegacyDeleted = ResponseOf<'tokens:legacyDelete'>
export type Removed = ResponseOf<'tokens:remove'>

/** After these the screen may be wrong: the list is refreshed so it tells the truth again. */
const REFRESH_AFTER: ReadonlySet<ErrorCode> = new Set(['CONFLICT', 'NOT_FOUND', 'OUTCOME_UNKNOWN'])

const refused = (message: string): Result<never> => ({ ok: false, error: { code: 'VALIDATION', message } })

/**
 * Everything an agent can do to the open customer's tokens. Each write goes out once per token at
 * a time (a second request while the first is in flight gets the first one's answer); afterwards the
 * token list is refreshed from the server, also after a conflict, a vanished token or an unclear
 * outcome. Answers for a customer the agent has already left change nothing.
 */
export const useTokenActionsStore = defineStore('tokenActions', () => {
  const customer = useCustomerStore()
  const inFlight = new Map<string, Promise<Result<unknown>>>()

  function write<T>(key: string, call: () => Promise<Result<T>>, applied?: (data: T) => void): Promise<Result<T>> {
    const running = inFlight.get(key)
    if (running !== undefined) return running as Promise<Result<T>>
    const still = customer.stillOpen()
    const task = call()
      .then((result) => {
        if (still()) {
          if (result.ok) applied?.(result.data)
          if (result.ok || REFRESH_AFTER.has(result.error.code)) void customer.loadTokens()
        }
        return result
      })
      .finally(() => inFlight.delete(key))
    inFlight.set(key, task)
    return task
  }

  const allowed = (token: PaymentToken, action: TokenAction): boolean => actionsFor(token).includes(action)
  /** Cached tokens are read-only: every write to them is refused before it is sent. */
  const cached = (token: PaymentToken): Result<never> | null => (customer.isCached(token.provider) ? refused(t('tokenRules.cached')) : null)

  /** Archives one Swedbank Pay token with the agent's reason (stored with the token). */
  function archive(token: PaymentToken, reason: string): Promise<Result<PaymentToken>> {
    const readOnly = cached(token)
    if (readOnly !== null) return Promise.resolve(readOnly)
    const payerReference = customer.payerReferenceFor(token)
    const trimmed = reason.trim()
    if (token.provider !== 'swedbankpay' || !allowed(token, 'archive')) return Promise.resolve(refused(t('tokenRules.archiveOnly')))
    if (payerReference === null) return Promise.resolve(refused(t('tokenRules.noPayerReference')))
    if (trimmed.length === 0) return Promise.resolve(refused(t('tokenRules.reasonRequired')))
    const request = { provider: 'swedbankpay', payerReference, token: token.token, tokenType: token.tokenType, reason: trimmed } as const
    return write(`archive:${tokenKey(token)}`, () => api().tokens.archive(request), customer.replaceToken)
  }

  /** Archives every active Swedbank Pay token of the customer's payerReference. */
  function archiveAll(reason: string): Promise<Result<PaymentToken[]>> {
    const payerReference = customer.payerReferenceFor()
    const trimmed = reason.trim()
    if (customer.isCached('swedbankpay')) return Promise.resolve(refused(t('tokenRules.cached')))
    if (payerReference === null) return Promise.resolve(refused(t('tokenRules.customerNoPayerReference')))
    if (trimmed.length === 0) return Promise.resolve(refused(t('tokenRules.reasonRequired')))
    const request = { provider: 'swedbankpay', payerReference, reason: trimmed } as const
    return write(`archiveAll:${payerReference}`, () => api().tokens.archiveAll(request))
  }

  /** Gives a Swedbank Pay token a new display name (1 to 100 characters). */
  function rename(token: PaymentToken, displayName: string): Promise<Result<PaymentToken>> {
    const readOnly = cached(token)
    if (readOnly !== null) return Promise.resolve(readOnly)
    const trimmed = displayName.trim()
    if (token.provider !== 'swedbankpay' || !allowed(token, 'rename')) return Promise.resolve(refused(t('tokenRules.renameOnly')))
    if (trimmed.length === 0 || trimmed.length > 100) return Promise.resolve(refused(t('tokenRules.nameLength')))
    const request = { provider: 'swedbankpay', token: token.token, tokenType: token.tokenType, displayName: trimmed } as const
    return write(`rename:${tokenKey(token)}`, () => api().tokens.rename(request), customer.replaceToken)
  }

  /**
   * Removes a token of a Connect family (PayEx, Klarna, Vipps, Nexi). Connect takes no reason: the
   * dialog requires one for the agent's record, but it is not sent.
   */
  function remove(token: PaymentToken): Promise<Result<Removed>> {
    const readOnly = cached(token)
    if (readOnly !== null) return Promise.resolve(readOnly)
    const customerNumber = token.customerNumber ?? customer.customerNumber
    if (token.provider === 'swedbankpay' || !allowed(token, 'remove')) return Promise.resolve(refused(t('tokenRules.removeOnly')))
    if (customerNumber === null) return Promise.resolve(refused(t('tokenRules.noCustomerNumber')))
    const request = { provider: token.provider, customerNumber, token: token.token }
    return write(`remove:${tokenKey(token)}`, () => api().tokens.remove(request))
  }

  /** Deletes one Swedbank Pay token for good through the old PaymentOrder API, with a comment. */
  function legacyDelete(token: PaymentToken, comment: string): Promise<Result<LegacyDeleted>> {
    const readOnly = cached(token)
    if (readOnly !== null) return Promise.resolve(readOnly)
    const kind = legacyKind(token.tokenType)
    const trimmed = comment.trim()
    if (kind === null || !allowed(token, 'legacyDelete')) return Promise.resolve(refused(t('tokenRules.legacyOnly')))
    if (trimmed.length === 0) return Promise.resolve(refused(t('tokenRules.commentRequired')))
    const request = { kind, token: token.token, comment: trimmed }
    return write(`legacyDelete:${tokenKey(token)}`, () => api().tokens.legacyDelete(request))
  }

  return { archive, archiveAll, rename, remove, legacyDelete }
})
