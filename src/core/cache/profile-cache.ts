/**
 * The lookup cache as one profile's services see it: get and put by kind and key, and the cached
 * customers for the Recent lookups view (decrypted on demand, filtered in memory). Never throws: a cache
 * that is missing, closed or failing means "not cached", and the lookup it serves goes on.
 */
import { Customer } from '../../shared/domain.ts'
import type { ProfileKind } from '../../shared/domain.ts'
import type { RecentLookup } from '../../shared/records.ts'
import type { Logger } from '../log.ts'
import type { CachedValue, LookupCache } from './lookup-cache.ts'

/** What is cached. Keys: customer → customerNumber; tokens → `${provider}:${customer or payer}:${active|all}`;
 * invoices → `${customerNumber}:${productCode}:${from}:${to}`; products → 'all'. Never search text. */
export type CacheKind = 'customer' | 'tokens' | 'invoices' | 'products'

export interface CachedCustomer {
  customer: Customer
  cachedAt: number
}

export interface ProfileCache {
  readonly profile: ProfileKind
  get(kind: CacheKind, key: string): CachedValue | null
  put(kind: CacheKind, key: string, customerNumber: string | null, value: unknown): void
  /** Cached customers, newest first, whose number, name, company or email contains `query` (any case). */
  recentCustomers(query: string | undefined, limit: number): CachedCustomer[]
}

/** `cache` is asked on every call: null (not open, unavailable, closed) means nothing is cached. */
export function bindProfileCache(cache: () => LookupCache | null, profile: ProfileKind, logger: Logger): ProfileCache {
  const failed = (what: string, kind: string, error: unknown) =>
    logger.warn(`lookup cache ${what} failed`, { kind, reason: error instanceof Error ? error.message : 'unknown' })
  return {
    profile,
    get(kind, key) {
      try {
        return cache()?.get(profile, kind, key) ?? null
      } catch (error) {
        failed('read', kind, error)
        return null
      }
    },
    put(kind, key, customerNumber, value) {
      try {
        cache()?.put(profile, kind, key, customerNumber, value)
      } catch (error) {
        failed('write', kind, error)
      }
    },
    recentCustomers(query, limit) {
      const needle = query?.trim().toLowerCase() ?? ''
      const found: CachedCustomer[] = []
      try {
        for (const entry of cache()?.values(profile, 'customer') ?? []) {
          const parsed = Customer.safeParse(entry.value)
          if (!parsed.success || !matches(parsed.data, needle)) continue
          found.push({ customer: parsed.data, cachedAt: entry.cachedAt })
          if (found.length >= limit) break
        }
      } catch (error) {
        failed('read', 'customer', error)
      }
      return found
    },
  }
}

export function toRecentLookup({ customer, cachedAt }: CachedCustomer): RecentLookup {
  return {
    customerNumber: customer.customerNumber,
    name: nameOf(customer),
    email: customer.emails[0] ?? null,
    cachedAt: new Date(cachedAt).toISOString(),
  }
}

function nameOf(customer: Customer): string | null {
  const person = [customer.firstName, customer.middleName, customer.lastName]
    .map((part) => part?.trim() ?? '')
    .filter((part) => part.length > 0)
    .join(' ')
  if (person !== '') return person
  return customer.companyName?.trim() || null
}

function matches(customer: Customer, needle: string): boolean {
  if (needle === '') return true
  const haystack = [customer.customerNumber, nameOf(customer), customer.companyName, ...customer.emails]
  return haystack.some((text) => text !== null && text.toLowerCase().includes(needle))
}
