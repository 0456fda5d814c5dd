/**
 * 401 → one renewal → one replay → sign-in, against the real sandbox: the sandbox revokes tokens (its own
 * state, as a ConnectID admin would) or answers 401 by fault, and its request log shows what was sent.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { agentEndpoints } from '../../../../src/core/auth/agent-endpoints.ts'
import { createAgentSignIn, memoryOnlyVault } from '../../../../src/core/auth/agent-sign-in.ts'
import type { AgentSignIn } from '../../../../src/core/auth/agent-sign-in.ts'
import { httpSettings } from '../../../../src/core/config.ts'
import { createConnectClients } from '../../../../src/core/connect/clients.ts'
import type { ConnectClients } from '../../../../src/core/connect/clients.ts'
import { createLogger, memorySink } from '../../../../src/core/log.ts'
import { RecordingExternalOpener } from '../../../../src/core/platform/node-external-opener.ts'
import { startSandbox } from '../../../../src/sandbox/index.ts'
import type { SandboxHandle } from '../../../../src/sandbox/index.ts'
import type { SandboxState } from '../../../../src/sandbox/state.ts'
import { approveInBrowser } from '../session/support.ts'
import { ROUTES, core, useCoreOnSandbox } from '../support/sandbox.ts'
import { TINY_RETRY, tinyRetry } from './support.ts'

const CUSTOMER_PATH = '/capi/v1/client/customer/100001'

function revokeAccessTokens(state: SandboxState, grant: 'client_credentials' | 'agent'): void {
  for (const issued of state.accessTokens.values()) {
    if ((grant === 'agent') === (issued.agent !== undefined)) issued.revoked = true
  }
}

const sent = (state: SandboxState) => state.requests.map((request) => `${request.method} ${request.path}`)

describe("the console's client-credentials token", () => {
  useCoreOnSandbox({ tweak: tinyRetry() })

  beforeEach(async () => {
    // Holds a token, then forgets what was sent so far.
    expect((await core.call('customers:get', { customerNumber: '100001' })).ok).toBe(true)
    await core.admin('DELETE', '/requests')
  })

  it('revoked: the GET is refused, a new token fetched, the GET replayed once and answered', async () => {
    revokeAccessTokens(core.sandbox.state, 'client_credentials')
    expect(await core.call('customers:get', { customerNumber: '100001' })).toMatchObject({ ok: true, data: { customerNumber: '100001' } })
    expect(sent(core.sandbox.state)).toEqual([`GET ${CUSTOMER_PATH}`, 'POST /user/oauth/token', `GET ${CUSTOMER_PATH}`])
  })

  it('refused twice: AUTH_REQUIRED after exactly one replay', async () => {
    await core.fault({ route: ROUTES.customerInfo, status: 401, times: 2 })
    expect(await core.call('customers:get', { customerNumber: '100001' })).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED', httpStatus: 401, provider: 'connect' } })
    expect(sent(core.sandbox.state)).toEqual([`GET ${CUSTOMER_PATH}`, 'POST /user/oauth/token', `GET ${CUSTOMER_PATH}`])
  })

  it('a write refused with 401 was not done, so it is replayed once, and done once', async () => {
    const klarna = 'PATCH /capi/v1/customer/payment/klarna/token'
    await core.fault({ route: klarna, status: 401, times: 1 })
    const token = core.sandbox.state.data.klarnaTokens.find((t) => t.customerNumber === 100001 && t.state === 'Active')
    expect(token).toBeDefined()
    const result = await core.call('tokens:remove', { provider: 'klarna', customerNumber: '100001', token: token!.token })
    expect(result).toMatchObject({ ok: true, data: { removed: true } })
    expect(sent(core.sandbox.state).filter((line) => line.startsWith('PATCH'))).toHaveLength(2)
    expect(token!.state).toBe('Removed')
  })
})

describe("the agent's ConnectID token", () => {
  let sandbox: SandboxHandle
  let signIn: AgentSignIn
  let clients: ConnectClients
  const Profile = z.looseObject({ userId: z.union([z.string(), z.number()]) })
  const profile = () => clients.agentApi.send({ endpoint: agentEndpoints.profile }, Profile)

  beforeEach(async () => {
    sandbox = await startSandbox()
    const opener = new RecordingExternalOpener(null, (url) => ({ allowed: true, url }))
    const logger = createLogger({ sinks: [memorySink()] })
    const login = { loginUrl: sandbox.connectIdUrl, apiUrl: sandbox.connectApiUrl, clientId: sandbox.credentials.clientId }
    signIn = createAgentSignIn({ login, http: httpSettings('test'), opener, vault: memoryOnlyVault, logger })
    const pending = signIn.signIn()
    await vi.waitFor(() => expect(opener.opened.length).toBeGreaterThan(0))
    await approveInBrowser(opener.opened.at(-1)!)
    await pending
    const connect = { ...login, clientSecret: sandbox.credentials.clientSecret }
    clients = createConnectClients(connect, { ...httpSettings('test'), retry: TINY_RETRY }, { logger, agentSession: signIn.session })
    expect(await profile()).toMatchObject({ userId: expect.anything() })
    sandbox.state.requests.length = 0
  })
  afterEach(async () => {
    signIn.dispose()
    await sandbox.close()
  })

  const refreshTokens = (status: string) => [...sandbox.state.refreshTokens.values()].filter((record) => record.status === status)

  it('revoked: one refresh (rotation), one replay, still signed in', async () => {
    revokeAccessTokens(sandbox.state, 'agent')
    expect(await profile()).toMatchObject({ userId: expect.anything() })
    expect(sent(sandbox.state)).toEqual(['GET /capi/v1/customer/profile', 'POST /user/oauth/token', 'GET /capi/v1/customer/profile'])
    expect([refreshTokens('rotated').length, refreshTokens('active').length]).toEqual([1, 1])
    expect(await signIn.status()).toMatchObject({ signedIn: true })
  })

  it('refresh refused as well: AUTH_REQUIRED "sign in again", and the agent is signed out', async () => {
    revokeAccessTokens(sandbox.state, 'agent')
    for (const record of sandbox.state.refreshTokens.values()) record.status = 'revoked'
    await expect(profile()).rejects.toMatchObject({ code: 'AUTH_REQUIRED', message: expect.stringMatching(/sign in again/) })
    expect(sent(sandbox.state)).toEqual(['GET /capi/v1/customer/profile', 'POST /user/oauth/token'])
    expect(await signIn.status()).toMatchObject({ signedIn: false, agent: null })
  })
})
