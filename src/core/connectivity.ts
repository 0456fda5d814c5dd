/**
 * Whether the console can reach its APIs: per API (Connect, Swedbank Pay), the outcome of the last
 * request and when it happened, fed by the HTTP clients (http/reachability.ts). ConnectID counts as
 * Connect: it is Connect's login server, and without it no Connect call can be made.
 */
import type { Connectivity, ConnectivityState } from '../shared/records.ts'
import type { ApiName } from './http/apis.ts'

type Service = Connectivity['services'][number]['service']
const SERVICES: readonly Service[] = ['connect', 'swedbankpay']

export interface ConnectivityTracker {
  observe(api: ApiName, reachable: boolean): void
  snapshot(): Connectivity
}

export function createConnectivityTracker(options: { now?: () => number } = {}): ConnectivityTracker {
  const now = options.now ?? Date.now
  const last = new Map<Service, { reachable: boolean; at: number }>()
  return {
    observe(api, reachable) {
      last.set(api === 'swedbankpay' ? 'swedbankpay' : 'connect', { reachable, at: now() })
    },
    snapshot() {
      const services = SERVICES.map((service) => {
        const seen = last.get(service)
        return { service, reachable: seen?.reachable ?? null, checkedAt: seen === undefined ? null : new Date(seen.at).toISOString() }
      })
      return { state: stateOf(services.map((service) => service.reachable)), services }
    },
  }
}

/** Over the APIs asked so far: all answered → online, none → offline, some → degraded, none asked → unknown. */
function stateOf(reachable: (boolean | null)[]): ConnectivityState {
  const known = reachable.filter((value): value is boolean => value !== null)
  if (known.length === 0) return 'unknown'
  if (known.every(Boolean)) return 'online'
  return known.some(Boolean) ? 'degraded' : 'offline'
}
