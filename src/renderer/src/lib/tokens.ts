/** Token rules the views and the store share. Pure functions, no Vue. */
import type { PaymentToken } from '../../../shared/domain.ts'

/** The token table's filter tabs. */
export type TokenFilter = 'active' | 'archived' | 'all'

/** The one key that names a token across providers and token types. */
export function tokenKey(token: Pick<PaymentToken, 'provider' | 'tokenType' | 'token'>): string {
  return `${token.provider}:${token.tokenType}:${token.token}`
}

/** Only Swedbank Pay tokens can be archived from the console, and only while they are active. */
export function canArchive(token: Pick<PaymentToken, 'provider' | 'state'>): boolean {
  return token.provider === 'swedbankpay' && token.state === 'Active'
}
