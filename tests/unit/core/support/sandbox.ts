/**
 * Core services wired to a real sandbox on 127.0.0.1, through the dispatcher, with a memory log.
 * Every result is kept so a test can assert that no secret ever crossed the boundary. The acting
 * agent is switchable (`core.actAs(null)` signs out); the session channels are not answered here.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest'
import type { AgentSession } from '../../../../src/core/auth/agent-session.ts'
import { sandboxConfig } from '../../../../src/core/config.ts'
import type { ConsoleConfig } from '../../../../src/core/config.ts'
import { createDispatcher } from '../../../../src/core/dispatch.ts'
import { createLogger, memorySink } from '../../../../src/core/log.ts'
import type { ExternalOpener } from '../../../../src/core/platform/ports.ts'
import { createServices } from '../../../../src/core/services.ts'
import type { ServicesOptions } from '../../../../src/core/services.ts'
import type { Channel } from '../../../../src/shared/api-shape.ts'
import type { RequestOf, ResponseOf } from '../../../../src/shared/contract.ts'
import type { Agent } from '../../../../src/shared/domain.ts'
import type { Result } from '../../../../src/shared/errors.ts'
import { startSandbox } from '../../../../src/sandbox/index.ts'
import type { SandboxHandle } from '../../../../src/sandbox/index.ts'
import { handlersWith } from './handlers.ts'
import { sandboxAdmin } from '../../sandbox/sandbox-client.ts'

export interface LoggedRequest {
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string>
}

export const ROUTES = {
  token: 'POST /user/oauth/token',
  customerSearch: 'GET /capi/v1/client/customer/search',
  customerInfo: 'GET /capi/v1/client/customer/:customerNumber',
  listActive: 'GET /online/payers/:payerReference',
  listArchived: 'GET /online/payers/:payerReference/archives',
  getToken: 'GET /online/payers/tokens/:tokenId',
  archiveToken: 'PATCH /online/payers/tokens/:tokenId/archives',
  klarnaList: 'GET /capi/v1/customer/payment/klarna/token',
  vippsList: 'GET /capi/v1/customer/payment/vipps/agreement',
  payInvoice: 'POST /capi/v1/api/payment/invoice',
} as const

export const TEST_AGENT: Agent = { userId: 'agent-1', name: 'Test Agent', email: null }

export interface CoreOptions {
  tweak?: (config: ConsoleConfig) => ConsoleConfig
  services?: Omit<ServicesOptions, 'logger' | 'agentSession'>
}

export async function startCoreOnSandbox(options: CoreOptions = {}) {
  const sandbox: SandboxHandle = await startSandbox()
  const sink = memorySink()
  const logger = createLogger({ sinks: [sink] })
  const config = (options.tweak ?? ((c) => c))(sandboxConfig(sandbox, '0.0.0-test'))
  let agent: Agent | null = TEST_AGENT
  let agentToken: string | null = null
  const agentSession: AgentSession = { current: () => agent, accessToken: async () => agentToken }
  const opened: string[] = []
  const opener: ExternalOpener = { open: async (url) => void opened.push(url) }
  const services = createServices(config, { logger, agentSession, opener, ...options.services })
  const dispatch = createDispatcher(handlersWith(services.handlers), { logger })
  const results: unknown[] = []

  const call = async <C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> => {
    const result = (await dispatch(channel, request)) as Result<ResponseOf<C>>
    results.push(result)
    return result
  }

  const admin = sandboxAdmin(sandbox)

  return {
    sandbox,
    config,
    sink,
    results,
    call,
    /** URLs the services asked the opener to open. */
    opened,
    /** Who acts from now on (null: nobody signed in), and their ConnectID token (null: none). */
    actAs: (next: Agent | null, token: string | null = null) => {
      agent = next
      agentToken = token
    },
    /** Injects a fault on one route: {route, status?, delayMs?, body?, contentType?, times?}. */
    fault: (spec: { route: string; status?: number; delayMs?: number; body?: unknown; contentType?: string; times?: number }) =>
      admin('POST', '/faults', spec),
    requests: async () => ((await admin('GET', '/requests')) as { requests: LoggedRequest[] }).requests,
    admin,
    /** Seed data back; faults, the request log and `opened` cleared; the test agent acting without a token. */
    reset: async () => {
      agent = TEST_AGENT
      agentToken = null
      opened.length = 0
      await admin('POST', '/reset')
      await admin('DELETE', '/faults')
      await admin('DELETE', '/requests')
    },
    /** Every secret this run knows of: configured ones and the access tokens the sandbox issued. */
    secrets: () => [sandbox.credentials.clientSecret, sandbox.credentials.merchantToken, ...sandbox.state.accessTokens.keys()],
    close: async () => {
      await services.dispose()
      await sandbox.close()
    },
  }
}

export type CoreOnSandbox = Awaited<ReturnType<typeof startCoreOnSandbox>>

/** A core-on-sandbox tweak: every provider request times out after `timeoutMs`. */
export const httpTimeout =
  (timeoutMs: number) =>
  (config: ConsoleConfig): ConsoleConfig => ({ ...config, http: { ...config.http, timeoutMs } })

/** The core of the current test file: a live binding, set by useCoreOnSandbox's beforeAll. */
export let core: CoreOnSandbox

/** One core on a sandbox for the whole test file, closed afterwards and reset before every test. */
export function useCoreOnSandbox(options: CoreOptions = {}): void {
  beforeAll(async () => {
    core = await startCoreOnSandbox(options)
  })
  afterAll(async () => {
    await core?.close()
  })
  beforeEach(async () => {
    await core.reset()
  })
}
