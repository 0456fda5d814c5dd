/**
 * `node src/devhost/main.ts` as the e2e suite runs it: the session runtime on the Node twins behind the
 * bridge, with the recording opener as "the system browser" (GET /__dev/opened-urls).
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { approveInBrowser } from '../core/session/support.ts'

const repoRoot = resolve(import.meta.dirname, '../../..')
let child: ChildProcess
let origin: string
let secret: string
let rendererDir: string
let scratch: string
let dataDir: string
let exportDir: string
let sandboxPort: number

/** A port that was free a moment ago (the sandbox binds it next). */
const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'devhost-main-'))
  writeFileSync(join(rendererDir, 'index.html'), '<html><head><title>Support Console</title></head><body></body></html>')
  scratch = mkdtempSync(join(tmpdir(), 'devhost-main-dirs-'))
  dataDir = join(scratch, 'data')
  exportDir = join(scratch, 'exports')
  sandboxPort = await freePort()
  const args = ['--port', '0', '--renderer-dir', rendererDir, '--sandbox-port', String(sandboxPort), '--data-dir', dataDir, '--export-dir', exportDir]
  child = spawn(process.execPath, ['src/devhost/main.ts', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  await vi.waitFor(
    () => {
      const ready = /ready: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)
      expect(ready, output).not.toBeNull()
      origin = ready![1]!
    },
    { timeout: 15_000, interval: 50 },
  )
  const html = await (await fetch(`${origin}/`)).text()
  secret = /<meta name="console-bridge" content="([^"]+)"/.exec(html)?.[1] ?? ''
}, 20_000)

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
  rmSync(rendererDir, { recursive: true, force: true })
  rmSync(scratch, { recursive: true, force: true })
})

/** GET on the embedded sandbox over a fresh connection: "HTTP <status>", or the error code. */
const probeSandbox = (): Promise<string> =>
  new Promise((resolve) => {
    const req = request(`http://127.0.0.1:${sandboxPort}/__sandbox/routes`, { agent: false }, (res) => {
      res.resume()
      resolve(`HTTP ${res.statusCode}`)
    })
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)))
    req.end()
  })

const switchSandbox = (body: string, withSecret = true) =>
  fetch(`${origin}/__dev/sandbox`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(withSecret ? { 'x-console-bridge': secret } : {}) },
    body,
  })

const bridge = async (channel: string, request: unknown = {}) =>
  (await fetch(`${origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-console-bridge': secret },
    body: JSON.stringify(request),
  })).json() as Promise<{ ok: boolean; data?: unknown; error?: unknown }>

const openedUrls = async (): Promise<string[]> => {
  const response = await fetch(`${origin}/__dev/opened-urls`, { headers: { 'x-console-bridge': secret } })
  expect(response.status).toBe(200)
  return ((await response.json()) as { urls: string[] }).urls
}

describe('the dev host process', () => {
  it('runs the sandbox profile by default', async () => {
    expect(await bridge('app:info')).toMatchObject({ ok: true, data: { sandbox: true, profile: { kind: 'sandbox' } } })
    expect(await bridge('profiles:get')).toMatchObject({ ok: true, data: { active: 'sandbox', encryption: { available: true } } })
  })

  it('records the sign-in URL for "the system browser"; approving it there signs the agent in', async () => {
    expect(await openedUrls()).toEqual([])
    const signIn = bridge('auth:signIn')
    let authorizeUrl = ''
    await vi.waitFor(async () => {
      authorizeUrl = (await openedUrls()).find((url) => url.includes('/oauth/authorize?')) ?? ''
      expect(authorizeUrl).not.toBe('')
    })
    expect(authorizeUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/user\/oauth\/authorize\?/)
    await approveInBrowser(authorizeUrl, 'mari')
    expect(await signIn).toEqual({
      ok: true,
      data: { signedIn: true, pending: false, agent: { userId: '7100003', name: 'Mari Olsen', email: 'mari.olsen@kundeservice.example.no' } },
    })
  })

  it('keeps the opened URLs behind the bridge secret', async () => {
    expect((await fetch(`${origin}/__dev/opened-urls`)).status).toBe(403)
  })

  it('saves secrets encrypted for this run only', async () => {
    const settings = {
      connect: { apiUrl: 'https://api-test.mediaconnect.no/capi', loginUrl: 'https://api-test.mediaconnect.no/login', clientId: 'dev' },
      swedbankPay: { apiUrl: 'https://api.externalintegration.payex.com' },
      payerReferenceTemplate: '{customerNumber}',
    }
    expect(await bridge('profiles:save', { id: 'test', settings })).toMatchObject({ ok: true })
    const state = await bridge('profiles:setSecret', { id: 'test', name: 'swedbankPayAccessToken', value: 'dev-merchant-token-123' })
    expect(state).toMatchObject({ ok: true, data: { profiles: [{}, { secrets: { swedbankPayAccessToken: true } }, {}] } })
    expect(JSON.stringify(state)).not.toContain('dev-merchant-token-123')
  })

  it('takes the embedded sandbox down (connection refused) and up again through POST /__dev/sandbox', async () => {
    expect(await probeSandbox()).toBe('HTTP 200')
    expect((await switchSandbox('{"state":"stopped"}', false)).status).toBe(403)
    expect((await switchSandbox('{"state":"halted"}')).status).toBe(400)
    expect(await probeSandbox()).toBe('HTTP 200')
    const stopped = await switchSandbox('{"state":"stopped"}')
    expect(await stopped.json()).toEqual({ state: 'stopped' })
    expect(await probeSandbox()).toBe('ECONNREFUSED')
    expect(await (await switchSandbox('{"state":"running"}')).json()).toEqual({ state: 'running' })
    expect(await probeSandbox()).toBe('HTTP 200')
    // Same sandbox, same state: the agent signed in before the outage is still signed in.
    expect(await bridge('auth:status')).toMatchObject({ ok: true, data: { signedIn: true } })
  })

  it('keeps its files in --data-dir, and keeps that folder (and --export-dir) after exit', async () => {
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(true)
    expect(existsSync(exportDir)).toBe(true)
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(true)
    expect(existsSync(exportDir)).toBe(true)
  })
})
