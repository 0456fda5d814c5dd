/**
 * One adapter per provider family, each turning its API into the unified PaymentToken:
 * Swedbank Pay (Payer API, by payerReference) and PayEx, Klarna, Vipps and Nexi (through Connect,
 * by customer number). What an agent may do per family is PROVIDER_ACTIONS in the domain.
 */
import type { ConnectProvider, PaymentToken, Provider } from '../../shared/domain.ts'

export interface TokenTarget {
  customerNumber?: string
  payerReference?: string
}

export interface ProviderAdapter {
  readonly provider: Provider
  /** False when the active profile has no credentials for this provider. */
  readonly configured: boolean
  list(target: TokenTarget, opts: { includeArchived: boolean }): Promise<PaymentToken[]>
}

/** A Connect family: its tokens can be removed (PATCH), never archived or renamed. */
export interface RemovableAdapter extends ProviderAdapter {
  readonly provider: ConnectProvider
  /** Re-reads the customer's list, finds the token (NOT_FOUND when gone: nothing sent), then removes it. Never retried. */
  remove(customerNumber: string, token: string): Promise<void>
}
