/**
 * The sign-in state machine with a scripted ConnectID (no sandbox): what is sent when, what is kept,
 * what is stored. The same flow against the real sandbox is in sign-in-sandbox.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createAgentSignIn } from '../../../../src/core/auth/agent-sign-in.ts'
import type { AgentSignIn, RefreshTokenVault } from '../../../../src/core/auth/agent-sign-in.ts'
import type { AgentTokens, ConnectIdAgentApi } from '../../../../src/core/auth/connectid-agent.ts'
import { s256Challenge } from '../../../../src/core/auth/pkce.ts'
import { httpSettings } from '../../../../src/core/config.ts'
import { createLogger, memorySink } from '../../../../src/core/log.ts'
import { RecordingExternalOpener } from '../../../../src/core/platform/node-external-opener.ts'
import { AppError } from '../../../../src/shared/errors.ts'

const AGENT = { userId: '7100001', name: 'Silje Haugen', email: 'silje.haugen@kundeservice.example.no' }
const LOGIN = { loginUrl: 'https://connectid.example/user', apiUrl: 'https://api.example/capi', clientId: 'console-client' }

function scriptedConnectId() {
  let issued = 0
  const calls = { exchange: [] as { code: string; verifier: string; redirectUri: string }[], refresh: [] as string[], profile: [] as string[] }
  const tokens = (): AgentTokens => {
    issued += 1
    return { accessToken: `access-token-${issued}-xxxxxxxx`, refreshToken: `refresh-token-${issued}-xxxxxxxx`, expiresIn: 3600 }
  }
  const api: ConnectIdAgentApi & { refuseRefresh: AppError | null } = {
    refuseRefresh: null,
    authorizeUrl: ({ state, challenge, redirectUri }) =>
      `${LOGIN.loginUrl}/oauth/authorize?${new URLSearchParams({ state, code_challenge: challenge, code_challenge_method: 'S256', redirect_uri: redirectUri })}`,
    exchangeCode: async (request) => {
      calls.exchange.push(request)
      return tokens()
    },
    refresh: async (refreshToken) => {
      calls.refresh.push(refreshToken)
      if (api.refuseRefresh) throw api.refuseRefresh
      return tokens()
    },
    agentProfile: async (accessToken) => {
      calls.profile.push(accessToken)
      return AGENT
    },
  }
  return { api, calls }
}

function spyVault(initial: string | null = null) {
  const vault = { stored: initial, saves: [] as string[] }
  const port: RefreshTokenVault = {
    load: async () => vault.stored,
    save: async (token) => {
      vault.saves.push(token)
      vault.stored = token
    },
    clear: async () => {
      vault.stored = null
    },
  }
  return { vault, port }
}

const sessions: AgentSignIn[] = []
afterEach(() => {
  for (const session of sessions.splice(0)) session.dispose()
})

function setup(options: { stored?: string | null; now?: () => number } = {}) {
  const connectId = scriptedConnectId()
  const { vault, port } = spyVault(options.stored ?? null)
  const opener = new RecordingExternalOpener()
  const sink = memorySink()
  const signIn = createAgentSignIn({
    login: LOGIN,
    http: { ...httpSettings('test'), timeoutMs: 1000 },
    opener,
    vault: port,
    logger: createLogger({ sinks: [sink] }),
    api: connectId.api,
    ...(options.now === undefined ? {} : { now: options.now }),
  })
  sessions.push(signIn)
  let seen = 0
  /** Waits for the next authorize URL the console opens, like an agent's browser would. */
  const browser = async () => {
    await vi.waitFor(() => expect(opener.opened.length).toBeGreaterThan(seen))
    seen = opener.opened.length
    const url = new URL(opener.opened.at(-1)!)
    const state = url.searchParams.get('state')!
    const redirectUri = url.searchParams.get('redirect_uri')!
    return { url, state, redirectUri, callback: (query: string) => fetch(`${redirectUri}${query}`) }
  }
  return { ...connectId, vault, opener, sink, signIn, browser }
}

async function signedIn(t: ReturnType<typeof setup>) {
  const pending = t.signIn.signIn()
  const { state, callback } = await t.browser()
  await callback(`?code=code-1&state=${state}`)
  return pending
}

