/**
 * The Swedbank Pay adapter: a payer's tokens from the Payer API, active and archived fetched in
 * parallel, as unified PaymentTokens. Archiving checks first that the token belongs to the payer
 * the agent is looking at and is still active, so a wrong token id never archives someone else's card.
 * An archive or rename whose outcome is unclear (OUTCOME_UNKNOWN) is reconciled by reading the token
 * again, never by sending the PATCH again: applied → the answer; not applied (yet) → OUTCOME_UNKNOWN saying so.
 */
import type { PaymentToken } from '../../shared/domain.ts'
import { AppError, isAppError } from '../../shared/errors.ts'
import { payerReferenceFor } from '../payer-reference.ts'
import type { PayerReferenceMapper } from '../payer-reference.ts'
import type { PayerApi, TokenRef } from '../swedbankpay/payer-api.ts'
import type { PayerToken } from '../swedbankpay/token-reader.ts'
import type { ProviderAdapter, TokenTarget } from './adapter.ts'

export interface SwedbankPayAdapter extends ProviderAdapter {
  archive(request: { payerReference: string; customerNumber?: string } & TokenRef, reason: string): Promise<PaymentToken>
  /** Every active token of the payer archived at once; answers the archived tokens. */
  archiveAll(payerReference: string, reason: string): Promise<PaymentToken[]>
  rename(ref: TokenRef, displayName: string): Promise<PaymentToken>
}

export function createSwedbankPayAdapter(
  api: PayerApi | null,
  options: { payerReferenceOf?: PayerReferenceMapper } = {},
): SwedbankPayAdapter {
  const payerReferenceOf = options.payerReferenceOf ?? payerReferenceFor
  const requireApi = (): PayerApi => {
    if (api === null) throw new AppError('NOT_CONFIGURED', 'Swedbank Pay is not configured in this profile.', { provider: 'swedbankpay' })
    return api
  }
  const targetPayer = (target: TokenTarget): string => {
    if (target.payerReference !== undefined) return target.payerReference
    if (target.customerNumber !== undefined) return payerReferenceOf(target.customerNumber)
    throw new AppError('VALIDATION', 'Give a customer number or a payer reference.')
  }
  return {
    provider: 'swedbankpay',
    configured: api !== null,
    async list(target, opts) {
      const payerReference = targetPayer(target)
      const payer = requireApi()
      const [active, archived] = await Promise.all([
        payer.listActive(payerReference),
        opts.includeArchived ? payer.listArchived(payerReference) : Promise.resolve([]),
      ])
      const customerNumber = target.customerNumber ?? null
      return [...active, ...archived].map((token) => toPaymentToken(token, payerReference, customerNumber))
    },
    async archive(request, reason) {
      const payer = requireApi()
      const ref = { token: request.token, tokenType: request.tokenType }
      const current = await payer.getToken(ref)
      if (current.payerReference !== null && current.payerReference !== request.payerReference) {
        throw new AppError('CONFLICT', 'This token belongs to another payer; nothing was archived.', { provider: 'swedbankpay' })
      }
      if (current.state === 'Archived') {
        throw new AppError('CONFLICT', 'This token is already archived.', { provider: 'swedbankpay' })
      }
      const archived = await reconciled(payer, ref, 'archive', () => payer.archiveToken(ref, reason), (read) => read.state === 'Archived')
      return toPaymentToken(archived, request.payerReference, request.customerNumber ?? null)
    },
    async archiveAll(payerReference, reason) {
      const archived = await requireApi().archiveAll(payerReference, reason)
      return archived.map((token) => toPaymentToken(token, payerReference, null))
    },
    async rename(ref, displayName) {
      const payer = requireApi()
      const renamed = await reconciled(payer, ref, 'rename', () => payer.renameToken(ref, displayName), (read) => read.displayName === displayName)
      return toPaymentToken(renamed, null, null)
    },
  }
}

/**
 * Runs the PATCH once. When its outcome is unclear, reads the token: the change is there → the token as
 * read; it is not → OUTCOME_UNKNOWN that says so (the agent may try again); the read fails → the first error.
 */
async function reconciled(
  payer: PayerApi,
  ref: TokenRef,
  change: 'archive' | 'rename',
  patch: () => Promise<PayerToken>,
  applied: (read: PayerToken) => boolean,
): Promise<PayerToken> {
  try {
    return await patch()
  } catch (error) {
    if (!isAppError(error) || error.code !== 'OUTCOME_UNKNOWN') throw error
    let read: PayerToken
    try {
      read = await payer.getToken(ref)
    } catch {
      throw error
    }
    if (applied(read)) return read
    // Not proof that it never will be: a request that timed out may still be on its way.
    const [noun, state] = change === 'archive' ? ['archive', 'not archived'] : ['new name', 'not renamed']
    throw new AppError(
      'OUTCOME_UNKNOWN',
      `Swedbank Pay did not confirm the ${noun}; reading the token again shows it ${state} (yet). ` +
        `Refresh in a moment: if it is still ${state}, you may try again.`,
      { provider: 'swedbankpay', ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }) },
    )
  }
}

export function toPaymentToken(token: PayerToken, payerReference: string | null, customerNumber: string | null): PaymentToken {
  return {
    provider: 'swedbankpay',
    token: token.token,
    tokenType: token.tokenType,
    state: token.state,
    displayName: token.displayName,
    instrument: token.instrument,
    cardBrand: token.cardBrand,
    lastFour: token.lastFour,
    expiry: token.expiry,
    payerReference: token.payerReference ?? payerReference,
    customerNumber,
    archivedBy: token.archivedBy,
    archiveReason: token.archiveReason,
  }
}
