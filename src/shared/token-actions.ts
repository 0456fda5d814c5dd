/**
 * What an agent may do with a token, per provider family. The UI offers only these; core enforces them.
 * Free of zod so the renderer can import it without pulling the schemas into its bundle.
 */
import type { Provider } from './domain.ts'

export const TOKEN_ACTIONS = ['archive', 'rename', 'legacyDelete', 'remove'] as const
export type TokenAction = (typeof TOKEN_ACTIONS)[number]

export const PROVIDER_ACTIONS: Readonly<Record<Provider, readonly TokenAction[]>> = {
  swedbankpay: ['archive', 'rename', 'legacyDelete'],
  payex: ['remove'],
  klarna: ['remove'],
  vipps: ['remove'],
  nexi: ['remove'],
}
