/**
 * Offline review: every successful lookup is kept in the profile's cache, and when the provider or the
 * network cannot be reached the cached copy answers instead, with the time it was looked up. Only
 * "could not reach" failures fall back (unavailable, timeout, offline, rate limited): a NOT_FOUND,
 * AUTH_REQUIRED or any other answer of the provider is passed on as it is.
 */
import type { z } from 'zod'
import { isAppError } from '../../shared/errors.ts'
import type { AppError, ErrorCode } from '../../shared/errors.ts'
import type { CacheKind, ProfileCache } from './profile-cache.ts'

const UNREACHABLE: ReadonlySet<ErrorCode> = new Set(['PROVIDER_UNAVAILABLE', 'TIMEOUT', 'OFFLINE', 'RATE_LIMITED'])

/** A failure a cached copy may stand in for. */
export function isUnreachable(error: unknown): error is AppError {
  return isAppError(error) && UNREACHABLE.has(error.code)
}

export interface LookupSpec<S extends z.ZodType> {
  kind: CacheKind
  /** Never personal by intent (see CacheKind); stored as a digest all the same. */
  key: string
  /** Kept in clear with the entry; null when the lookup has none (a payerReference-only token list). */
  customerNumber: string | null
  /** What a cached value must still be to be served (an entry of another shape is a miss). */
  schema: S
}

/** Live (`cachedAt` null), or the cached copy with the ISO time it was looked up and why it stands in. */
export type Looked<T> = { value: T; cachedAt: null } | { value: T; cachedAt: string; error: AppError }

export interface OfflineLookups {
  lookup<S extends z.ZodType>(spec: LookupSpec<S>, run: () => Promise<z.output<S>>): Promise<Looked<z.output<S>>>
}

/** Cache keys: one place, so a lookup and its export ask the same entry. */
export const cacheKeys = {
  /** Both parts: a customer's list and a raw payerReference's are different lookups even when they look alike. */
  tokens: (provider: string, who: { customerNumber?: string; payerReference?: string }, includeArchived: boolean): string =>
    `${provider}:${who.customerNumber ?? ''}:${who.payerReference ?? ''}:${includeArchived ? 'all' : 'active'}`,
  invoices: (request: { customerNumber: string; productCode: string; from?: string; to?: string }): string =>
    `${request.customerNumber}:${request.productCode}:${request.from ?? ''}:${request.to ?? ''}`,
  products: 'all',
} as const

/** With no cache (none configured, or the OS offers no secret storage): every lookup is live. */
export const liveOnly: OfflineLookups = {
  async lookup(_spec, run) {
    return { value: await run(), cachedAt: null }
  },
}

/** `keep` false: answers are no longer stored (services shut down mid-call, e.g. by a profile switch's wipe). */
export function createOfflineLookups(cache: ProfileCache | null | undefined, keep: () => boolean = () => true): OfflineLookups {
  if (cache === null || cache === undefined) return liveOnly
  return {
    async lookup(spec, run) {
      let value: z.output<typeof spec.schema>
      try {
        value = await run()
      } catch (error) {
        if (!isUnreachable(error)) throw error
        const cached = cache.get(spec.kind, spec.key)
        const parsed = cached === null ? null : spec.schema.safeParse(cached.value)
        if (cached === null || parsed === null || !parsed.success) throw error
        return { value: parsed.data, cachedAt: new Date(cached.cachedAt).toISOString(), error }
      }
      if (keep()) cache.put(spec.kind, spec.key, spec.customerNumber, value)
      return { value, cachedAt: null }
    },
  }
}
