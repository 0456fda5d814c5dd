/**
 * `node src/devhost/main.ts` as the e2e suite runs it: the session runtime on the Node twins behind the
 * bridge, with the recording opener as "the system browser" (GET /__dev/opened-urls).
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { approveInBrowser } from '../core/session/support.ts'

const repoRoot = resolve(import.meta.dirname, '../../..')
let child: ChildProcess
let origin: string
let secret: string
let rendererDir: string

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'devhost-main-'))
  writeFileSync(join(rendererDir, 'index.html'), '<html><head><title>Support Console</title></head><body></body></html>')
  child = spawn(process.execPath, ['src/devhost/main.ts', '--port', '0', '--renderer-dir', rendererDir], {
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
})