describe('sign-in', () => {
  it('opens the authorize URL with S256, exchanges the code with its verifier once, and holds the agent', async () => {
    const t = setup()
    const status = await signedIn(t)
    expect(status).toEqual({ signedIn: true, agent: AGENT, pending: false })
    expect(t.calls.exchange).toHaveLength(1)
    const [exchange] = t.calls.exchange
    const opened = new URL(t.opener.opened[0]!)
    expect(opened.searchParams.get('code_challenge')).toBe(s256Challenge(exchange!.verifier))
    expect(exchange).toMatchObject({ code: 'code-1', redirectUri: opened.searchParams.get('redirect_uri') })
    expect(t.signIn.session.current()).toEqual(AGENT)
    expect(await t.signIn.session.accessToken()).toBe('access-token-1-xxxxxxxx')
    expect(t.vault.stored).toBe('refresh-token-1-xxxxxxxx')
  })

  it('uses a fresh verifier, state and listener for every attempt', async () => {
    const t = setup()
    await signedIn(t)
    await t.signIn.signOut()
    await signedIn(t)
    const [a, b] = t.opener.opened.map((url) => new URL(url).searchParams)
    expect(a!.get('state')).not.toBe(b!.get('state'))
    expect(a!.get('code_challenge')).not.toBe(b!.get('code_challenge'))
    expect(a!.get('redirect_uri')).not.toBe(b!.get('redirect_uri'))
  })

  it('makes no token request for a callback with a wrong or missing state, or on another path', async () => {
    const t = setup()
    const pending = t.signIn.signIn()
    const { state, redirectUri, callback } = await t.browser()
    expect((await callback(`?code=stolen&state=${state.slice(1)}`)).status).toBe(400)
    expect((await callback('?code=stolen')).status).toBe(400)
    expect((await fetch(`${new URL(redirectUri).origin}/other?code=stolen&state=${state}`)).status).toBe(404)
    expect(t.calls.exchange).toEqual([])
    expect(await t.signIn.status()).toMatchObject({ pending: true, signedIn: false })
    await t.signIn.cancelSignIn()
    await expect(pending).rejects.toMatchObject({ code: 'AUTH_REQUIRED' })
    expect(t.calls.exchange).toEqual([])
  })

  it('refuses a second callback: one sign-in, one code exchange', async () => {
    const t = setup()
    const pending = t.signIn.signIn()
    const { state, callback } = await t.browser()
    await callback(`?code=code-1&state=${state}`)
    await pending
    await expect(callback(`?code=code-2&state=${state}`)).rejects.toThrow()
    expect(t.calls.exchange.map((call) => call.code)).toEqual(['code-1'])
  })

  it('lets a second signIn join the pending one (one browser tab, one listener)', async () => {
    const t = setup()
    const first = t.signIn.signIn()
    const second = t.signIn.signIn()
    const { state, callback } = await t.browser()
    await callback(`?code=code-1&state=${state}`)
    expect(await first).toEqual(await second)
    expect(t.opener.opened).toHaveLength(1)
  })

  it('cancel aborts the pending sign-in and closes its listener', async () => {
    const t = setup()
    const pending = t.signIn.signIn()
    const { state, callback } = await t.browser()
    expect(await t.signIn.cancelSignIn()).toEqual({ signedIn: false, agent: null, pending: false })
    await expect(pending).rejects.toMatchObject({ code: 'AUTH_REQUIRED', message: 'Sign-in was cancelled.' })
    await expect(callback(`?code=late&state=${state}`)).rejects.toThrow()
    expect(t.calls.exchange).toEqual([])
  })

  it('reports a denial in the browser as "Sign-in was cancelled"', async () => {
    const t = setup()
    const pending = t.signIn.signIn()
    const { state, callback } = await t.browser()
    await callback(`?error=access_denied&state=${state}`)
    await expect(pending).rejects.toMatchObject({ code: 'AUTH_REQUIRED', message: 'Sign-in was cancelled.' })
    expect(await t.signIn.status()).toEqual({ signedIn: false, agent: null, pending: false })
  })

  it('keeps tokens out of every status and log line', async () => {
    const t = setup()
    const statuses = [await signedIn(t), await t.signIn.status()]
    await t.signIn.refresh()
    const text = JSON.stringify(statuses) + t.sink.text()
    expect(text).not.toMatch(/access-token|refresh-token|code-1/)
  })
})

