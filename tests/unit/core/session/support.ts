/**
 * The session runtime on the Node twins (a NodeSecretCipher with a random key, a NodeSettingsStore in a
 * temp folder, a recording opener with the app's link rule) and the REAL sandbox, through the real
 * dispatcher, with a memory log. Every result is kept so tests can assert no secret crossed the boundary.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, vi } from 'vitest'
import { createDispatcher } from '../../../../src/core/dispatch.ts'
import { createLogger, memorySink } from '../../../../src/core/log.ts'
import { DOCS_ONLY_POLICY, judgeExternalUrl } from '../../../../src/core/platform/link-policy.ts'
import { PresetSaveDialog } from '../../../../src/core/platform/node-dialog.ts'
import { RecordingExternalOpener } from '../../../../src/core/platform/node-external-opener.ts'
import { NodeSecretCipher } from '../../../../src/core/platform/node-secret-cipher.ts'
import { NodeSettingsStore } from '../../../../src/core/platform/node-settings-store.ts'
import type { SaveDialog, SecretCipher } from '../../../../src/core/platform/ports.ts'
import { createRuntime } from '../../../../src/core/runtime.ts'
import type { Runtime } from '../../../../src/core/runtime.ts'
import { startSandbox } from '../../../../src/sandbox/index.ts'
import type { SandboxHandle } from '../../../../src/sandbox/index.ts'
import type { Channel } from '../../../../src/shared/api-shape.ts'
import type { RequestOf, ResponseOf } from '../../../../src/shared/contract.ts'
import type { Result } from '../../../../src/shared/errors.ts'

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'session-'))

export interface RuntimeSetup {
  /** Folder of the settings file; reuse it (with the key) to "restart" the console. */
  dir?: string
  key?: Uint8Array
  cipher?: SecretCipher
  /** Where exports "are saved". Default: a dialog the agent cancels. */
  dialog?: SaveDialog
}

export async function startRuntime(setup: RuntimeSetup = {}) {
  const dir = setup.dir ?? tempDir()
  const key = setup.key ?? randomBytes(32)
  const file = join(dir, 'settings.json')
  const sink = memorySink()
  const logger = createLogger({ sinks: [sink] })
  const sandboxes: SandboxHandle[] = []
  let runtime: Runtime | null = null
  const opener = new RecordingExternalOpener(null, (url) => judgeExternalUrl(url, runtime?.linkPolicy() ?? DOCS_ONLY_POLICY))
  runtime = createRuntime({
    platform: {
      secrets: setup.cipher ?? new NodeSecretCipher(key),
      settings: new NodeSettingsStore(file),
      dialog: setup.dialog ?? new PresetSaveDialog(null),
      external: opener,
    },
    logger,
    version: '0.0.0-test',
    dataDir: dir,
    startSandbox: async () => {
      const sandbox = await startSandbox()
      sandboxes.push(sandbox)
      return sandbox
    },
    loopbackHost: '127.0.0.1',
  })
  await runtime.ready
  const dispatch = createDispatcher(runtime.handlers, { logger })
  const results: unknown[] = []
  const call = async <C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>> => {
    const result = (await dispatch(channel, request)) as Result<ResponseOf<C>>
    results.push(result)
    return result
  }
  const data = async <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> => {
    const result = await call(channel, request)
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`)
    return result.data
  }
  return {
    runtime,
    call,
    data,
    results,
    sink,
    opener,
    sandboxes,
    dir,
    key,
    file,
    storeText: () => readFileSync(file, 'utf8'),
    /** Waits for the console to open a URL matching `pattern` in "the system browser". */
    openedUrl: async (pattern: RegExp, after = 0): Promise<string> => {
      let found: string | undefined
      await vi.waitFor(() => {
        found = opener.opened.slice(after).findLast((url) => pattern.test(url))
        expect(found).toBeDefined()
      })
      return found!
    },
    close: async (options: { keepDir?: boolean } = {}) => {
      await runtime.dispose()
      if (!options.keepDir) rmSync(dir, { recursive: true, force: true })
    },
  }
}

export type RuntimeOnSandbox = Awaited<ReturnType<typeof startRuntime>>

/** Runtimes started by `start` are closed (their folders removed) after each test; `restart` keeps the folder. */
export function useRuntimes() {
  const running: RuntimeOnSandbox[] = []
  afterEach(async () => {
    for (const t of running.splice(0)) await t.close()
  })
  const start = async (setup: RuntimeSetup = {}) => {
    const t = await startRuntime(setup)
    running.push(t)
    return t
  }
  /** Stops the runtime but keeps its folder, so a new one can start on the same files. */
  const restart = async (t: RuntimeOnSandbox, key: Uint8Array = t.key) => {
    running.splice(running.indexOf(t), 1)
    await t.close({ keepDir: true })
    return start({ dir: t.dir, key })
  }
  return { start, restart }
}

/**
 * What the agent does in the system browser on the sandbox's ConnectID page: load it (it lists the demo
 * agents), choose one (POST the form), and follow the 302 to the console's loopback callback.
 */
export async function approveInBrowser(authorizeUrl: string, agent = 'silje', decision: 'agent' | 'deny' = 'agent') {
  const url = new URL(authorizeUrl)
  const page = await fetch(url)
  expect(page.status).toBe(200)
  expect(await page.text()).toContain(`data-testid="agent-${agent}"`)
  const form = new URLSearchParams(url.searchParams)
  if (decision === 'agent') form.set('agent', agent)
  else form.set('deny', '1')
  const answer = await fetch(`${url.origin}${url.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  })
  expect(answer.status).toBe(302)
  const location = answer.headers.get('location') ?? ''
  expect(location.startsWith(url.searchParams.get('redirect_uri') ?? '-')).toBe(true)
  const callback = await fetch(location)
  return { location, status: callback.status, page: await callback.text() }
}

/** Every token the sandbox ever issued to anyone: none may appear in a result or a log line. */
export function issuedTokens(sandbox: SandboxHandle): string[] {
  return [
    ...sandbox.state.accessTokens.keys(),
    ...sandbox.state.refreshTokens.keys(),
    ...sandbox.state.authorizationCodes.keys(),
    sandbox.credentials.clientSecret,
    sandbox.credentials.merchantToken,
  ]
}
