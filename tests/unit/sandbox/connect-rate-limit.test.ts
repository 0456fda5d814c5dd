import { describe, expect, it } from 'vitest'
import { agentTokens } from './agent-client.ts'
import { clientToken, sandbox, token, useSandbox } from './sandbox-client.ts'

useSandbox({ token: true })

const customer = () =>
  fetch(`${sandbox.connectApiUrl}/v1/client/customer/100001`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } })

describe('Connect rate limit (100/s and 2000/min per client)', () => {
  it('counts down X-RateLimit-Remaining', async () => {
    const first = Number((await customer()).headers.get('x-ratelimit-remaining'))
    const second = Number((await customer()).headers.get('x-ratelimit-remaining'))
    expect(second).toBe(first - 1)
  })

  it('answers 429 RateLimitExceeded, with the headers, to 101 requests within a second', async () => {
    sandbox.state.rateLimit.windows.clear()
    const started = Date.now()
    const responses = await Promise.all(Array.from({ length: 101 }, customer))
    const elapsed = Date.now() - started
    const limited = responses.filter((response) => response.status === 429)
    const statuses = responses.map((response) => response.status)
    expect(statuses.filter((status) => status === 200).length + limited.length).toBe(101)
    const refused = limited[0]
    if (!refused) throw new Error(`no 429 in ${elapsed} ms`)
    expect(await refused.json()).toEqual({ exceptionType: 'RateLimitExceeded', errorMessage: expect.any(String) })
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(Number(refused.headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(1)
    expect(Number(refused.headers.get('x-ratelimit-reset'))).toBeLessThanOrEqual(60)
    expect(refused.headers.get('x-mediaconnect-api-version')).toBeTruthy()
    await Promise.all(responses.filter((response) => !response.bodyUsed).map((response) => response.arrayBuffer()))
  })

  it('enforces the per-minute limit and counts per client id', async () => {
    sandbox.state.rateLimit.windows.clear()
    sandbox.state.rateLimit.perMinute = 3
    try {
      const statuses: number[] = []
      for (let i = 0; i < 4; i++) statuses.push((await customer()).status)
      expect(statuses).toEqual([200, 200, 200, 429])
      expect(sandbox.state.rateLimit.windows.get('sandbox-console')?.minuteCount).toBe(3)
      // A second token of the same client shares the client's counter.
      const other = await clientToken(sandbox)
      const again = await fetch(`${sandbox.connectApiUrl}/v1/client/customer/100001`, { headers: { Authorization: `Bearer ${other}` } })
      expect(again.status).toBe(429)
    } finally {
      sandbox.state.rateLimit.perMinute = 2000
      sandbox.state.rateLimit.windows.clear()
    }
  })

  it('counts agents\' (user-mode) tokens against the same client id', async () => {
    sandbox.state.rateLimit.windows.clear()
    const agent = (await agentTokens(sandbox, 'erik')).access_token
    sandbox.state.rateLimit.perMinute = 4
    try {
      const call = (bearer: string, path: string) => fetch(`${sandbox.connectApiUrl}${path}`, { headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/json' } })
      const first = await call(agent, '/v1/customer/profile')
      expect(first.status).toBe(200)
      expect(first.headers.get('x-ratelimit-remaining')).toBe('3')
      expect((await call(token, '/v1/client/product')).headers.get('x-ratelimit-remaining')).toBe('2')
      expect((await call(agent, '/v1/api/payment/payex/token?customerNumber=100001')).headers.get('x-ratelimit-remaining')).toBe('1')
      expect((await call(token, '/v1/client/customer/invoice/payment/100001/AP001')).status).toBe(200)
      const refused = await call(agent, '/v1/customer/payment/klarna/token?customerNumber=100001')
      expect(refused.status).toBe(429)
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0')
      expect(await refused.json()).toEqual({ exceptionType: 'RateLimitExceeded', errorMessage: expect.any(String) })
      expect([...sandbox.state.rateLimit.windows.keys()]).toEqual(['sandbox-console'])
    } finally {
      sandbox.state.rateLimit.perMinute = 2000
      sandbox.state.rateLimit.windows.clear()
    }
  })
})