describe('tokens after sign-in', () => {
  it('rotates the refresh token shortly before the access token expires, replacing the old one', async () => {
    let clock = 1_000_000
    const t = setup({ now: () => clock })
    await signedIn(t)
    clock += 3600_000 - 61_000
    expect(await t.signIn.session.accessToken()).toBe('access-token-1-xxxxxxxx')
    expect(t.calls.refresh).toEqual([])
    clock += 2_000
    expect(await t.signIn.session.accessToken()).toBe('access-token-2-xxxxxxxx')
    expect(t.calls.refresh).toEqual(['refresh-token-1-xxxxxxxx'])
    expect(t.vault.saves).toEqual(['refresh-token-1-xxxxxxxx', 'refresh-token-2-xxxxxxxx'])
  })

  it('sends a refresh token once even when many callers need a new access token at the same time', async () => {
    const t = setup()
    await signedIn(t)
    await Promise.all([t.signIn.refresh(), t.signIn.refresh(), t.signIn.refresh()])
    expect(t.calls.refresh).toEqual(['refresh-token-1-xxxxxxxx'])
    await t.signIn.refresh()
    expect(t.calls.refresh).toEqual(['refresh-token-1-xxxxxxxx', 'refresh-token-2-xxxxxxxx'])
  })

  it('wipes the session on invalid_grant: signed out, nothing stored, no token', async () => {
    const t = setup()
    await signedIn(t)
    t.api.refuseRefresh = new AppError('AUTH_REQUIRED', 'ConnectID did not accept the refresh token', { httpStatus: 400 })
    expect(await t.signIn.refresh()).toBe(false)
    expect(await t.signIn.status()).toEqual({ signedIn: false, agent: null, pending: false })
    expect(await t.signIn.session.accessToken()).toBeNull()
    expect(t.signIn.session.current()).toBeNull()
    expect(t.vault.stored).toBeNull()
  })

  it('keeps the session when renewing fails for a network reason, using the still valid token', async () => {
    let clock = 0
    const t = setup({ now: () => clock })
    await signedIn(t)
    t.api.refuseRefresh = new AppError('OFFLINE', 'ConnectID cannot be reached')
    clock = 3600_000 - 30_000
    expect(await t.signIn.session.accessToken()).toBe('access-token-1-xxxxxxxx')
    clock = 3600_000 + 1
    await expect(t.signIn.session.accessToken()).rejects.toMatchObject({ code: 'OFFLINE' })
    expect(await t.signIn.status()).toMatchObject({ signedIn: true })
  })

  it('sign-out forgets the access token, the refresh token (stored too) and the agent', async () => {
    const t = setup()
    await signedIn(t)
    expect(await t.signIn.signOut()).toEqual({ signedIn: false, agent: null, pending: false })
    expect(t.vault.stored).toBeNull()
    expect(await t.signIn.session.accessToken()).toBeNull()
    expect(t.signIn.session.current()).toBeNull()
    expect(await t.signIn.refresh()).toBe(false)
    expect(t.calls.refresh).toEqual([])
  })
})

describe('restore', () => {
  it('signs in silently from the stored refresh token and stores its successor', async () => {
    const t = setup({ stored: 'stored-refresh-token' })
    void t.signIn.restore()
    expect(await t.signIn.status()).toEqual({ signedIn: true, agent: AGENT, pending: false })
    expect(t.calls.refresh).toEqual(['stored-refresh-token'])
    expect(t.vault.stored).toBe('refresh-token-1-xxxxxxxx')
  })

  it('forgets a stored refresh token ConnectID refuses', async () => {
    const t = setup({ stored: 'stale-refresh-token' })
    t.api.refuseRefresh = new AppError('AUTH_REQUIRED', 'invalid_grant', { httpStatus: 400 })
    await t.signIn.restore()
    expect(await t.signIn.status()).toMatchObject({ signedIn: false })
    expect(t.vault.stored).toBeNull()
  })

  it('keeps a stored refresh token when ConnectID cannot be reached', async () => {
    const t = setup({ stored: 'stored-refresh-token' })
    t.api.refuseRefresh = new AppError('OFFLINE', 'offline')
    await t.signIn.restore()
    expect(await t.signIn.status()).toMatchObject({ signedIn: false })
    expect(t.vault.stored).toBe('stored-refresh-token')
  })
})
