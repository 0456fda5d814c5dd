/**
 * Standalone sandbox: `npm run sandbox [-- --port <n>] [--seed <n>]`.
 * Prints its URLs and the demo credentials (random per start, for this local fake only), stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util'
import { startSandbox } from './index.ts'

function integerOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  if (!/^[0-9]+$/.test(value)) throw new Error(`--${name} must be a non-negative integer, got "${value}"`)
  return Number(value)
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, seed: { type: 'string' } } })
  const port = integerOption(values.port, 'port')
  const seed = integerOption(values.seed, 'seed')
  const sandbox = await startSandbox({ ...(port === undefined ? {} : { port }), ...(seed === undefined ? {} : { seed }) })

  console.log(`Support Console sandbox listening on ${sandbox.url}
  ConnectID (OAuth):  ${sandbox.connectIdUrl}   (token URL ${sandbox.connectIdUrl}/oauth/token)
  Connect API:        ${sandbox.connectApiUrl}
  Swedbank Pay API:   ${sandbox.swedbankPayApiUrl}   (/online/payers/...)
  Inspect:            ${sandbox.url}/__sandbox/requests, /__sandbox/routes, /__sandbox/faults

Demo credentials (random per start; they only open this local sandbox):
  Connect client id:           ${sandbox.credentials.clientId}
  Connect client secret:       ${sandbox.credentials.clientSecret}
  Swedbank Pay merchant token: ${sandbox.credentials.merchantToken}

Showcase customers: 100001 Kari Nordmann, 100002 Ola Nordmann, 100003 Astrid Lindqvist, 100004 Ingrid Sæther (no tokens)
Press Ctrl+C to stop.`)

  const stop = (signal: string) => {
    console.log(`\n${signal}: stopping the sandbox`)
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
}

main().catch((error: unknown) => {
  console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
