/** GET /__sandbox/secrets and /__sandbox/customers/<n>: what e2e leak scans look for. */
import { describe, expect, it } from 'vitest'
import { agentTokens, refresh } from './agent-client.ts'
import type { TokenBody } from './agent-client.ts'
import { sandbox, token, useSandbox } from './sandbox-client.ts'

useSandbox({ token: true })

interface Secrets {
  clientSecret: string
  merchantToken: string
  accessTokens: string[]
  refreshTokens: string[]
  authorizationCodes: string[]
}
const secrets = async (): Promise<Secrets> => (await fetch(`${sandbox.url}/__sandbox/secrets`)).json() as Promise<Secrets>

describe('GET /__sandbox/secrets', () => {
  it('lists the credentials and every token issued so far, rotated ones too', async () => {
    const first = await agentTokens(sandbox, 'silje')
    const rotated = (await (await refresh(sandbox, first.refresh_token)).json()) as TokenBody
    expect(rotated.refresh_token).not.toBe(first.refresh_token)

    const listed = await secrets()
    expect(listed.clientSecret).toBe(sandbox.credentials.clientSecret)
    expect(listed.merchantToken).toBe(sandbox.credentials.merchantToken)
    expect(listed.accessTokens).toEqual(expect.arrayContaining([token, first.access_token, rotated.access_token]))
    expect(listed.accessTokens).toHaveLength(3)
    expect(listed.refreshTokens).toEqual([first.refresh_token, rotated.refresh_token])
    expect(listed.authorizationCodes).toHaveLength(1)
    expect(listed.authorizationCodes[0]).toMatch(/^[\w-]{20,}$/)
  })

  it('answers only GET, and is not logged as an API request', async () => {
    expect((await fetch(`${sandbox.url}/__sandbox/secrets`, { method: 'DELETE' })).status).toBe(405)
    const { requests } = (await (await fetch(`${sandbox.url}/__sandbox/requests`)).json()) as { requests: { path: string }[] }
    expect(requests.some((request) => request.path.includes('__sandbox'))).toBe(false)
  })
})

describe('GET /__sandbox/customers/<n>', () => {
  it('gives the raw customer record, a 404 for an unknown one and a 400 for a malformed number', async () => {
    const kari = await fetch(`${sandbox.url}/__sandbox/customers/100001`)
    expect(kari.status).toBe(200)
    expect(await kari.json()).toMatchObject({ customerNumber: 100001, firstName: 'Kari', lastName: 'Nordmann', phoneNumbers: ['+4791234567'] })
    expect((await fetch(`${sandbox.url}/__sandbox/customers/999999999`)).status).toBe(404)
    expect((await fetch(`${sandbox.url}/__sandbox/customers/12a`)).status).toBe(400)
  })
})
