/**
 * app:cancelLookups through the real services and the sandbox: a slow read in flight is aborted at once
 * (CANCELLED, not the answer that would come later), is not cached, does not mark the API unreachable,
 * and a write in flight is seen through. No timing assertions: the faults delay answers by seconds, so a
 * read that was not aborted would come back with data instead of CANCELLED.
 */
import { describe, expect, it, vi } from 'vitest'
import { SHOWCASE_TOKENS } from '../../../../src/sandbox/index.ts'
import { useTempCache } from '../support/cache.ts'
import { ROUTES, core, startCoreOnSandbox, useCoreOnSandbox } from '../support/sandbox.ts'
import { tinyRetry } from './support.ts'

const temp = useTempCache()
useCoreOnSandbox({ tweak: tinyRetry({ timeoutMs: 10_000 }), services: { cache: temp.binding('sandbox') } })

const SLOW_MS = 3_000

/** Waits until the sandbox has seen a request to this path (the read is in flight). */
async function inFlight(method: string, path: string): Promise<void> {
  await vi.waitFor(async () => expect((await core.requests()).some((request) => request.method === method && request.path === path)).toBe(true))
}

describe('app:cancelLookups', () => {
  it('aborts a slow customers:get: CANCELLED, nothing cached, Connect not marked unreachable; the next lookup works', async () => {
    await core.fault({ route: ROUTES.customerInfo, delayMs: SLOW_MS, times: 1 })
    const pending = core.call('customers:get', { customerNumber: '100001' })
    await inFlight('GET', '/capi/v1/client/customer/100001')
    expect(await core.call('app:cancelLookups', {})).toEqual({ ok: true, data: { cancelled: 1 } })
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED', provider: 'connect' } })
    expect(temp.cache().list('sandbox')).toEqual([])
    const connectivity = await core.call('app:connectivity', {})
    expect(connectivity.ok && connectivity.data.services.find((service) => service.service === 'connect')?.reachable).not.toBe(false)

    expect(await core.call('customers:get', { customerNumber: '100001' })).toMatchObject({ ok: true, data: { customerNumber: '100001', cachedAt: null } })
  })

  it('aborts a token list with one slow provider: the whole lookup is CANCELLED, and that provider has no cached list', async () => {
    await core.fault({ route: ROUTES.listActive, delayMs: SLOW_MS, times: 1 })
    const pending = core.call('tokens:list', { customerNumber: '100001' })
    await inFlight('GET', '/online/payers/100001')
    expect(await core.call('app:cancelLookups', {})).toEqual({ ok: true, data: { cancelled: 1 } })
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    // Swedbank Pay down now: with a cached list it would answer 'cached'; there is none to answer.
    await core.fault({ route: ROUTES.listActive, status: 503 })
    const after = await core.call('tokens:list', { customerNumber: '100001', providers: ['swedbankpay'] })
    expect(after.ok && after.data.providers[0]).toMatchObject({ provider: 'swedbankpay', status: 'failed', error: { code: 'PROVIDER_UNAVAILABLE' } })
  })

  it('stops the wait between retries too', async () => {
    const slowRetries = { retry: { baseDelayMs: 60_000, maxDelayMs: 60_000, ceilingMs: 600_000 } }
    const slow = await startCoreOnSandbox({ tweak: tinyRetry(slowRetries) })
    try {
      await slow.fault({ route: ROUTES.customerInfo, status: 503 })
      const pending = slow.call('customers:get', { customerNumber: '100001' })
      await vi.waitFor(async () => expect((await slow.requests()).some((request) => request.path === '/capi/v1/client/customer/100001')).toBe(true))
      expect(await slow.call('app:cancelLookups', {})).toEqual({ ok: true, data: { cancelled: 1 } })
      expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    } finally {
      await slow.close()
    }
  })

  it('never cancels a write: an archive whose check is in flight is carried out', async () => {
    // The archive reads the token first (a GET, but of a write): slow, and in flight during the cancel.
    await core.fault({ route: ROUTES.getToken, delayMs: 300, times: 1 })
    const archive = { provider: 'swedbankpay', payerReference: '100001', token: SHOWCASE_TOKENS.kariVisaRecurrence, tokenType: 'Recurrence', reason: 'asked' } as const
    const pending = core.call('tokens:archive', archive)
    await inFlight('GET', `/online/payers/tokens/${archive.token}-Recurrence`)
    expect(await core.call('app:cancelLookups', {})).toEqual({ ok: true, data: { cancelled: 0 } })
    expect(await pending).toMatchObject({ ok: true, data: { state: 'Archived' } })
    const payer = (await core.admin('GET', '/payers/100001')) as { tokens: { token: string; state: string }[] }
    expect(payer.tokens.find((token) => token.token === archive.token)?.state).toBe('Archived')
  })

  it('with nothing in flight cancels nothing, and lookups after it run as usual', async () => {
    expect(await core.call('app:cancelLookups', {})).toEqual({ ok: true, data: { cancelled: 0 } })
    expect((await core.call('customers:search', { query: 'Nordmann' })).ok).toBe(true)
  })
})
