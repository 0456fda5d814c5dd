/**
 * A tiny loopback HTTP server for HTTP-client tests: every request is recorded, and answered by
 * the test's `answer` function (status, headers, body, optional delay, or a dropped connection).
 */
import { createServer } from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Recorded {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

export interface Answer {
  status?: number
  headers?: Record<string, string>
  body?: string
  delayMs?: number
  /** Destroy the socket without answering. */
  drop?: boolean
}

export async function startScriptedServer(answer: (request: Recorded) => Answer) {
  const received: Recorded[] = []
  const server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (body += chunk))
    req.on('end', () => {
      const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body }
      received.push(request)
      const reply = answer(request)
      setTimeout(() => {
        if (reply.drop) {
          req.socket.destroy()
          return
        }
        res.writeHead(reply.status ?? 200, { 'Content-Type': 'application/json', ...reply.headers })
        res.end(reply.body ?? '{}')
      }, reply.delayMs ?? 0)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
