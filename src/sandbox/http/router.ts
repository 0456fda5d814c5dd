/** Routes, path decoding and matching. A route's key ("GET /online/payers/:payerReference") names it for fault injection. */
import type { IncomingMessage } from 'node:http'
import type { SandboxState } from '../state.ts'
import { ClientError } from './reply.ts'
import type { Reply } from './reply.ts'

export interface RequestContext {
  req: IncomingMessage
  method: string
  /** As received, still percent-encoded, without the query string. */
  rawPath: string
  /** Path parameters, each segment decoded exactly once. */
  params: Record<string, string>
  query: URLSearchParams
  state: SandboxState
  /** The authenticated Connect client, set by the Connect family's guard. */
  clientId?: string
  /** The signed-in demo agent behind a user-mode token, set by the Connect family's guard. */
  agentId?: string
  /** The request body (received on arrival; a 400/413 surfaces only when a handler asks for it). */
  body(): Promise<string>
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  /** Literal segments and `:name` parameters, e.g. /online/payers/:payerReference/archives */
  pattern: string
  handle(ctx: RequestContext): Reply | Promise<Reply>
  /** Match the literal segments in any case (Swedbank Pay's old /psp paths come in several casings). */
  ignoreCase?: boolean
  /** Bookkeeping that must see every matched request, before faults and the guard (e.g. counting POSTs). */
  observe?(ctx: RequestContext): void | Promise<void>
}

export type RouteMatch = { route: Route; params: Record<string, string> } | { allowedMethods: string[] }

export function routeKey(route: Route): string {
  return `${route.method} ${route.pattern}`
}

/** "/a%2Fb/c" -> ["a/b", "c"]. Malformed percent-encoding is a 400. */
export function decodeSegments(rawPath: string): string[] {
  return rawPath
    .split('/')
    .slice(1)
    .map((segment) => {
      try {
        return decodeURIComponent(segment)
      } catch {
        throw new ClientError(400, 'The path contains malformed percent-encoding', [{ name: 'path', description: 'Malformed percent-encoding' }])
      }
    })
}

function matchPattern(route: Route, segments: string[]): Record<string, string> | undefined {
  const parts = route.pattern.split('/').slice(1)
  const same = route.ignoreCase ? (a: string, b: string) => a.toLowerCase() === b.toLowerCase() : (a: string, b: string) => a === b
  if (parts.length !== segments.length) return undefined
  const params: Record<string, string> = {}
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] as string
    if (part.startsWith(':')) {
      if (segment === '') return undefined
      params[part.slice(1)] = segment
    } else if (!same(part, segment)) {
      return undefined
    }
  }
  return params
}

/** The first route (in declaration order) whose pattern and method match; or the methods the path allows. */
export function matchRoute(routes: readonly Route[], method: string, segments: string[]): RouteMatch | undefined {
  const allowedMethods: string[] = []
  for (const route of routes) {
    const params = matchPattern(route, segments)
    if (!params) continue
    if (route.method === method) {
      for (const [name, value] of Object.entries(params)) {
        if (value === '.' || value === '..') throw new ClientError(400, `The ${name} must not be "${value}"`, [{ name, description: 'Dot segments are not allowed' }])
      }
      return { route, params }
    }
    allowedMethods.push(route.method)
  }
  return allowedMethods.length > 0 ? { allowedMethods } : undefined
}
