import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_AGENTS, startSandbox } from '../../../src/sandbox/index.ts'
import type { SandboxHandle } from '../../../src/sandbox/index.ts'
import { authorizeParams, pkce, postForm, REDIRECT_URI } from './agent-client.ts'

let sandbox: SandboxHandle
let authorizeUrl: string
const { challenge } = pkce()

beforeAll(async () => {
  sandbox = await startSandbox()
  authorizeUrl = `${sandbox.connectIdUrl}/oauth/authorize`
})
afterAll(() => sandbox.close())

const page = (overrides: Record<string, string | undefined> = {}) =>
  fetch(`${authorizeUrl}?${new URLSearchParams(authorizeParams(challenge, overrides))}`, { redirect: 'manual' })

async function expectRefusal(response: Response, message: RegExp): Promise<void> {
  expect(response.status).toBe(400)
  expect(response.headers.get('location')).toBeNull()
  expect(response.headers.get('content-type')).toMatch(/^text\/html/)
  const html = await response.text()
  expect(html).toMatch(/<h1>Request refused<\/h1>/)
  expect(html).toMatch(message)
}

describe('ConnectID authorize page (GET)', () => {
  it('lists the demo agents and Deny in an accessible form, with the request carried in hidden fields', async () => {
    const response = await page({ state: 'a"<b>&c' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(response.headers.get('x-frame-options')).toBe('DENY')
    expect(response.headers.get('cache-control')).toBe('no-store')
    const html = await response.text()
    expect(html).toMatch(/<html lang="en">/)
    expect(html).toMatch(/<h1>Sign in to ConnectID<\/h1>/)
    expect(html).toContain('<form method="post" action="/user/oauth/authorize">')
    expect(html).toContain('<legend>Demo agents</legend>')
    for (const agent of DEMO_AGENTS) {
      expect(html).toContain(`data-testid="agent-${agent.id}"`)
      expect(html).toContain(`Sign in as ${agent.firstName} ${agent.lastName} (${agent.office})</button>`)
    }
    expect(html).toMatch(/<button type="submit" name="deny" value="1" data-testid="deny">Deny<\/button>/)
    expect(html).toContain(`<input type="hidden" name="code_challenge" value="${challenge}">`)
    // The state comes back escaped, never as markup.
    expect(html).toContain('value="a&quot;&lt;b&gt;&amp;c"')
    expect(html).not.toContain('<b>')
  })

  it('has exactly three demo agents with distinct ids', () => {
    expect(DEMO_AGENTS.map((agent) => agent.id)).toEqual(['silje', 'erik', 'mari'])
  })

  const refusals: [string, Record<string, string | undefined>, RegExp][] = [
    ['an unknown client_id', { client_id: 'someone-else' }, /Unknown client_id/],
    ['a missing client_id', { client_id: undefined }, /Unknown client_id/],
    ['response_type=token', { response_type: 'token' }, /response_type/],
    ['an https redirect_uri', { redirect_uri: 'https://evil.example/cb' }, /redirect_uri/],
    ['a localhost redirect_uri', { redirect_uri: 'http://localhost:5000/cb' }, /redirect_uri/],
    ['a loopback redirect_uri without a port', { redirect_uri: 'http://127.0.0.1/cb' }, /redirect_uri/],
    ['a look-alike host', { redirect_uri: 'http://127.0.0.1.evil.example:5000/cb' }, /redirect_uri/],
    ['credentials in the redirect_uri', { redirect_uri: 'http://user:pw@127.0.0.1:5000/cb' }, /redirect_uri/],
    ['a fragment in the redirect_uri', { redirect_uri: 'http://127.0.0.1:5000/cb#x' }, /redirect_uri/],
    ['a missing redirect_uri', { redirect_uri: undefined }, /redirect_uri/],
    ['a missing code_challenge', { code_challenge: undefined }, /code_challenge is required/],
    ['a short code_challenge', { code_challenge: 'a'.repeat(42) }, /code_challenge is required/],
    ['a long code_challenge', { code_challenge: 'a'.repeat(129) }, /code_challenge is required/],
    ['the plain method', { code_challenge_method: 'plain' }, /plain is not accepted/],
    ['a missing method (plain by default)', { code_challenge_method: undefined }, /S256/],
    ['another scope', { scope: 'admin' }, /scope/],
    ['a missing state', { state: undefined }, /state is required/],
  ]
  for (const [name, overrides, message] of refusals) {
    it(`refuses ${name} with a 400 page and no redirect`, async () => {
      await expectRefusal(await page(overrides), message)
    })
  }

  it('accepts an IPv6 loopback redirect_uri and refuses a repeated parameter', async () => {
    expect((await page({ redirect_uri: 'http://[::1]:5000/cb' })).status).toBe(200)
    const query = `${new URLSearchParams(authorizeParams(challenge))}&redirect_uri=${encodeURIComponent('http://127.0.0.1:1/other')}`
    await expectRefusal(await fetch(`${authorizeUrl}?${query}`), /redirect_uri is repeated/)
  })
})

describe('ConnectID authorize decision (POST)', () => {
  it('redirects with a fresh code and the state, keeping the redirect_uri\'s own query', async () => {
    const redirectUri = 'http://127.0.0.1:53123/callback?session=42'
    const response = await postForm(authorizeUrl, { ...authorizeParams(challenge, { redirect_uri: redirectUri }), agent: 'erik' })
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('location') ?? '')
    expect(`${location.origin}${location.pathname}`).toBe('http://127.0.0.1:53123/callback')
    expect(location.searchParams.get('session')).toBe('42')
    expect(location.searchParams.get('state')).toBe('st-123')
    const code = location.searchParams.get('code') ?? ''
    expect(code.length).toBeGreaterThanOrEqual(40)
    expect(sandbox.state.authorizationCodes.get(code)).toMatchObject({ agent: 'erik', redirectUri, codeChallenge: challenge, used: false })
    const again = await postForm(authorizeUrl, { ...authorizeParams(challenge), agent: 'erik' })
    expect(new URL(again.headers.get('location') ?? '').searchParams.get('code')).not.toBe(code)
  })

  it('redirects Deny as error=access_denied with the state, and issues no code', async () => {
    const before = sandbox.state.authorizationCodes.size
    const response = await postForm(authorizeUrl, { ...authorizeParams(challenge), deny: '1' })
    expect(response.status).toBe(302)
    const location = new URL(response.headers.get('location') ?? '')
    expect(location.href.startsWith(REDIRECT_URI)).toBe(true)
    expect([...location.searchParams]).toEqual([['error', 'access_denied'], ['state', 'st-123']])
    expect(sandbox.state.authorizationCodes.size).toBe(before)
  })

  it('re-validates the posted request: a tampered redirect_uri or an unknown agent gets a 400 page', async () => {
    await expectRefusal(await postForm(authorizeUrl, { ...authorizeParams(challenge, { redirect_uri: 'https://evil.example/cb' }), agent: 'silje' }), /redirect_uri/)
    await expectRefusal(await postForm(authorizeUrl, { ...authorizeParams(challenge, { code_challenge_method: 'plain' }), deny: '1' }), /S256/)
    await expectRefusal(await postForm(authorizeUrl, { ...authorizeParams(challenge), agent: 'mallory' }), /demo agents/)
    await expectRefusal(await postForm(authorizeUrl, authorizeParams(challenge)), /demo agents/)
  })

  it('answers an injected fault on the page as an HTML page', async () => {
    sandbox.state.faults.set('GET /user/oauth/authorize', { status: 503, times: 1 })
    const response = await page()
    expect(response.status).toBe(503)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect((await page()).status).toBe(200)
  })
})
