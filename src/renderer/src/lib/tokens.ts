/** Token rules the views and the store share. Pure functions, no Vue. */
import type { PaymentToken } from '../../../shared/domain.ts'
import { PROVIDER_ACTIONS, type TokenAction } from '../../../shared/token-actions.ts'

/** The token table's filter tabs. */
export type TokenFilter = 'active' | 'archived' | 'all'

/** The kinds Swedbank Pay's old PaymentOrder API deletes one token of. */
export type LegacyTokenKind = 'payment' | 'recurrence' | 'unscheduled'

const LEGACY_KINDS: ReadonlyMap<string, LegacyTokenKind> = new Map([
  ['payment', 'payment'],
  ['recurrence', 'recurrence'],
  ['unscheduled', 'unscheduled'],
])

/** The one key that names a token across providers and token types. */
export function tokenKey(token: Pick<PaymentToken, 'provider' | 'tokenType' | 'token'>): string {
  return `${token.provider}:${token.tokenType}:${token.token}`
}

/** What a reveal of a token's id is about, for its audit entry: provider, token, and the customer when known. */
export function tokenRevealContext(
  token: Pick<PaymentToken, 'provider' | 'token' | 'customerNumber'>,
  openCustomer: string | null,
): { provider: PaymentToken['provider']; token: string; customerNumber?: string } {
  const customerNumber = token.customerNumber ?? openCustomer
  return { provider: token.provider, token: token.token, ...(customerNumber ? { customerNumber } : {}) }
}

/** Payment -> payment, Recurrence -> recurrence, Unscheduled -> unscheduled; other types have no old-API delete. */
export function legacyKind(tokenType: string): LegacyTokenKind | null {
  return LEGACY_KINDS.get(tokenType.trim().toLowerCase()) ?? null
}

/**
 * What the console offers for a token: only what PROVIDER_ACTIONS allows for its provider, only
 * while it is active, and the old-API delete only for the token types that API knows.
 */
export function actionsFor(token: Pick<PaymentToken, 'provider' | 'state' | 'tokenType'>): readonly TokenAction[] {
  if (token.state !== 'Active') return []
  return PROVIDER_ACTIONS[token.provider].filter((action) => action !== 'legacyDelete' || legacyKind(token.tokenType) !== null)
}

