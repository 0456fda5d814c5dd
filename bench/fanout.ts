/**
 * Cross-provider fan-out: the token table of one customer asks five providers; with a different
 * latency injected per provider (sandbox faults), the whole lookup should take about as long as the
 * slowest provider alone. Both measured in this run, median of several rounds.
 */
import { sandboxConfig } from '../src/core/config.ts'
import { silentLogger } from '../src/core/log.ts'
import { createServices } from '../src/core/services.ts'
import type { Provider } from '../src/shared/domain.ts'
import { startSandbox } from '../src/sandbox/index.ts'
import { median, round, timed } from './stats.ts'

/** Injected latency per provider's list route (ms). */
const LATENCY: Record<Provider, { route: string; delayMs: number }> = {
  swedbankpay: { route: 'GET /online/payers/:payerReference', delayMs: 200 },
  payex: { route: 'GET /capi/v1/api/payment/payex/token', delayMs: 80 },
  klarna: { route: 'GET /capi/v1/customer/payment/klarna/token', delayMs: 120 },
  vipps: { route: 'GET /capi/v1/customer/payment/vipps/agreement', delayMs: 40 },
  nexi: { route: 'GET /capi/v1/api/payment/nexi/subscription', delayMs: 160 },
}
const ROUNDS = 9
const CUSTOMER = '100001'

export interface FanoutBench {
  fanoutMs: number
  slowestSingleMs: number
  fanoutRatio: number
}

export async function benchFanout(): Promise<FanoutBench> {
  const sandbox = await startSandbox()
  const services = createServices(sandboxConfig(sandbox, 'bench'), { logger: silentLogger() })
  try {
    for (const { route, delayMs } of Object.values(LATENCY)) {
      const response = await fetch(`${sandbox.url}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ route, delayMs }),
      })
      if (!response.ok) throw new Error(`bench: fault for ${route} refused (${response.status})`)
    }
    const list = services.handlers['tokens:list']
    const slowest = (Object.entries(LATENCY) as [Provider, { delayMs: number }][]).sort((a, b) => b[1].delayMs - a[1].delayMs)[0]![0]
    // Warm up: client-credentials token, sockets, JIT.
    await list({ customerNumber: CUSTOMER })
    const all: number[] = []
    const single: number[] = []
    for (let round = 0; round < ROUNDS; round += 1) {
      all.push(await timed(() => list({ customerNumber: CUSTOMER })))
      single.push(await timed(() => list({ customerNumber: CUSTOMER, providers: [slowest] })))
    }
    const fanoutMs = median(all)
    const slowestSingleMs = median(single)
    return { fanoutMs: round(fanoutMs, 1), slowestSingleMs: round(slowestSingleMs, 1), fanoutRatio: round(fanoutMs / slowestSingleMs) }
  } finally {
    await services.dispose()
    await sandbox.close()
  }
}
