/** What every handler returns: a complete response, written by the dispatcher in one place. */

export interface Reply {
  status: number
  headers: Record<string, string>
  body: string
}

export const JSON_UTF8 = 'application/json;charset=UTF-8'

export function jsonReply(status: number, value: unknown, contentType: string = JSON_UTF8): Reply {
  return { status, headers: { 'Content-Type': contentType }, body: JSON.stringify(value) }
}

export function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
  return { ...reply, headers: { ...reply.headers, ...headers } }
}

/**
 * A request the sandbox refuses (bad input, oversized body...). Thrown by request helpers and
 * turned into the family's own error format (Connect JSON/XML, OAuth, problem+json) by the dispatcher.
 */
export class ClientError extends Error {
  readonly status: number
  readonly problems: { name: string; description: string }[]

  constructor(status: number, message: string, problems: { name: string; description: string }[] = []) {
    super(message)
    this.name = 'ClientError'
    this.status = status
    this.problems = problems
  }
}
