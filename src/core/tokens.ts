/**
 * The cross-provider token table. Every requested provider is asked in parallel; each gets its own
 * status (loaded / failed with its error / not_configured), so one failing provider never blanks
 * the others.
 */
import type { ParsedRequestOf } from '../shared/contract.ts'
import { PROVIDERS } from '../shared/domain.ts'
import type { PaymentToken, Provider, ProviderStatus, TokenListing } from '../shared/domain.ts'
import { AppError } from '../shared/errors.ts'
import { toErrorData } from './error-data.ts'
import { pathSegment } from './http/paths.ts'
import type { Logger } from './log.ts'
import { payerReferenceFor } from './payer-reference.ts'
import type { ProviderAdapter } from './providers/adapter.ts'
import { PROVIDER_LABELS } from './providers/labels.ts'
import type { SwedbankPayAdapter } from './providers/swedbankpay.ts'

export interface TokenService {
  listTokens(request: ParsedRequestOf<'tokens:list'>): Promise<TokenListing>
  archiveToken(request: ParsedRequestOf<'tokens:archive'>): Promise<PaymentToken>
}

export function createTokenService(options: {
  adapters: ProviderAdapter[]
  swedbankPay: SwedbankPayAdapter
  logger: Logger
}): TokenService {
  const { adapters, swedbankPay, logger } = options

  return {
    async listTokens(request) {
      // A payerReference that can never be a path segment is the caller's mistake, not a provider's.
      if (request.payerReference !== undefined) pathSegment(request.payerReference, 'payerReference')
      const providers = [...new Set<Provider>(request.providers ?? PROVIDERS)]
      const target = {
        ...(request.customerNumber === undefined ? {} : { customerNumber: request.customerNumber }),
        ...(request.payerReference === undefined ? {} : { payerReference: request.payerReference }),
      }
      const opts = { includeArchived: request.includeArchived ?? false }
      const asked = providers.map((provider) => {
        const adapter = adapters.find((candidate) => candidate.provider === provider)
        return { provider, adapter, result: adapter?.configured ? adapter.list(target, opts) : null }
      })
      const settled = await Promise.allSettled(asked.map((entry) => entry.result ?? Promise.resolve([])))

      const tokens: PaymentToken[] = []
      const statuses: ProviderStatus[] = asked.map(({ provider, adapter, result }, index) => {
        if (result === null) return notConfigured(provider, adapter !== undefined)
        const outcome = settled[index]!
        if (outcome.status === 'rejected') {
          const error = toErrorData(outcome.reason, logger, { channel: 'tokens:list', provider })
          return { provider, status: 'failed', count: 0, error }
        }
        tokens.push(...outcome.value)
        return { provider, status: 'loaded', count: outcome.value.length }
      })

      return {
        customerNumber: request.customerNumber ?? null,
        payerReference: request.payerReference ?? (request.customerNumber === undefined ? null : payerReferenceFor(request.customerNumber)),
        tokens,
        providers: statuses,
      }
    },

    async archiveToken(request) {
      if (!swedbankPay.configured) {
        throw new AppError('NOT_CONFIGURED', 'Swedbank Pay is not configured in this profile.', { provider: 'swedbankpay' })
      }
      const archived = await swedbankPay.archive(
        { payerReference: request.payerReference, token: request.token, tokenType: request.tokenType },
        request.reason,
      )
      logger.info('token archived', { provider: 'swedbankpay', tokenType: request.tokenType })
      return archived
    },
  }
}

function notConfigured(provider: Provider, hasAdapter: boolean): ProviderStatus {
  const label = PROVIDER_LABELS[provider]
  const message = hasAdapter ? `${label} is not configured in this profile.` : `The console cannot read ${label} tokens yet.`
  return { provider, status: 'not_configured', count: 0, error: { code: 'NOT_CONFIGURED', message, provider } }
}
