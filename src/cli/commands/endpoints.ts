/**
 * `endpoints`: every path of both APIs from their endpoint tables, each `confirmed` or `assumed`
 * (an assumed path is not in the public docs: check it against the real API before relying on it).
 */
import type { Command } from 'commander'
import { listEndpointRows } from '../../core/endpoint-table.ts'
import type { Endpoint } from '../../core/http/endpoint.ts'
import type { CliContext } from '../context.ts'
import { formatOption, render } from '../format/render.ts'
import type { Format, View } from '../format/render.ts'

interface EndpointRow {
  api: string
  name: string
  method: Endpoint['method']
  /** What the path is relative to: the API base, or the ConnectID login server. */
  base: '{apiUrl}' | '{loginUrl}'
  path: string
  status: Endpoint['status']
  source: string
}

const endpointView: View<EndpointRow> = {
  fields: ['api', 'name', 'method', 'base', 'path', 'status', 'source'],
  table: ['api', 'name', 'method', 'base', 'path', 'status', 'source'],
}

export function endpointRows(): EndpointRow[] {
  return listEndpointRows().map(({ api, name, method, base, path, status, source }) => ({
    api,
    name,
    method,
    base: base === 'login' ? '{loginUrl}' : '{apiUrl}',
    path,
    status,
    source,
  }))
}

export function registerEndpointsCommand(program: Command, ctx: CliContext): void {
  program
    .command('endpoints')
    .description('list every endpoint of the Connect and Swedbank Pay APIs, confirmed or assumed')
    .addOption(formatOption())
    .action(ctx.action<{ format: Format }>(async (o) => ({ stdout: render(o.format, endpointRows(), endpointView) })))
}
