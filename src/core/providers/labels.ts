import type { Provider } from '../../shared/domain.ts'

/** Provider names as agents know them. */
export const PROVIDER_LABELS: Record<Provider, string> = {
  swedbankpay: 'Swedbank Pay',
  payex: 'PayEx',
  klarna: 'Klarna',
  vipps: 'Vipps',
  nexi: 'Nexi',
}
