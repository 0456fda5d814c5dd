/**
 * Standalone sandbox: `npm run sandbox [-- --port <n>] [--seed <n>]`.
 * Prints its URLs, the demo credentials (random per start, for this local fake only), the demo agents and every
 * route (the keys fault injection takes); stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util'
import { agentLabel } from './data/index.ts'
import { DEMO_AGENTS, SANDBOX_ROUTES, startSandbox } from './index.ts'

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
  const routeList = SANDBOX_ROUTES.map((route) => `  ${route}`).join('\n')

  console.log(`Support Console sandbox listening on ${sandbox.url}
  ConnectID (OAuth):  ${sandbox.connectIdUrl}   (token URL ${sandbox.connectIdUrl}/oauth/token)
  Connect API:        ${sandbox.connectApiUrl}
  Swedbank Pay API:   ${sandbox.swedbankPayApiUrl}   (/online/payers/..., /psp/paymentorders/...)
  Inspect:            ${sandbox.url}/__sandbox/requests, /__sandbox/routes, /__sandbox/faults, /__sandbox/transactions,
                      /__sandbox/payers/<ref>, /__sandbox/customers/<n>/tokens, /__sandbox/agents

Demo credentials (random per start; they only open this local sandbox):
  Connect client id:           ${sandbox.credentials.clientId}
  Connect client secret:       ${sandbox.credentials.clientSecret}
  Swedbank Pay merchant token: ${sandbox.credentials.merchantToken}

Agent sign-in (Authorization Code + PKCE S256, public client, loopback redirect_uri http://127.0.0.1:<port>/...):
  GET ${sandbox.connectIdUrl}/oauth/authorize?client_id=${sandbox.credentials.clientId}&response_type=code&scope=read&state=…&redirect_uri=…&code_challenge=…&code_challenge_method=S256
  Demo agents: ${DEMO_AGENTS.map((agent) => `${agent.id} = ${agentLabel(agent)}`).join(', ')}
Invoice payment page: ${sandbox.connectIdUrl}/payment/invoice/pay?clientId&returnUrl&errorUrl&transactionId

Routes:
${routeList}

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
