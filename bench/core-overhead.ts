/**
 * coreOverheadRatio: one customer lookup through the whole console path (the IPC registrar, the
 * dispatcher's validation of request and response, the services, the HTTP client, the encrypted
 * cache write) against the same GET sent raw (fetch, same token) to the same sandbox. Interleaved
 * one by one, p50 of each, paced under the sandbox's rate limit.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openLookupCache } from '../src/core/cache/lookup-cache.ts'
import { bindProfileCache } from '../src/core/cache/profile-cache.ts'
import { sandboxConfig } from '../src/core/config.ts'
import { createDispatcher } from '../src/core/dispatch.ts'
import { silentLogger } from '../src/core/log.ts'
import { NodeSecretCipher } from '../src/core/platform/node-secret-cipher.ts'
import { createServices } from '../src/core/services.ts'
import { registerContract } from '../src/main/ipc/registrar.ts'
import type { Handlers } from '../src/shared/contract.ts'
import type { Result } from '../src/shared/errors.ts'
import { startSandbox } from '../src/sandbox/index.ts'
import { median, round } from './stats.ts'

const ROUNDS = 200
/** The sandbox allows 100 requests a second per client (as Connect does): two per round, ~50 rounds a second. */
const ROUND_GAP_MS = 20
const CUSTOMER = '100001'

export interface CoreOverheadBench {
  consoleP50Ms: number
  rawP50Ms: number
  coreOverheadRatio: number
}

export async function benchCoreOverhead(): Promise<CoreOverheadBench> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-core-'))
  const sandbox = await startSandbox()
  const logger = silentLogger()
  let wrapped: string | null = null
  const { cache } = await openLookupCache({
    file: join(dir, 'lookups.sqlite'),
    cipher: new NodeSecretCipher(randomBytes(32)),
    keyStore: { get: () => wrapped, set: (next: string) => void (wrapped = next) },
  })
  const services = createServices(sandboxConfig(sandbox, 'bench'), { logger, cache: bindProfileCache(() => cache, 'sandbox', logger) })
  const handlers = new Map<string, (event: unknown, request: unknown) => Promise<Result<unknown>>>()
  const unregister = registerContract({
    ipcMain: {
      handle: (channel: string, handler: (event: unknown, request: unknown) => Promise<Result<unknown>>) => void handlers.set(channel, handler),
      removeHandler: (channel: string) => void handlers.delete(channel),
    } as never,
    dispatch: createDispatcher(services.handlers as Handlers, { logger }),
    isTrustedSender: () => true,
    logger: { info() {}, warn() {}, error() {} },
  })
  try {
    const lookup = handlers.get('customers:get')!
    const viaConsole = async () => {
      const result = await lookup({}, { customerNumber: CUSTOMER })
      if (!result.ok) throw new Error(`bench: lookup failed: ${result.error.code}`)
    }
    // The same request, raw: a client-credentials token, then the GET with it.
    const tokenResponse = await fetch(`${sandbox.connectIdUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: sandbox.credentials.clientId,
        client_secret: sandbox.credentials.clientSecret,
      }),
    })
    const { access_token: accessToken } = (await tokenResponse.json()) as { access_token: string }
    const raw = async () => {
      const response = await fetch(`${sandbox.connectApiUrl}/v1/client/customer/${CUSTOMER}`, {
        headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      })
      if (!response.ok) throw new Error(`bench: raw GET answered ${response.status}`)
      await response.json()
    }
    for (let warm = 0; warm < 20; warm += 1) {
      await viaConsole()
      await raw()
      await sleep(ROUND_GAP_MS)
    }
    const consoleMs: number[] = []
    const rawMs: number[] = []
    for (let round = 0; round < ROUNDS; round += 1) {
      let started = performance.now()
      await viaConsole()
      consoleMs.push(performance.now() - started)
      started = performance.now()
      await raw()
      rawMs.push(performance.now() - started)
      await sleep(ROUND_GAP_MS)
    }
    const consoleP50Ms = median(consoleMs)
    const rawP50Ms = median(rawMs)
    return { consoleP50Ms: round(consoleP50Ms, 3), rawP50Ms: round(rawP50Ms, 3), coreOverheadRatio: round(consoleP50Ms / rawP50Ms) }
  } finally {
    unregister()
    await services.dispose()
    cache.close()
    await sandbox.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
