/**
 * `sandbox [--port]`: the embedded sandbox in the foreground, with the environment that points this
 * CLI at it. The credentials are random per start and open only this local fake. Stops on Ctrl+C / SIGTERM.
 */
import { InvalidArgumentError } from 'commander'
import type { Command } from 'commander'
import { startSandbox } from '../../sandbox/index.ts'
import type { SandboxHandle } from '../../sandbox/index.ts'
import type { CliContext } from '../context.ts'

export function registerSandboxCommand(program: Command, ctx: CliContext): void {
  program
    .command('sandbox')
    .description('run the embedded sandbox (fake ConnectID, Connect and Swedbank Pay) until Ctrl+C')
    .option('--port <n>', 'port on 127.0.0.1 (default: a free one)', parsePort)
    .action(
      ctx.action<{ port?: number }>(async (o) => {
        const sandbox = await startSandbox(o.port === undefined ? {} : { port: o.port })
        ctx.io.out(banner(sandbox))
        const signal = await new Promise<string>((resolve) => {
          process.once('SIGINT', () => resolve('SIGINT'))
          process.once('SIGTERM', () => resolve('SIGTERM'))
        })
        await sandbox.close()
        return { notes: [`${signal}: the sandbox stopped.`] }
      }),
    )
}

function parsePort(value: string): number {
  if (!/^[0-9]{1,5}$/.test(value) || Number(value) > 65_535) throw new InvalidArgumentError('a port is a number from 0 to 65535')
  return Number(value)
}

function banner(sandbox: SandboxHandle): string {
  return `Support Console sandbox listening on ${sandbox.url}
  ConnectID (OAuth):  ${sandbox.connectIdUrl}
  Connect API:        ${sandbox.connectApiUrl}
  Swedbank Pay API:   ${sandbox.swedbankPayApiUrl}
  Inspect:            ${sandbox.url}/__sandbox/requests, /__sandbox/payers/<payerReference>, /__sandbox/faults

Demo credentials (random per start; they only open this local sandbox). To point the CLI at it:
  export CONNECT_API_URL=${sandbox.connectApiUrl}
  export CONNECTID_URL=${sandbox.connectIdUrl}
  export CONNECT_CLIENT_ID=${sandbox.credentials.clientId}
  export CONNECT_CLIENT_SECRET=${sandbox.credentials.clientSecret}
  export SWEDBANKPAY_API_URL=${sandbox.swedbankPayApiUrl}
  export SWEDBANKPAY_TOKEN=${sandbox.credentials.merchantToken}

Try: support-console customers search Nordmann
Press Ctrl+C to stop.
`
}
