/**
 * A scripted HttpClient for unit tests: records every request it is asked to send and answers from
 * a script keyed by "METHOD path-template" (a body to read with the caller's schema, or an error to throw).
 */
import type { z } from 'zod'
import type { HttpClient, HttpRequest } from '../../../../src/core/http/client.ts'

export type Scripted = { body: unknown } | { error: unknown }

export function fakeHttp(script: Record<string, Scripted | Scripted[]>) {
  const sent: HttpRequest[] = []
  const client: HttpClient = {
    provider: 'connect',
    async send<S extends z.ZodType>(request: HttpRequest, schema: S): Promise<z.output<S>> {
      sent.push(request)
      const key = `${request.endpoint.method} ${request.endpoint.path}`
      const entry = script[key]
      const next = Array.isArray(entry) ? entry.shift() : entry
      if (next === undefined) throw new Error(`no scripted answer for ${key}`)
      if ('error' in next) throw next.error
      return schema.parse(next.body)
    },
  }
  return { client, sent, keys: () => sent.map((request) => `${request.endpoint.method} ${request.endpoint.path}`) }
}
