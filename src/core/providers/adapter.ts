/**
 * One adapter per provider family, each turning its API into the unified PaymentToken.
 * Later: PayEx, Klarna, Vipps and Nexi (through Connect), and per-adapter capabilities
 * (archive, remove, rename) that the UI can ask for.
 */
import type { PaymentToken, Provider } from '../../shared/domain.ts'

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
