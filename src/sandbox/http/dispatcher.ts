/**
 * One request, start to end: log it, find its API family and route, apply an injected fault, run the
 * family's guard (auth, rate limit) and the handler, decorate the reply with the family's headers, write it.
 * Nothing a client sends can crash the server: every failure becomes a reply.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { faultReply } from '../fault-replies.ts'
import { takeFault } from '../faults.ts'
import { logRequest } from '../request-log.ts'
import type { SandboxState } from '../state.ts'
import { readBody } from './body.ts'
import { ClientError, withHeaders } from './reply.ts'
import type { Reply } from './reply.ts'
import { decodeSegments, matchRoute, routeKey } from './router.ts'
import type { RequestContext, Route } from './router.ts'

export interface ApiFamily {
  name: string
  owns(rawPath: string): boolean
  routes: readonly Route[]
  /** False for the sandbox's own inspection routes: they are neither logged nor faultable. */
  inspectable: boolean
  /** Auth and rate limiting; a reply here answers instead of the route. */
  guard?(ctx: RequestContext): Reply | undefined
  /** The family's headers, added to every reply it gives. */
  decorate(ctx: RequestContext, reply: Reply): Reply
  /** The family's error body for a status and message. */
  error(ctx: RequestContext, error: ClientError): Reply
}

/** A connection-reset fault: drop the connection without an answer (a TCP RST where the socket allows it). */
function dropConnection(ctx: RequestContext): void {
  const socket = ctx.req.socket
  if (socket.destroyed) return
  try {
    socket.resetAndDestroy()
  } catch {
    socket.destroy()
  }
}

/** The reply, or null when an injected fault took the connection instead (hang, reset). */
async function routeRequest(ctx: RequestContext, family: ApiFamily, lifetime: AbortSignal): Promise<Reply | null> {
  const match = matchRoute(family.routes, ctx.method, decodeSegments(ctx.rawPath))
  if (!match) throw new ClientError(404, `No such resource: ${ctx.method} ${ctx.rawPath}`)
  if ('allowedMethods' in match) {
    const reply = family.error(ctx, new ClientError(405, `${ctx.method} is not allowed here`))
    return withHeaders(reply, { Allow: match.allowedMethods.join(', ') })
  }
  ctx.params = match.params
  try {
    await match.route.observe?.(ctx)
  } catch {
    // Bookkeeping only: it never changes the answer.
  }
  const fault = family.inspectable ? takeFault(ctx.state, routeKey(match.route)) : undefined
  if (fault?.delayMs) await sleep(fault.delayMs, undefined, { signal: lifetime })
  // No answer at all: a hung request stays open until the client gives up or the sandbox closes.
  if (fault?.hang) return null
  if (fault?.reset) {
    dropConnection(ctx)
    return null
  }
  if (fault?.status !== undefined) return faultReply({ ...fault, status: fault.status }, (error) => family.error(ctx, error))
  return family.guard?.(ctx) ?? (await match.route.handle(ctx))
}

function internalError(ctx: RequestContext, family: ApiFamily, error: unknown): Reply {
  // The route pattern, never the raw path or headers: nothing a client sent ends up in the log.
  const name = error instanceof Error ? error.name : typeof error
  console.error(`[sandbox] internal error (${name}) in ${family.name} on ${ctx.method}`)
  return family.error(ctx, new ClientError(500, 'An internal error occurred in the sandbox'))
}

function write(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(Buffer.byteLength(reply.body)) })
  res.end(reply.body)
}

const LAST_RESORT: Reply = { status: 500, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Internal error' }

export function createRequestHandler(state: SandboxState, families: readonly ApiFamily[], fallback: ApiFamily, lifetime: AbortSignal) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const rawUrl = req.url ?? '/'
    const queryStart = rawUrl.indexOf('?')
    const rawPath = queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart)
    const query = new URLSearchParams(queryStart === -1 ? '' : rawUrl.slice(queryStart + 1))
    const method = (req.method ?? 'GET').toUpperCase()
    const family = families.find((candidate) => candidate.owns(rawPath)) ?? fallback
    // Read at once, as a real server receives the whole request before working on it: a handler that runs
    // after an injected delay still gets the body even if the client has given up (and disconnected) by then.
    const body = readBody(req)
    body.catch(() => {})
    const ctx: RequestContext = { req, method, rawPath, params: {}, query, state, body: () => body }

    const answer = async (): Promise<Reply | null> => {
      if (family.inspectable) logRequest(state, method, rawPath, query, req.headers)
      try {
        return await routeRequest(ctx, family, lifetime)
      } catch (error) {
        if (lifetime.aborted) throw error
        return error instanceof ClientError ? family.error(ctx, error) : internalError(ctx, family, error)
      }
    }
    answer()
      .then((reply) => {
        if (reply !== null) write(res, family.decorate(ctx, reply))
      })
      .catch(() => {
        if (lifetime.aborted) res.destroy()
        else write(res, LAST_RESORT)
      })
  }
}
