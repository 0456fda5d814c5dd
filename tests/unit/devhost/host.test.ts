import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dispatch } from '../../../src/core/dispatch.ts'
import { startDevHost, type DevHost } from '../../../src/devhost/host.ts'

const secret = 'test-secret-' + 'x'.repeat(20)
const calls: { channel: string; request: unknown }[] = []
const dispatch: Dispatch = async (channel, request) => {
  calls.push({ channel, request })
  return { ok: true, data: { echoed: channel } }
}

let host: DevHost
let origin: string

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'devhost-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), '<html><head><title>Support Console</title></head><body></body></html>')
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(dir, '..', 'outside.txt'), 'secret file')
  host = await startDevHost({ rendererDir: dir, repoRoot: resolve(import.meta.dirname, '../../..'), dispatch, secret })
  origin = host.url.replace(/\/$/, '')
})

afterAll(() => host.close())

const call = (channel: string, init: { secret?: string; body?: string; origin?: string; type?: string } = {}) =>
  fetch(`${origin}/api/${channel}`, {
    method: 'POST',
    headers: {
      'content-type': init.type ?? 'application/json',
      ...(init.secret === undefined ? {} : { 'x-console-bridge': init.secret }),
      ...(init.origin === undefined ? {} : { origin: init.origin }),
    },
    body: init.body ?? '{}',
  })

describe('dev host', () => {
  it('binds to 127.0.0.1 only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
  })

  it('injects the bridge secret and module into the served index, nowhere else', async () => {
    const html = await (await fetch(`${origin}/`)).text()
    expect(html).toContain(`<meta name="console-bridge" content="${secret}" />`)
    expect(html).toContain('src="./__dev/src/devhost/bridge-client.ts"')
    const bridge = await (await fetch(`${origin}/__dev/src/devhost/bridge-client.ts`)).text()
    expect(bridge).not.toContain(secret)
    expect(bridge).not.toMatch(/:\s*BridgeWindow\b/) // types stripped for the browser
  })

  it('serves only the allowlisted bridge modules', async () => {
    expect((await fetch(`${origin}/__dev/src/core/config.ts`)).status).toBe(404)
    expect((await fetch(`${origin}/__dev/package.json`)).status).toBe(404)
  })

  it('forwards a call with the right secret to the dispatcher', async () => {
    const response = await call('customers:search', { secret, body: '{"query":"kari"}' })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ ok: true, data: { echoed: 'customers:search' } })
    expect(calls.at(-1)).toEqual({ channel: 'customers:search', request: { query: 'kari' } })
  })

  it('refuses a call without or with a wrong secret, before dispatching', async () => {
    const before = calls.length
    expect((await call('customers:search')).status).toBe(403)
    expect((await call('customers:search', { secret: secret.slice(0, -1) + 'y' })).status).toBe(403)
    expect(calls.length).toBe(before)
  })

  it('refuses foreign origins and non-JSON bodies (no simple cross-site requests)', async () => {
    expect((await call('app:info', { secret, origin: 'https://evil.example' })).status).toBe(403)
    expect((await call('app:info', { secret, type: 'text/plain' })).status).toBe(415)
  })

  it('answers malformed JSON with a VALIDATION result', async () => {
    const response = await call('app:info', { secret, body: '{nope' })
    expect(await response.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('refuses path traversal out of the renderer folder', async () => {
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/%2e%2e/%2e%2e/outside.txt', '/%00']) {
      const response = await fetch(`${origin}${path}`)
      expect(response.status, path).not.toBe(200)
    }
    expect((await fetch(`${origin}/assets/app.js`)).status).toBe(200)
  })
})

