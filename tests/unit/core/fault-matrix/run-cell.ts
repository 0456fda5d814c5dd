/**
 * One cell of the fault matrix: a fresh sandbox and services (so cells can run side by side), one fault on
 * one route, the endpoint called through the real dispatcher, the answer checked, then the fault cleared and
 * the same call made again. Run without a lookup cache: a read's failure is always the typed error itself.
 */
import { afterAll, describe, expect as globalExpect, it } from 'vitest'
import type { ExpectStatic } from 'vitest'
import { httpSettings } from '../../../../src/core/config.ts'
import type { ConsoleConfig } from '../../../../src/core/config.ts'
import type { ProviderStatus } from '../../../../src/shared/domain.ts'
import { ERROR_CODES } from '../../../../src/shared/errors.ts'
import type { ErrorData, Result } from '../../../../src/shared/errors.ts'
import { startCoreOnSandbox } from '../support/sandbox.ts'
import type { CoreOnSandbox } from '../support/sandbox.ts'
import { FAULT_KINDS, expectedFor } from './cells.ts'
import type { Endpoint, Expected, FaultKind } from './cells.ts'

/**
 * Small and quick: a 1.2 s deadline (room for a loaded 2-core CI machine running cells concurrently, well
 * above the 100 ms latency cell), three attempts for a read, 5–20 ms backoff, nothing waited past 1 s.
 */
export const matrixConfig = (config: ConsoleConfig): ConsoleConfig => {
  const http = { ...httpSettings('test'), timeoutMs: 1200, retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, ceilingMs: 1000 } }
  return { ...config, http }
}

/** Every unhandled rejection of this test file's process, whichever cell caused it. */
export const unhandledRejections: unknown[] = []
process.on('unhandledRejection', (reason) => {
  unhandledRejections.push(reason)
})

const ERROR_FIELDS = ['code', 'message', 'retryAfterMs', 'provider', 'httpStatus']
const LABEL = /\b(Connect|Swedbank Pay|PayEx|Klarna|Vipps|Nexi)\b/

/** A typed error an agent can read: a contract code, the expected one, a short message naming the provider, nothing leaked. */
export function checkError(expect: ExpectStatic, error: ErrorData, expected: Exclude<Expected, { ok: true }>, secrets: readonly string[]): void {
  const seen = `${error.code} (HTTP ${error.httpStatus ?? '-'}): ${error.message}`
  expect(ERROR_CODES).toContain(error.code)
  expect(Object.keys(error).filter((key) => !ERROR_FIELDS.includes(key))).toEqual([])
  expect(error.code, seen).toBe(expected.code)
  if (expected.httpStatus !== undefined) {
    expect(error.httpStatus, seen).toBe(expected.httpStatus)
    if (expected.statusInMessage !== false) expect(error.message).toContain(`HTTP ${expected.httpStatus}`)
  }
  if (expected.retryAfterMs !== undefined) {
    expect(error.retryAfterMs).toBeGreaterThanOrEqual(expected.retryAfterMs[0])
    expect(error.retryAfterMs).toBeLessThanOrEqual(expected.retryAfterMs[1])
  }
  if (expected.message !== undefined) expect(error.message).toMatch(expected.message)
  const { message } = error
  expect(message.length).toBeGreaterThan(10)
  expect(message.length).toBeLessThanOrEqual(300)
  expect(message).toMatch(LABEL)
  expect(message).not.toMatch(/[\r\n]|\bat \S+:\d+:\d+|https?:\/\/|127\.0\.0\.1|\?\w+=|Error:|undefined|\[object /)
  for (const secret of secrets) expect(message).not.toContain(secret)
}

/** How many requests of the endpoint's own route (method and path) reached the sandbox. */
async function requestsOnRoute(core: CoreOnSandbox, route: string): Promise<number> {
  const [method, pattern] = route.split(' ') as [string, string]
  const path = new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, '[^/]+')}$`, 'i')
  return (await core.requests()).filter((request) => request.method === method && path.test(request.path)).length
}

function statusesOf(expect: ExpectStatic, result: Result<unknown>): ProviderStatus[] {
  if (!result.ok) expect.fail(`tokens:list failed as a whole: ${result.error.code} ${result.error.message}`)
  return (result.data as { providers: ProviderStatus[] }).providers
}

/** The answer under the fault: the expected typed error (for tokens:list, on the faulted provider only) or success. */
function checkAnswer(expect: ExpectStatic, endpoint: Endpoint, expected: Expected, result: Result<unknown>, secrets: readonly string[]): void {
  if (endpoint.provider !== undefined) {
    const statuses = statusesOf(expect, result)
    const others = statuses.filter((status) => status.provider !== endpoint.provider)
    expect(others.map((status) => [status.provider, status.status])).toEqual(others.map((status) => [status.provider, 'loaded']))
    const faulted = statuses.find((status) => status.provider === endpoint.provider)
    if ('ok' in expected) return void expect(faulted?.status).toBe('loaded')
    expect(faulted).toMatchObject({ status: 'failed', count: 0 })
    return checkError(expect, faulted!.error!, expected, secrets)
  }
  if ('ok' in expected) return void expect(result.ok, result.ok ? '' : `${result.error.code}: ${result.error.message}`).toBe(true)
  if (result.ok) return void expect.fail(`expected ${expected.code}, got success`)
  checkError(expect, result.error, expected, secrets)
}

function checkSuccess(expect: ExpectStatic, endpoint: Endpoint, result: Result<unknown>): void {
  if (endpoint.provider !== undefined) {
    const statuses = statusesOf(expect, result)
    expect(statuses.map((status) => status.status)).toEqual(statuses.map(() => 'loaded'))
  } else {
    expect(result.ok, result.ok ? '' : `${result.error.code}: ${result.error.message}`).toBe(true)
  }
}

export async function runCell(expect: ExpectStatic, endpoint: Endpoint, kind: FaultKind): Promise<void> {
  const core = await startCoreOnSandbox({ tweak: matrixConfig })
  try {
    const expected = expectedFor(endpoint, kind)
    await core.admin('POST', '/faults', { route: endpoint.route, ...kind.spec })
    const call = () => core.call(endpoint.channel, endpoint.request as never) as Promise<Result<unknown>>

    checkAnswer(expect, endpoint, expected, await call(), core.secrets())
    // A write is sent once per agent action, whatever happened to it: never retried blindly.
    if (endpoint.write) expect(await requestsOnRoute(core, endpoint.route)).toBe(1)

    // Usable afterwards: the fault gone, the same call goes through (a write that went through already is not repeated).
    await core.admin('DELETE', '/faults')
    if (!('ok' in expected)) {
      checkSuccess(expect, endpoint, await call())
      if (endpoint.write) expect(await requestsOnRoute(core, endpoint.route)).toBe(2)
    }
    const answers = JSON.stringify(core.results)
    for (const secret of core.secrets()) expect(answers).not.toContain(secret)
    expect(unhandledRejections).toEqual([])
  } finally {
    await core.close()
  }
}

/** The suite of one test file: every endpoint given × every fault kind, each cell its own concurrent test. */
export function faultMatrix(title: string, endpoints: readonly Endpoint[]): void {
  const cells = endpoints.flatMap((endpoint) => FAULT_KINDS.map((kind) => ({ title: `${endpoint.name} × ${kind.name}`, endpoint, kind })))
  describe(title, () => {
    it.concurrent.for(cells)('$title', { timeout: 30_000 }, ({ endpoint, kind }, { expect }) => runCell(expect, endpoint, kind))
  })
  afterAll(() => {
    globalExpect(unhandledRejections).toEqual([])
  })
}
