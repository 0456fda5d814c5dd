/**
 * Connectivity: per API, whether the last request got an HTTP answer, fed by every provider call of the
 * services (real HTTP to the sandbox: answered, refused while suspended, a closed port).
 */
import { createServer } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createConnectivityTracker } from '../../../../src/core/connectivity.ts'
import { reachabilityOf } from '../../../../src/core/http/reachability.ts'
import { AppError } from '../../../../src/shared/errors.ts'
import { ROUTES, startCoreOnSandbox } from '../support/sandbox.ts'
import type { CoreOnSandbox } from '../support/sandbox.ts'

let core: CoreOnSandbox | undefined
afterEach(async () => {
  await core?.close()
  core = undefined
})

const connectivity = async () => {
  const result = await core!.call('app:connectivity', {})
  if (!result.ok) throw new Error(result.error.message)
  return result.data
}
const reachable = async () => Object.fromEntries((await connectivity()).services.map((s) => [s.service, s.reachable]))

/** A loopback port nothing listens on (connection refused). */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

describe('the tracker', () => {
  it('states unknown, online, degraded and offline from the last outcome per API, with the time', () => {
    let clock = Date.parse('2025-03-01T10:00:00.000Z')
    const tracker = createConnectivityTracker({ now: () => clock })
    expect(tracker.snapshot()).toEqual({
      state: 'unknown',
      services: [
        { service: 'connect', reachable: null, checkedAt: null },
        { service: 'swedbankpay', reachable: null, checkedAt: null },
      ],
    })
    tracker.observe('connect', true)
    expect(tracker.snapshot()).toMatchObject({ state: 'online', services: [{ reachable: true, checkedAt: '2025-03-01T10:00:00.000Z' }, { reachable: null }] })
    clock += 1000
    tracker.observe('swedbankpay', false)
    expect(tracker.snapshot()).toMatchObject({ state: 'degraded', services: [{ reachable: true }, { reachable: false, checkedAt: '2025-03-01T10:00:01.000Z' }] })
    tracker.observe('connectid', false) // Connect's login server: without it, no Connect call
    expect(tracker.snapshot().state).toBe('offline')
    tracker.observe('swedbankpay', true)
    tracker.observe('connect', true)
    expect(tracker.snapshot().state).toBe('online')
  })

  it('reads reachability from the mapped error: an HTTP status is an answer; no status and a network code is none', () => {
    expect(reachabilityOf(new AppError('PROVIDER_UNAVAILABLE', 'x', { httpStatus: 503 }))).toBe(true)
    expect(reachabilityOf(new AppError('NOT_FOUND', 'x', { httpStatus: 404 }))).toBe(true)
    expect(reachabilityOf(new AppError('PROVIDER_UNAVAILABLE', 'refused'))).toBe(false)
    expect(reachabilityOf(new AppError('TIMEOUT', 'x'))).toBe(false)
    expect(reachabilityOf(new AppError('OFFLINE', 'x'))).toBe(false)
    expect(reachabilityOf(new AppError('OUTCOME_UNKNOWN', 'x'))).toBe(false)
    expect(reachabilityOf(new AppError('VALIDATION', 'refused before sending'))).toBeNull()
    expect(reachabilityOf(new Error('not mapped'))).toBeNull()
  })
})

describe('app:connectivity over the sandbox', () => {
  it('is unknown before any call, online once both APIs answered (a 503 is an answer), offline with the sandbox down', async () => {
    core = await startCoreOnSandbox()
    expect((await connectivity()).state).toBe('unknown')
    await core.call('customers:get', { customerNumber: '100001' })
    expect(await reachable()).toEqual({ connect: true, swedbankpay: null })
    expect((await connectivity()).state).toBe('online')

    await core.fault({ route: ROUTES.listActive, status: 503 })
    await core.call('tokens:list', { customerNumber: '100001' })
    expect(await reachable()).toEqual({ connect: true, swedbankpay: true })

    await core.sandbox.suspend()
    try {
      await core.call('tokens:list', { customerNumber: '100001' })
      const down = await connectivity()
      expect(down.state).toBe('offline')
      expect(down.services.every((service) => service.checkedAt !== null)).toBe(true)
    } finally {
      await core.sandbox.resume()
    }
    await core.call('customers:get', { customerNumber: '100001' })
    expect((await connectivity()).state).toBe('degraded')
  })

  it('is degraded when only Swedbank Pay cannot be reached', async () => {
    const port = await closedPort()
    core = await startCoreOnSandbox({
      tweak: (config) => ({ ...config, swedbankPay: { ...config.swedbankPay!, apiUrl: `http://127.0.0.1:${port}` } }),
    })
    const listed = await core.call('tokens:list', { customerNumber: '100001' })
    expect(listed.ok && listed.data.providers.find((status) => status.provider === 'swedbankpay')?.status).toBe('failed')
    expect(await reachable()).toEqual({ connect: true, swedbankpay: false })
    expect((await connectivity()).state).toBe('degraded')
  })
})