describe('GET /__dev/opened-urls', () => {
  const opened: string[] = []
  let recording: DevHost
  let recordingOrigin: string

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'devhost-opened-'))
    writeFileSync(join(dir, 'index.html'), '<html><head><title>Support Console</title></head><body></body></html>')
    recording = await startDevHost({ rendererDir: dir, repoRoot: resolve(import.meta.dirname, '../../..'), dispatch, secret, openedUrls: () => opened })
    recordingOrigin = recording.url.replace(/\/$/, '')
  })
  afterAll(() => recording.close())

  const get = (base: string, headers: Record<string, string> = {}) => fetch(`${base}/__dev/opened-urls`, { headers })

  it('lists what the recording opener was asked to open, oldest first, to holders of the bridge secret', async () => {
    expect(await (await get(recordingOrigin, { 'x-console-bridge': secret })).json()).toEqual({ urls: [] })
    opened.push('http://127.0.0.1:4000/user/oauth/authorize?state=a', 'http://127.0.0.1:4000/user/payment/invoice/pay?transactionId=1')
    const response = await get(recordingOrigin, { 'x-console-bridge': secret })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/json')
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await response.json()).toEqual({ urls: opened })
  })

  it('refuses callers without the secret, with a wrong one, or from a foreign origin', async () => {
    expect((await get(recordingOrigin)).status).toBe(403)
    expect((await get(recordingOrigin, { 'x-console-bridge': `${secret}x` })).status).toBe(403)
    expect((await get(recordingOrigin, { 'x-console-bridge': secret, origin: 'https://evil.example' })).status).toBe(403)
  })

  it('does not exist on a host without a recording opener', async () => {
    expect((await get(origin, { 'x-console-bridge': secret })).status).toBe(404)
  })
})

describe('POST /__dev/sandbox', () => {
  const asked: string[] = []
  let running: 'stopped' | 'running' | null = 'running'
  let switching: DevHost
  let switchingOrigin: string

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'devhost-sandbox-'))
    writeFileSync(join(dir, 'index.html'), '<html><head><title>Support Console</title></head><body></body></html>')
    const sandbox = async (state: 'stopped' | 'running') => {
      asked.push(state)
      if (running !== null) running = state
      return running
    }
    switching = await startDevHost({ rendererDir: dir, repoRoot: resolve(import.meta.dirname, '../../..'), dispatch, secret, sandbox })
    switchingOrigin = switching.url.replace(/\/$/, '')
  })
  afterAll(() => switching.close())

  const post = (base: string, body: string, headers: Record<string, string> = { 'x-console-bridge': secret }) =>
    fetch(`${base}/__dev/sandbox`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })

  it('stops and starts the sandbox for holders of the bridge secret', async () => {
    const stopped = await post(switchingOrigin, '{"state":"stopped"}')
    expect(stopped.status).toBe(200)
    expect(await stopped.json()).toEqual({ state: 'stopped' })
    expect(await (await post(switchingOrigin, '{"state":"running"}')).json()).toEqual({ state: 'running' })
    expect(asked).toEqual(['stopped', 'running'])
  })

  it('refuses a missing or wrong secret, a foreign origin and non-JSON, before switching anything', async () => {
    const before = asked.length
    expect((await post(switchingOrigin, '{"state":"stopped"}', {})).status).toBe(403)
    expect((await post(switchingOrigin, '{"state":"stopped"}', { 'x-console-bridge': `${secret}x` })).status).toBe(403)
    expect((await post(switchingOrigin, '{"state":"stopped"}', { 'x-console-bridge': secret, origin: 'https://evil.example' })).status).toBe(403)
    const plain = await fetch(`${switchingOrigin}/__dev/sandbox`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-console-bridge': secret },
      body: '{"state":"stopped"}',
    })
    expect(plain.status).toBe(415)
    expect(asked.length).toBe(before)
  })

  it('refuses a bad body with 400', async () => {
    const before = asked.length
    for (const body of ['', '{nope', '[]', 'null', '{}', '{"state":"down"}', '{"state":"STOPPED"}', '{"state":"stopped","x":1}', '"stopped"']) {
      expect((await post(switchingOrigin, body)).status, body).toBe(400)
    }
    expect(asked.length).toBe(before)
  })

  it('answers 409 when no sandbox runs, and does not exist on a host without the control', async () => {
    running = null
    expect((await post(switchingOrigin, '{"state":"stopped"}')).status).toBe(409)
    running = 'running'
    expect((await post(origin, '{"state":"stopped"}')).status).toBe(404)
    expect((await fetch(`${switchingOrigin}/__dev/sandbox`, { headers: { 'x-console-bridge': secret } })).status).toBe(404)
  })
})
