/**
 * tokens:list as the customer store calls it: once per provider (`providers: [p]`). These helpers answer
 * each call with that provider's slice of a whole listing, and can hold chosen providers back so a test
 * sees the table while they are still in flight.
 */
import type { Provider, TokenListing } from '../../src/shared/domain.ts'
import type { Result } from '../../src/shared/errors.ts'
import { PROVIDERS } from '../../src/shared/providers.ts'
import { deferred, ok } from './support.ts'
import type { FakeApi } from './support.ts'

/** tokens.list calls of one full lookup: one per provider. */
export const LOOKUP_CALLS = PROVIDERS.length

/** The part of `listing` that a request for `providers` gets back. */
export function sliceFor(listing: TokenListing, providers: readonly Provider[] = PROVIDERS): TokenListing {
  return {
    ...listing,
    tokens: listing.tokens.filter((token) => providers.includes(token.provider)),
    providers: listing.providers.filter((status) => providers.includes(status.provider)),
  }
}

/** Every tokens.list call from now on gets its provider's slice of `listing`. */
export function answerFrom(api: FakeApi, listing: TokenListing): void {
  api.tokens.list.mockImplementation(async (request) => ok(sliceFor(listing, request.providers)))
}

/** The provider each tokens.list call so far asked for, in call order. */
export function askedProviders(api: FakeApi): (Provider | undefined)[] {
  return api.tokens.list.mock.calls.map(([request]) => request.providers?.[0])
}

/**
 * Answers from `listing` at once, except the `held` providers: their calls wait until the test answers
 * them, oldest call first (`answer(provider)` with their slice, or with a given result).
 */
export function holdBack(api: FakeApi, listing: TokenListing, held: readonly Provider[]) {
  const waiting = new Map<Provider, ((result: Result<TokenListing>) => void)[]>()
  api.tokens.list.mockImplementation(async (request) => {
    const provider = request.providers?.[0]
    if (provider === undefined || !held.includes(provider)) return ok(sliceFor(listing, request.providers))
    const gate = deferred<Result<TokenListing>>()
    waiting.set(provider, [...(waiting.get(provider) ?? []), gate.resolve])
    return gate.promise
  })
  return {
    answer(provider: Provider, result: Result<TokenListing> = ok(sliceFor(listing, [provider]))): void {
      const [resolve, ...rest] = waiting.get(provider) ?? []
      if (resolve === undefined) throw new Error(`${provider} is not waiting for an answer`)
      waiting.set(provider, rest)
      resolve(result)
    },
  }
}
