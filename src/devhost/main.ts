/**
 * `npm run web` (and the e2e suite): the session runtime (profiles, the agent's sign-in, the services,
 * the embedded sandbox) on the Node twins of the platform ports, and the dev host serving the built
 * renderer, so the whole console runs in a browser. Dev/test tooling, never shipped.
 *   node src/devhost/main.ts [--port 5174] [--sandbox-port 0] [--renderer-dir out/renderer]
 *                            [--data-dir <dir>] [--export-dir <dir>]
 * "The system browser" is a recording opener: every URL the console opens (sign-in, payment pages) is
 * printed and listed at GET /__dev/opened-urls, for a person or a test to open in another tab.
 * The data folder (settings, lookup cache, audit log) is --data-dir, kept after exit, or else a temp folder
 * removed at exit. "The save dialog" answers <export-dir>/<suggested name> (default: a temp folder, removed at
 * exit). POST /__dev/sandbox {"state":"stopped"|"running"} takes the embedded sandbox down and up again.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { createDispatcher } from '../core/dispatch.ts'
import { consoleSink, createLogger } from '../core/log.ts'
import { DOCS_ONLY_POLICY, judgeExternalUrl } from '../core/platform/link-policy.ts'
import { FolderSaveDialog } from '../core/platform/node-dialog.ts'
import { RecordingExternalOpener } from '../core/platform/node-external-opener.ts'
import { NodeSecretCipher } from '../core/platform/node-secret-cipher.ts'
import { NodeSettingsStore } from '../core/platform/node-settings-store.ts'
import { createRuntime } from '../core/runtime.ts'
import type { Runtime } from '../core/runtime.ts'
import { startSandbox } from '../sandbox/index.ts'
import { startDevHost } from './host.ts'
import { createSandboxSwitch } from './sandbox-switch.ts'

const repoRoot = resolve(import.meta.dirname, '../..')
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '5174' },
    'sandbox-port': { type: 'string', default: '0' },
    'renderer-dir': { type: 'string', default: resolve(repoRoot, 'out/renderer') },
    'data-dir': { type: 'string' },
    'export-dir': { type: 'string' },
  },
})

const rendererDir = resolve(values['renderer-dir'])
if (!existsSync(resolve(rendererDir, 'index.html'))) {
  console.error(`No built renderer in ${rendererDir}. Run \`npm run build\` first (\`npm run web\` does it for you).`)
  process.exit(1)
}

/** A given folder (created if missing, kept after exit), or a temp folder removed at exit. */
const temporary: string[] = []
function folder(given: string | undefined, prefix: string): string {
  if (given !== undefined) {
    mkdirSync(resolve(given), { recursive: true })
    return resolve(given)
  }
  const dir = mkdtempSync(join(tmpdir(), prefix))
  temporary.push(dir)
  return dir
}
// Secrets are encrypted with a random key of this run, so a kept data folder's secrets do not outlive it.
const dataDir = folder(values['data-dir'], 'support-console-devhost-')
const exportDir = folder(values['export-dir'], 'support-console-exports-')
const sandbox = createSandboxSwitch(() => startSandbox({ port: Number(values['sandbox-port']) }))
const logger = createLogger({ sinks: [consoleSink()] })
let runtime: Runtime | null = null
const opener = new RecordingExternalOpener(
  (line) => console.log(line),
  (url) => judgeExternalUrl(url, runtime?.linkPolicy() ?? DOCS_ONLY_POLICY),
)
runtime = createRuntime({
  platform: {
    secrets: new NodeSecretCipher(randomBytes(32)),
    settings: new NodeSettingsStore(join(dataDir, 'settings.json')),
    dialog: new FolderSaveDialog(exportDir),
    external: opener,
  },
  logger,
  version: process.env.npm_package_version ?? '0.0.0-dev',
  dataDir,
  startSandbox: sandbox.start,
  loopbackHost: '127.0.0.1',
})
await runtime.ready
const host = await startDevHost({
  rendererDir,
  repoRoot,
  dispatch: createDispatcher(runtime.handlers, { logger }),
  port: Number(values.port),
  openedUrls: () => opener.opened,
  sandbox: sandbox.set,
})

console.log(`Support Console (browser) ready: ${host.url}`)
console.log(`Embedded sandbox on port ${values['sandbox-port'] === '0' ? '(random)' : values['sandbox-port']}; inspect its state under /__sandbox/`)
console.log(`Data folder: ${dataDir}; exports are saved to ${exportDir}`)

let closing = false
async function shutdown(): Promise<void> {
  if (closing) return
  closing = true
  await Promise.allSettled([host.close(), runtime?.dispose()])
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true })
  process.exit(0)
}
process.on('SIGINT', () => void shutdown())
process.on('SIGTERM', () => void shutdown())
