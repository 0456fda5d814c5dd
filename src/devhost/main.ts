/**
 * `npm run web` (and the e2e suite): the embedded sandbox + the services + the dev host serving the
 * built renderer, so the whole console runs in a browser. Dev/test tooling, never shipped.
 *   node src/devhost/main.ts [--port 5174] [--sandbox-port 0] [--renderer-dir out/renderer]
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { sandboxConfig } from '../core/config.ts'
import { createDispatcher } from '../core/dispatch.ts'
import { createServices } from '../core/services.ts'
import { startSandbox } from '../sandbox/index.ts'
import { startDevHost } from './host.ts'

const repoRoot = resolve(import.meta.dirname, '../..')
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '5174' },
    'sandbox-port': { type: 'string', default: '0' },
    'renderer-dir': { type: 'string', default: resolve(repoRoot, 'out/renderer') },
  },
})

const rendererDir = resolve(values['renderer-dir'])
if (!existsSync(resolve(rendererDir, 'index.html'))) {
  console.error(`No built renderer in ${rendererDir}. Run \`npm run build\` first (\`npm run web\` does it for you).`)
  process.exit(1)
}

const sandbox = await startSandbox({ port: Number(values['sandbox-port']) })
const services = createServices(sandboxConfig(sandbox, process.env.npm_package_version ?? '0.0.0-dev'))
const host = await startDevHost({
  rendererDir,
  repoRoot,
  dispatch: createDispatcher(services.handlers),
  port: Number(values.port),
})

console.log(`Support Console (browser) ready: ${host.url}`)
console.log(`Embedded sandbox: ${sandbox.url}  (demo data; inspect state under ${sandbox.url}/__sandbox/)`)

let closing = false
async function shutdown(): Promise<void> {
  if (closing) return
  closing = true
  services.dispose()
  await Promise.allSettled([host.close(), sandbox.close()])
  process.exit(0)
}
process.on('SIGINT', () => void shutdown())
process.on('SIGTERM', () => void shutdown())
