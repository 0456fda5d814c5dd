/**
 * rateLimit429s and rateLimitUtilization: 300 customer lookups started at once against the sandbox,
 * which allows a client 100 requests a second (and 2000 a minute), as Connect does. The console's
 * client-side limiter should draw no 429 at all (counted at the HTTP adapter, below any retry) and
 * still use the allowance: achieved requests per second / 100.
 */
import axios from 'axios'
import type { AxiosAdapter } from 'axios'
import { sandboxConfig } from '../src/core/config.ts'
import { silentLogger } from '../src/core/log.ts'
import { createServices } from '../src/core/services.ts'
import { startSandbox } from '../src/sandbox/index.ts'
import { round } from './stats.ts'

const LOOKUPS = 300
const ALLOWED_PER_SECOND = 100

export interface RateLimitBench {
  lookups: number
  failed: number
  requestsToConnect: number
  elapsedMs: number
  rateLimit429s: number
  rateLimitUtilization: number
}

export async function benchRateLimit(): Promise<RateLimitBench> {
  const sandbox = await startSandbox()
  const http = axios.getAdapter('http')
  let connectRequests = 0
  let tooMany = 0
  const counting: AxiosAdapter = async (config) => {
    const api = (config.baseURL ?? '').startsWith(sandbox.connectApiUrl)
    try {
      const response = await http(config)
      if (api) connectRequests += 1
      if (response.status === 429) tooMany += 1
      return response
    } catch (error) {
      if (api) connectRequests += 1
      if (axios.isAxiosError(error) && error.response?.status === 429) tooMany += 1
      throw error
    }
  }
  const services = createServices(sandboxConfig(sandbox, 'bench'), { logger: silentLogger(), httpAdapter: counting })
  try {
    // The client-credentials token first, so the burst is lookups only.
    await services.handlers['products:list']({})
    connectRequests = 0
    tooMany = 0
    const started = performance.now()
    const results = await Promise.allSettled(
      Array.from({ length: LOOKUPS }, (_, index) => services.handlers['customers:get']({ customerNumber: String(100_001 + (index % 30)) })),
    )
    const elapsedMs = performance.now() - started
    const failed = results.filter((result) => result.status === 'rejected').length
    const achievedPerSecond = connectRequests / (elapsedMs / 1000)
    return {
      lookups: LOOKUPS,
      failed,
      requestsToConnect: connectRequests,
      elapsedMs: round(elapsedMs, 1),
      rateLimit429s: tooMany,
      rateLimitUtilization: round(achievedPerSecond / ALLOWED_PER_SECOND),
    }
  } finally {
    await services.dispose()
    await sandbox.close()
  }
}
