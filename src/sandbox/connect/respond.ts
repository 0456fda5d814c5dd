/** Connect's answer formats: JSON only for clients that send Accept: application/json, XML otherwise. */
import type { Reply } from '../http/reply.ts'
import type { RequestContext } from '../http/router.ts'
import { toXmlDocument } from '../http/xml.ts'

function wantsJson(ctx: RequestContext): boolean {
  return (ctx.req.headers.accept ?? '').toLowerCase().includes('application/json')
}

/** A Connect answer: JSON when the client sent Accept: application/json, XML under `xmlRoot` otherwise. */
export function connectReply(ctx: RequestContext, status: number, body: unknown, xmlRoot: string): Reply {
  return wantsJson(ctx)
    ? { status, headers: { 'Content-Type': 'application/json;charset=UTF-8' }, body: JSON.stringify(body) }
    : { status, headers: { 'Content-Type': 'application/xml;charset=UTF-8' }, body: toXmlDocument(xmlRoot, body) }
}

/** Connect's API errors: `{exceptionType, errorMessage}`. */
export function connectError(ctx: RequestContext, status: number, exceptionType: string, errorMessage: string): Reply {
  return connectReply(ctx, status, { exceptionType, errorMessage }, 'error')
}
