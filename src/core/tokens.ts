/**
 * The cross-provider token table and every token action. Every requested provider is asked in
 * parallel; each gets its own status (loaded / failed with its error / not_configured / cached: the
 * provider could not be reached and its last cached list is shown), so one failing provider never blanks
 * the others. Connect's families find tokens by customer number only:
 * a request with just a payerReference leaves them out. Writes name the acting agent in the log.
 */
import type { ParsedRequestOf, ResponseOf } from '../shared/contract.ts'
import { z } from 'zod'
import { CONNECT_PROVIDERS, PROVIDERS, PaymentToken as PaymentTokenSchema } from '../shared/domain.ts'
import type { Agent, PaymentToken, Provider, ProviderStatus, TokenListing } from '../shared/domain.ts'
import { AppError } from '../shared/errors.ts'
import { cacheKeys, liveOnly } from './cache/offline.ts'
import type { OfflineLookups } from './cache/offline.ts'
import { toErrorData } from './error-data.ts'
import { pathSegment } from './http/paths.ts'
import type { Logger } from './log.ts'
import { payerReferenceFor } from './payer-reference.ts'
import type { PayerReferenceMapper } from './payer-reference.ts'
import type { ProviderAdapter, RemovableAdapter } from './providers/adapter.ts'
import { PROVIDER_LABELS } from './providers/labels.ts'
import type { SwedbankPayAdapter } from './providers/swedbankpay.ts'
import type { PaymentOrderTokenApi } from './swedbankpay/payment-order-tokens.ts'

export interface TokenService {
  listTokens(request: ParsedRequestOf<'tokens:list'>): Promise<TokenListing>
  archiveToken(request: ParsedRequestOf<'tokens:archive'>, actor?: Agent): Promise<PaymentToken>
  archiveAll(request: ParsedRequestOf<'tokens:archiveAll'>, actor?: Agent): Promise<PaymentToken[]>
  rename(request: ParsedRequestOf<'tokens:rename'>, actor?: Agent): Promise<PaymentToken>
  remove(request: ParsedRequestOf<'tokens:remove'>, actor?: Agent): Promise<ResponseOf<'tokens:remove'>>
  legacyDelete(request: ParsedRequestOf<'tokens:legacyDelete'>, actor?: Agent): Promise<ResponseOf<'tokens:legacyDelete'>>
}

