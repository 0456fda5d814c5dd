import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createHttpClient } from '../../../src/core/http/client.ts'
import type { HttpClientOptions } from '../../../src/core/http/client.ts'
import type { Endpoint } from '../../../src/core/http/endpoint.ts'
import { startScriptedServer } from './support/scripted-server.ts'
import type { Answer } from './support/scripted-server.ts'

const getThing: Endpoint = { method: 'GET', path: '/things/{id}', status: 'confirmed', source: 'test' }
const patchThing: Endpoint = { method: 'PATCH', path: '/things/{id}', status: 'confirmed', source: 'test' }
const Thing = z.object({ id: z.string() })

let servers: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()))
  servers = []
})

async function setup(answer: Answer | (() => Answer), options: Partial<HttpClientOptions> = {}) {
  const server = await startScriptedServer(typeof answer === 'function' ? answer : () => answer)
  servers.push(server)
  let n = 0
  const client = createHttpClient({
    provider: 'swedbankpay',
    baseURL: `${server.url}/base`,
    timeoutMs: 2000,
    headers: { Accept: 'application/json', 'X-Seq': () => String((n += 1)) },
    jsonContentType: 'application/json;version=3.x/2.0',
    auth: async () => 'the-token',
    ...options,
  })
  return { server, client }
}

