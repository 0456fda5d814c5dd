import type { Channel } from './api-shape.ts'
import type { Api } from './contract.ts'
import type { Result } from './errors.ts'

type Shape = Record<string, Record<string, Channel>>
export type Transport = (channel: Channel, request: unknown) => Promise<unknown>

/**
 * Turns the verb shape into a frozen object of functions, each closed over one channel.
 * Used by the preload (transport: ipcRenderer.invoke) and the dev bridge (transport: fetch).
 * A transport failure (the host went away) becomes a typed result, never a rejected promise.
 */
export function buildApi(shape: Shape, transport: Transport): Api {
  const domains: Record<string, Readonly<Record<string, (request?: unknown) => Promise<Result<unknown>>>>> = {}
  for (const [domain, verbs] of Object.entries(shape)) {
    const bound: Record<string, (request?: unknown) => Promise<Result<unknown>>> = {}
    for (const [verb, channel] of Object.entries(verbs)) {
      bound[verb] = async (request?: unknown) => {
        try {
          return (await transport(channel, request ?? {})) as Result<unknown>
        } catch {
          return {
            ok: false,
            error: { code: 'INTERNAL', message: 'The console could not reach its main process. Restart it.' },
          }
        }
      }
    }
    domains[domain] = Object.freeze(bound)
  }
  return Object.freeze(domains) as unknown as Api
}
