import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import axios from 'axios'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createElectronMock } from '../../support/electron-mock.ts'
import type { ElectronMock } from '../../support/electron-mock.ts'

let electron: ElectronMock
let baseUrl = ''
const server = createServer((request, response) => {
  if (request.url === '/redirect') {
    response.writeHead(302, { Location: '/json' }).end()
    return
  }
  response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ path: request.url }))
})

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

beforeEach(() => {
  vi.resetModules()
  electron = createElectronMock()
  // Chromium's stack is not here: Node's fetch stands in for net.fetch, recording every call.
  electron.net.fetch.mockImplementation((input: unknown, init?: unknown) => fetch(input as Request, init as RequestInit))
  vi.doMock('electron', () => electron)
})

describe('net.fetch adapter', () => {
  it('sends axios requests through net.fetch', async () => {
    const { createNetFetchAdapter } = await import('../../../src/main/platform/net-http.ts')
    const client = axios.create({ baseURL: baseUrl, adapter: createNetFetchAdapter(), responseType: 'text' })
    const response = await client.get<string>('/json', { params: { q: 'a b' } })
    expect(response.status).toBe(200)
    expect(JSON.parse(response.data)).toEqual({ path: '/json?q=a+b' })
    expect(electron.net.fetch).toHaveBeenCalledTimes(1)
  })

  it('keeps core’s "no redirects" rule (maxRedirects: 0)', async () => {
    const { createNetFetchAdapter } = await import('../../../src/main/platform/net-http.ts')
    const client = axios.create({ baseURL: baseUrl, adapter: createNetFetchAdapter(), maxRedirects: 0 })
    await expect(client.get('/redirect')).rejects.toMatchObject({ response: { status: 302 } })
    expect(electron.net.fetch).toHaveBeenCalledTimes(1)
  })
})