describe('HTTP client', () => {
  it('sends the built path under the base, computed headers, bearer and query', async () => {
    const { server, client } = await setup({ body: '{"id":"a"}' })
    await client.send({ endpoint: getThing, params: { id: 'a/b ø' }, query: { q: 'kari nordmann&x=1' } }, Thing)
    await client.send({ endpoint: getThing, params: { id: 'c' } }, Thing)
    const [first, second] = server.received
    expect(first?.url).toBe('/base/things/a%2Fb%20%C3%B8?q=kari+nordmann%26x%3D1')
    expect(first?.headers.authorization).toBe('Bearer the-token')
    expect(first?.headers.accept).toBe('application/json')
    expect(first?.headers['content-type']).toBeUndefined()
    expect([first?.headers['x-seq'], second?.headers['x-seq']]).toEqual(['1', '2'])
  })

  it('sends JSON bodies with the configured content type, and forms url-encoded', async () => {
    const { server, client } = await setup({ body: '{"id":"a"}' })
    await client.send({ endpoint: patchThing, params: { id: 'a' }, json: { reason: 'asked' } }, Thing)
    await client.send({ endpoint: patchThing, params: { id: 'a' }, form: { a: '1 2', b: '&' } }, Thing)
    expect(server.received[0]).toMatchObject({ method: 'PATCH', body: '{"reason":"asked"}' })
    expect(server.received[0]?.headers['content-type']).toBe('application/json;version=3.x/2.0')
    expect(server.received[1]?.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(server.received[1]?.body).toBe('a=1+2&b=%26')
  })

  it('refuses a dot segment before sending anything', async () => {
    const { server, client } = await setup({ body: '{"id":"a"}' })
    await expect(client.send({ endpoint: getThing, params: { id: '..' } }, Thing)).rejects.toMatchObject({ code: 'VALIDATION' })
    expect(server.received).toHaveLength(0)
  })

  it.each([
    ['XML', '<tokens><token/></tokens>', 'application/xml'],
    ['empty', '', 'application/json'],
    ['garbage', '{"id": "a",', 'application/json'],
    ['another shape', '{"identifier":"a"}', 'application/json'],
  ])('a 2xx %s body is PROVIDER_ERROR "unreadable response"', async (_name, body, contentType) => {
    const { client } = await setup({ body, headers: { 'Content-Type': contentType } })
    await expect(client.send({ endpoint: getThing, params: { id: 'a' } }, Thing)).rejects.toMatchObject({
      code: 'PROVIDER_ERROR',
      httpStatus: 200,
      message: 'Swedbank Pay answered with an unreadable response (HTTP 200).',
    })
  })

  it('maps an error status with its problem body', async () => {
    const { client } = await setup({
      status: 422,
      headers: { 'Content-Type': 'application/problem+json' },
      body: JSON.stringify({ title: 'Payment token is inactive', status: 422 }),
    })
    await expect(client.send({ endpoint: patchThing, params: { id: 'a' }, json: {} }, Thing)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Swedbank Pay refused the request (HTTP 422): Payment token is inactive',
    })
  })

  it('a slow answer is TIMEOUT for a read and OUTCOME_UNKNOWN for a write', async () => {
    const { client } = await setup({ delayMs: 600, body: '{"id":"a"}' }, { timeoutMs: 150 })
    await expect(client.send({ endpoint: getThing, params: { id: 'a' } }, Thing)).rejects.toMatchObject({ code: 'TIMEOUT' })
    await expect(client.send({ endpoint: patchThing, params: { id: 'a' }, json: {} }, Thing)).rejects.toMatchObject({
      code: 'OUTCOME_UNKNOWN',
    })
  })

  it('a dropped connection is PROVIDER_UNAVAILABLE for a read and OUTCOME_UNKNOWN for a write', async () => {
    const { client } = await setup({ drop: true })
    await expect(client.send({ endpoint: getThing, params: { id: 'a' } }, Thing)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' })
    await expect(client.send({ endpoint: patchThing, params: { id: 'a' }, json: {} }, Thing)).rejects.toMatchObject({
      code: 'OUTCOME_UNKNOWN',
    })
  })

  it('a closed port is PROVIDER_UNAVAILABLE even for a write', async () => {
    const { server, client } = await setup({})
    await server.close()
    await expect(client.send({ endpoint: patchThing, params: { id: 'a' }, json: {} }, Thing)).rejects.toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
    })
  })

  it('a 429 with Retry-After over the wire is RATE_LIMITED with retryAfterMs', async () => {
    const { client } = await setup({ status: 429, headers: { 'Retry-After': '3', 'X-RateLimit-Reset': '50' }, body: '' })
    await expect(client.send({ endpoint: getThing, params: { id: 'a' } }, Thing)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterMs: 3000,
      httpStatus: 429,
    })
  })

  it('renews a refused bearer once and replays once: a second 401 is AUTH_REQUIRED', async () => {
    const renewed: string[] = []
    let n = 0
    const { server, client } = await setup(
      { status: 401, body: '{"error":"invalid_token"}' },
      { auth: async () => ({ token: `t${(n += 1)}`, renew: async () => void renewed.push(`t${n}`) }) },
    )
    await expect(client.send({ endpoint: getThing, params: { id: 'a' } }, Thing)).rejects.toMatchObject({ code: 'AUTH_REQUIRED', httpStatus: 401 })
    expect(renewed).toEqual(['t1'])
    expect(server.received.map((request) => request.headers.authorization)).toEqual(['Bearer t1', 'Bearer t2'])
  })

  it('does not follow redirects (they could carry the bearer elsewhere)', async () => {
    const { server, client } = await setup({ status: 302, headers: { Location: 'http://127.0.0.1:1/elsewhere' } })
    await expect(client.send({ endpoint: getThing, params: { id: 'a' } }, Thing)).rejects.toMatchObject({ code: 'PROVIDER_ERROR' })
    expect(server.received).toHaveLength(1)
  })

  it('runs each call through the retry policy with the write flag', async () => {
    const seen: boolean[] = []
    const { client } = await setup(
      { body: '{"id":"a"}' },
      {
        retry: (attempt, context) => {
          seen.push(context.write)
          return attempt()
        },
      },
    )
    await client.send({ endpoint: getThing, params: { id: 'a' } }, Thing)
    await client.send({ endpoint: patchThing, params: { id: 'a' }, json: {} }, Thing)
    await client.send({ endpoint: patchThing, params: { id: 'a' }, json: {}, write: false }, Thing)
    expect(seen).toEqual([false, true, false])
  })
})
