import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox } from '../../../src/sandbox/index.ts'
import type { SandboxHandle } from '../../../src/sandbox/index.ts'

let sandbox: SandboxHandle
let tokenUrl: string

beforeAll(async () => {
  sandbox = await startSandbox()
  tokenUrl = `${sandbox.connectIdUrl}/oauth/token`
})
afterAll(() => sandbox.close())

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields),
})

describe('ConnectID token endpoint', () => {
  it('listens on 127.0.0.1 and hands out the documented URLs and a fixed client id', () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(sandbox.connectApiUrl).toBe(`${sandbox.url}/capi`)
    expect(sandbox.connectIdUrl).toBe(`${sandbox.url}/user`)
    expect(sandbox.swedbankPayApiUrl).toBe(sandbox.url)
    expect(sandbox.credentials.clientId).toBe('sandbox-console')
    expect(sandbox.credentials.clientSecret.length).toBeGreaterThanOrEqual(24)
    expect(sandbox.credentials.merchantToken).not.toBe(sandbox.credentials.clientSecret)
  })

  it('issues a client_credentials token from the form body', async () => {
    const { clientId, clientSecret } = sandbox.credentials
    const response = await fetch(tokenUrl, form({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }))
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    const body = (await response.json()) as Record<string, unknown>
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 43200, scope: 'read' })
    expect(typeof body.access_token).toBe('string')
    expect(sandbox.state.accessTokens.get(body.access_token as string)?.clientId).toBe('sandbox-console')
  })

  it('issues a token from the query string, as the PHP clients send it, and masks the secret in the request log', async () => {
    const query = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'sandbox-console', client_secret: sandbox.credentials.clientSecret })
    const response = await fetch(`${tokenUrl}?${query}`, { method: 'POST' })
    expect(response.status).toBe(200)
    const first = ((await response.json()) as { access_token: string }).access_token
    const second = ((await (await fetch(`${tokenUrl}?${query}`, { method: 'POST' })).json()) as { access_token: string }).access_token
    expect(first).not.toBe(second)
    const logged = sandbox.state.requests.at(-1)
    expect(logged?.query).toEqual({ grant_type: 'client_credentials', client_id: 'sandbox-console', client_secret: '***' })
  })

  it('refuses a wrong secret and an unknown client with 401 invalid_client', async () => {
    for (const [clientId, secret] of [['sandbox-console', 'wrong'], ['someone-else', sandbox.credentials.clientSecret]] as const) {
      const response = await fetch(tokenUrl, form({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }))
      expect(response.status).toBe(401)
      expect(await response.json()).toMatchObject({ error: 'invalid_client', error_description: expect.any(String) })
    }
  })

  it('answers 400 unsupported_grant_type for other grants and invalid_request without one', async () => {
    const password = await fetch(tokenUrl, form({ grant_type: 'password', client_id: 'sandbox-console', client_secret: 'x' }))
    expect(password.status).toBe(400)
    expect(await password.json()).toMatchObject({ error: 'unsupported_grant_type' })
    const inherited = await fetch(tokenUrl, form({ grant_type: 'toString' }))
    expect(await inherited.json()).toMatchObject({ error: 'unsupported_grant_type' })
    const missing = await fetch(tokenUrl, form({ client_id: 'sandbox-console' }))
    expect(missing.status).toBe(400)
    expect(await missing.json()).toMatchObject({ error: 'invalid_request' })
  })

  it('answers other methods and paths under /user in OAuth style', async () => {
    const get = await fetch(tokenUrl)
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST')
    const unknown = await fetch(`${sandbox.connectIdUrl}/oauth/nothing`)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ error: 'not_found' })
  })
})
