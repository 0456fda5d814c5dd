/**
 * Runs the CLI from source as a real child process (Node 24 strips the types), with an environment
 * that holds only what the test gives it, and keeps every output so a test can assert that no
 * secret was ever printed.
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, beforeEach, vi } from 'vitest'
import { startSandbox } from '../../../src/sandbox/index.ts'
import type { SandboxHandle } from '../../../src/sandbox/index.ts'
import { sandboxAdmin } from '../sandbox/sandbox-client.ts'

export const CLI = fileURLToPath(new URL('../../../src/cli/index.ts', import.meta.url))

export interface CliRun {
  args: string[]
  code: number | null
  stdout: string
  stderr: string
}

/** A clean environment: no CONNECT_* / SWEDBANKPAY_* leaks in from the machine running the tests. */
const BASE_ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LANG: 'C.UTF-8' }

/** Each child process takes well under a second; a test runs a few, so this only matters on a loaded machine. */
export const CHILD_TIMEOUT_MS = 8_000

export function createCliRunner() {
  vi.setConfig({ testTimeout: 20_000 })
  const runs: CliRun[] = []
  const run = (args: string[], env: Record<string, string> = {}, timeoutMs = CHILD_TIMEOUT_MS): Promise<CliRun> =>
    new Promise((resolve) => {
      execFile(process.execPath, [CLI, ...args], { env: { ...BASE_ENV, ...env }, timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null
        const result = { args, code, stdout, stderr }
        runs.push(result)
        resolve(result)
      })
    })
  return { run, runs }
}

/** The six variables that point the CLI at a sandbox. */
export function sandboxEnv(sandbox: SandboxHandle): Record<string, string> {
  return {
    CONNECT_API_URL: sandbox.connectApiUrl,
    CONNECTID_URL: sandbox.connectIdUrl,
    CONNECT_CLIENT_ID: sandbox.credentials.clientId,
    CONNECT_CLIENT_SECRET: sandbox.credentials.clientSecret,
    SWEDBANKPAY_API_URL: sandbox.swedbankPayApiUrl,
    SWEDBANKPAY_TOKEN: sandbox.credentials.merchantToken,
  }
}

/** The sandbox's test hooks under /__sandbox (state, request log, faults). */
export function inspector(sandbox: SandboxHandle) {
  const call = sandboxAdmin(sandbox)
  return {
    get: call.bind(null, 'GET'),
    requests: async () => ((await call('GET', '/requests')) as { requests: { method: string; path: string }[] }).requests,
    fault: (spec: { route: string; status?: number; delayMs?: number; times?: number }) => call('POST', '/faults', spec),
    /** Seed data back, faults and the request log cleared. */
    reset: async () => {
      await call('POST', '/reset')
      await call('DELETE', '/faults')
      await call('DELETE', '/requests')
    },
  }
}

export interface TestSandbox {
  sandbox: SandboxHandle
  /** The six variables pointing the CLI at it. */
  env: Record<string, string>
  box: ReturnType<typeof inspector>
}

/** A sandbox for the file (started before all, closed after all), reset before each test. */
export function useSandbox(): TestSandbox {
  const current = {} as TestSandbox
  beforeAll(async () => {
    current.sandbox = await startSandbox()
    current.env = sandboxEnv(current.sandbox)
    current.box = inspector(current.sandbox)
  })
  afterAll(async () => {
    await current.sandbox?.close()
  })
  beforeEach(async () => {
    await current.box.reset()
  })
  return current
}

/** Every secret the sandbox knows: configured ones and the access tokens it issued. */
export function sandboxSecrets(sandbox: SandboxHandle): string[] {
  return [sandbox.credentials.clientSecret, sandbox.credentials.merchantToken, ...sandbox.state.accessTokens.keys()]
}

/** A stack frame line ("    at fn (file:1:2)"), which must never reach a user. */
export const STACK_FRAME = /^\s+at .+\(.*:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m

/** The strict RFC 4180 reader the CSV writer's own tests use. */
export { parseCsv } from '../../support/csv-reader.ts'