export function createTokenService(options: {
  adapters: ProviderAdapter[]
  swedbankPay: SwedbankPayAdapter
  /** The old PaymentOrder token endpoints; null without Swedbank Pay credentials. */
  paymentOrderTokens?: PaymentOrderTokenApi | null
  payerReferenceOf?: PayerReferenceMapper
  /** Keeps each provider's list and stands in for a provider that cannot be reached. Default: live only. */
  offline?: OfflineLookups
  logger: Logger
}): TokenService {
  const { adapters, swedbankPay, logger } = options
  const offline = options.offline ?? liveOnly
  const payerReferenceOf = options.payerReferenceOf ?? payerReferenceFor
  const audit = (what: string, provider: Provider, actor: Agent | undefined, fields: Record<string, unknown> = {}) =>
    logger.info(what, { provider, agent: actor?.userId ?? null, ...fields })
  const configuredSwedbankPay = (): SwedbankPayAdapter => {
    if (!swedbankPay.configured) throw notConfiguredError('swedbankpay')
    return swedbankPay
  }

  return {
    async listTokens(request) {
      // A payerReference that can never be a path segment is the caller's mistake, not a provider's.
      if (request.payerReference !== undefined) pathSegment(request.payerReference, 'payerReference')
      const { customerNumber, payerReference } = request
      const target = {
        ...(customerNumber === undefined ? {} : { customerNumber }),
        ...(payerReference === undefined ? {} : { payerReference }),
      }
      const opts = { includeArchived: request.includeArchived ?? false }
      const asked = [...new Set<Provider>(request.providers ?? PROVIDERS)]
        // Connect's families find tokens by customer number only: without one they are not asked (nor reported).
        .filter((provider) => customerNumber !== undefined || !isConnectProvider(provider))
        .map((provider) => {
          const adapter = adapters.find((candidate) => candidate.provider === provider)
          if (!adapter?.configured) return { provider, adapter, result: null }
          const spec = {
            kind: 'tokens',
            key: cacheKeys.tokens(provider, target, opts.includeArchived),
            customerNumber: customerNumber ?? null,
            schema: TokenList,
          } as const
          return { provider, adapter, result: offline.lookup(spec, () => adapter.list(target, opts)) }
        })
      const settled = await Promise.allSettled(asked.map((entry) => entry.result ?? Promise.resolve(null)))

      const tokens: PaymentToken[] = []
      const statuses: ProviderStatus[] = asked.map(({ provider, adapter, result }, index) => {
        if (result === null) return notConfigured(provider, adapter !== undefined)
        const outcome = settled[index]!
        if (outcome.status === 'rejected') {
          const error = toErrorData(outcome.reason, logger, { channel: 'tokens:list', provider })
          return { provider, status: 'failed', count: 0, error }
        }
        const looked = outcome.value!
        tokens.push(...looked.value)
        if (looked.cachedAt === null) return { provider, status: 'loaded', count: looked.value.length }
        const error = toErrorData(looked.error, logger, { channel: 'tokens:list', provider })
        return { provider, status: 'cached', count: looked.value.length, cachedAt: looked.cachedAt, error }
      })

      return {
        customerNumber: customerNumber ?? null,
        payerReference: payerReference ?? (customerNumber === undefined ? null : payerReferenceOf(customerNumber)),
        tokens,
        providers: statuses,
      }
    },

    async archiveToken(request, actor) {
      const archived = await configuredSwedbankPay().archive(
        { payerReference: request.payerReference, token: request.token, tokenType: request.tokenType },
        request.reason,
      )
      audit('token archived', 'swedbankpay', actor, { tokenType: request.tokenType })
      return archived
    },

    async archiveAll(request, actor) {
      const archived = await configuredSwedbankPay().archiveAll(request.payerReference, request.reason)
      audit('all tokens of a payer archived', 'swedbankpay', actor, { tokenCount: archived.length })
      return archived
    },

    async rename(request, actor) {
      const renamed = await configuredSwedbankPay().rename({ token: request.token, tokenType: request.tokenType }, request.displayName)
      audit('token renamed', 'swedbankpay', actor, { tokenType: request.tokenType })
      return renamed
    },

    async remove(request, actor) {
      const adapter = adapters.find((candidate): candidate is RemovableAdapter => candidate.provider === request.provider && 'remove' in candidate)
      if (adapter === undefined || !adapter.configured) throw notConfiguredError(request.provider)
      await adapter.remove(request.customerNumber, request.token)
      audit('token removed', request.provider, actor)
      return { provider: request.provider, token: request.token, removed: true }
    },

    async legacyDelete(request, actor) {
      const api = options.paymentOrderTokens ?? null
      if (api === null) throw notConfiguredError('swedbankpay')
      const { count } =
        request.kind === 'payerOwned'
          ? await api.deletePayerOwned(request.payerReference, request.comment)
          : await api.deleteToken(request.kind, request.token, request.comment)
      audit('token deleted (PaymentOrder API)', 'swedbankpay', actor, { kind: request.kind, tokenCount: count })
      return { kind: request.kind, deleted: true, count }
    },
  }
}

const TokenList = z.array(PaymentTokenSchema)

function isConnectProvider(provider: Provider): boolean {
  return (CONNECT_PROVIDERS as readonly Provider[]).includes(provider)
}

function notConfiguredError(provider: Provider): AppError {
  return new AppError('NOT_CONFIGURED', `${PROVIDER_LABELS[provider]} is not configured in this profile.`, { provider })
}

function notConfigured(provider: Provider, hasAdapter: boolean): ProviderStatus {
  const label = PROVIDER_LABELS[provider]
  const message = hasAdapter ? `${label} is not configured in this profile.` : `The console cannot read ${label} tokens yet.`
  return { provider, status: 'not_configured', count: 0, error: { code: 'NOT_CONFIGURED', message, provider } }
}
