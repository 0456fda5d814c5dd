/** Reading request bodies: bounded in size, parsed as JSON objects or HTML forms. */
import type { IncomingMessage } from 'node:http'
import { ClientError } from './reply.ts'
import type { RequestContext } from './router.ts'

export const MAX_BODY_BYTES = 64 * 1024
/** Past this much, the sandbox stops draining an oversized body and drops the connection. */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024

/** Reads the whole body; an oversized one is drained and refused with 413. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
      else if (size > MAX_DRAIN_BYTES) req.destroy()
    })
    req.on('error', reject)
    req.on('close', () => reject(new ClientError(400, 'The request body was cut off')))
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) reject(new ClientError(413, `The request body is larger than ${MAX_BODY_BYTES} bytes`))
      else resolve(Buffer.concat(chunks).toString('utf8'))
    })
  })
}

/** A JSON object body; anything else (empty, malformed, an array...) is a 400. */
export function parseJsonObject(text: string): Record<string, unknown> {
  if (text.trim() === '') throw new ClientError(400, 'A JSON body is required', [{ name: 'body', description: 'The request body is empty' }])
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new ClientError(400, 'The request body is not valid JSON', [{ name: 'body', description: 'Malformed JSON' }])
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ClientError(400, 'The request body must be a JSON object', [{ name: 'body', description: 'Expected a JSON object' }])
  }
  return value as Record<string, unknown>
}


/** The parameters of an HTML form post (application/x-www-form-urlencoded, or no Content-Type); empty otherwise. */
export async function formParams(ctx: RequestContext): Promise<URLSearchParams> {
  const contentType = (ctx.req.headers['content-type'] ?? '').toLowerCase()
  const isForm = contentType === '' || contentType.startsWith('application/x-www-form-urlencoded')
  return new URLSearchParams(isForm ? await ctx.body() : '')
}
