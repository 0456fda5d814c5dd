/** Helpers for the sandbox tests: real HTTP to 127.0.0.1 with global fetch (or node:http for raw paths). */
import { request } from 'node:http'
import { afterAll, beforeAll, beforeEach, expect } from 'vitest'
import { startSandbox } from '../../../src/sandbox/index.ts'
import type { SandboxHandle } from '../../../src/sandbox/index.ts'

export async function clientToken(sandbox: SandboxHandle): Promise<string> {
  const response = await fetch(`${sandbox.connectIdUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: sandbox.credentials.clientId,
      client_secret: sandbox.credentials.clientSecret,
    }),
  })
  if (response.status !== 200) throw new Error(`token request failed: ${response.status}`)
  const body = (await response.json()) as { access_token: string }
  return body.access_token
}

/** A request to the Payer API with the merchant token. */
export function payer(sandbox: SandboxHandle, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${sandbox.swedbankPayApiUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${sandbox.credentials.merchantToken}` },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  })
}

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** Sends the path exactly as given (fetch would normalise "..", "%2e%2e" and friends away). */
export function rawRequest(sandbox: SandboxHandle, method: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(sandbox.url)
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end()
  })
}

export const sandboxPost = (sandbox: SandboxHandle, path: string, body?: unknown): Promise<Response> =>
  fetch(`${sandbox.url}${path}`, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) })

/**
 * The sandbox of the current test file and its client token: live bindings, set by useSandbox's
 * beforeAll (each test file runs in its own module graph, so every file gets its own sandbox).
 */
export let sandbox: SandboxHandle
export let token: string

/**
 * Starts one sandbox for the test file and closes it afterwards; `token` takes a client token once,
 * `reset` puts the data back before every test ('checked': and expects the reset to answer 200).
 */
export function useSandbox(options: { token?: boolean; reset?: boolean | 'checked' } = {}): void {
  beforeAll(async () => {
    sandbox = await startSandbox()
    if (options.token === true) token = await clientToken(sandbox)
  })
  afterAll(() => sandbox.close())
  if (options.reset === 'checked') {
    beforeEach(async () => {
      expect((await sandboxPost(sandbox, '/__sandbox/reset')).status).toBe(200)
    })
  } else if (options.reset === true) {
    beforeEach(async () => {
      await sandboxPost(sandbox, '/__sandbox/reset')
    })
  }
}

/** A call to the sandbox's test hooks under /__sandbox (state, request log, faults): the JSON answer, or a throw. */
export function sandboxAdmin(sandbox: SandboxHandle) {
  return async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const response = await fetch(`${sandbox.url}/__sandbox${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    })
    if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status} ${await response.text()}`)
    return response.json()
  }
}
