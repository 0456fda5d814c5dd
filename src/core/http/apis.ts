/** The HTTP APIs the console talks to, with the names agents see in messages. */
export const API_LABELS = {
  connect: 'Connect',
  connectid: 'ConnectID',
  swedbankpay: 'Swedbank Pay',
} as const

export type ApiName = keyof typeof API_LABELS

export function apiLabel(api: ApiName): string {
  return API_LABELS[api]
}
