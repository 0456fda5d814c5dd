/**
 * The dev/test host: serves the BUILT renderer to a browser and answers its bridge calls with the same
 * dispatcher (contract validation + services) as the Electron registrar. Dev and test tooling only:
 * bound to 127.0.0.1, guarded by a random per-run secret, never part of the shipped app.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { stripTypeScriptTypes } from 'node:module'
import { extname, join, resolve, sep } from 'node:path'
import type { Dispatch } from '../core/dispatch.ts'
import { parseSandboxRequest } from './sandbox-switch.ts'
import type { SandboxRunState } from './sandbox-switch.ts'

export interface DevHostOptions {
  rendererDir: string
  /** Repository root, for the few TypeScript modules the bridge needs. */
  repoRoot: string
  dispatch: Dispatch
  port?: number
  secret?: string
  /**
   * The URLs the console asked "the system browser" to open (the recording opener), served as
   * `GET /__dev/opened-urls` → `{ urls: string[] }` (oldest first) to callers holding the bridge secret.
   */
  openedUrls?: () => readonly string[]
  /**
   * Stops or restarts the embedded sandbox: `POST /__dev/sandbox` with `{"state":"stopped"|"running"}` →
   * `{ state }`, to callers holding the bridge secret; resolves null when no sandbox runs (409).
   */
  sandbox?: (state: SandboxRunState) => Promise<SandboxRunState | null>
}

export interface DevHost {
  url: string
  close(): Promise<void>
}

const BRIDGE_MODULES = new Set(['src/devhost/bridge-client.ts', 'src/shared/api-shape.ts', 'src/shared/build-api.ts'])
const MAX_BODY_BYTES = 1024 * 1024
const OPENED_URLS_PATH = '/__dev/opened-urls'
const SANDBOX_PATH = '/__dev/sandbox'
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

export async function startDevHost(options: DevHostOptions): Promise<DevHost> {
  const secret = options.secret ?? randomBytes(32).toString('base64url')
  const rendererDir = resolve(options.rendererDir)
  let origin = ''

  const server = createServer((request, response) => {
    handle(request, response).catch(() => send(response, 500, 'text/plain', 'internal error'))
  })

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // DNS-rebinding and cross-site defence: only our own origin may talk to us.
    if (request.headers.host !== origin.slice('http://'.length)) return send(response, 421, 'text/plain', 'wrong host')
    if (request.headers.origin !== undefined && request.headers.origin !== origin) {
      return send(response, 403, 'text/plain', 'foreign origin')
    }
    const url = new URL(request.url ?? '/', origin)
    if (request.method === 'POST' && url.pathname.startsWith('/api/')) return handleCall(request, response, url)
    if (request.method === 'POST' && url.pathname === SANDBOX_PATH) return switchSandbox(request, response)
    if (request.method !== 'GET') return send(response, 405, 'text/plain', 'method not allowed')
    if (url.pathname === '/healthz') return send(response, 200, 'text/plain', 'ok')
    if (url.pathname === '/' || url.pathname === '/index.html') return sendIndex(response)
    if (url.pathname === OPENED_URLS_PATH) return sendOpenedUrls(request, response)
    if (url.pathname.startsWith('/__dev/')) return sendBridgeModule(response, url.pathname.slice('/__dev/'.length))
    return sendStatic(response, url.pathname)
  }

  async function handleCall(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (!secretMatches(request.headers['x-console-bridge'])) return send(response, 403, 'text/plain', 'bad secret')
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(response, 415, 'text/plain', 'json only')
    }
    const body = await readBody(request)
    if (body === null) return send(response, 413, 'text/plain', 'too large')
    let payload: unknown
    try {
      payload = body.length === 0 ? {} : JSON.parse(body)
    } catch {
      const error = { code: 'VALIDATION', message: 'The request body is not valid JSON.' }
      return send(response, 200, 'application/json', JSON.stringify({ ok: false, error }))
    }
    const channel = decodeURIComponent(url.pathname.slice('/api/'.length))
    const result = await options.dispatch(channel, payload)
    send(response, 200, 'application/json', JSON.stringify(result))
  }

  async function switchSandbox(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (options.sandbox === undefined) return send(response, 404, 'text/plain', 'not found')
    if (!secretMatches(request.headers['x-console-bridge'])) return send(response, 403, 'text/plain', 'bad secret')
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return send(response, 415, 'text/plain', 'json only')
    }
    const body = await readBody(request)
    if (body === null) return send(response, 413, 'text/plain', 'too large')
    const wanted = parseSandboxRequest(body)
    if (wanted === null) return send(response, 400, 'text/plain', 'expected {"state":"stopped"|"running"}')
    const state = await options.sandbox(wanted)
    if (state === null) return send(response, 409, 'text/plain', 'no embedded sandbox is running')
    send(response, 200, 'application/json', JSON.stringify({ state }))
  }

  function sendOpenedUrls(request: IncomingMessage, response: ServerResponse): void {
    if (options.openedUrls === undefined) return send(response, 404, 'text/plain', 'not found')
    if (!secretMatches(request.headers['x-console-bridge'])) return send(response, 403, 'text/plain', 'bad secret')
    send(response, 200, 'application/json', JSON.stringify({ urls: [...options.openedUrls()] }))
  }

  function secretMatches(given: string | string[] | undefined): boolean {
    if (typeof given !== 'string') return false
    const a = Buffer.from(given)
    const b = Buffer.from(secret)
    return a.length === b.length && timingSafeEqual(a, b)
  }

  async function sendIndex(response: ServerResponse): Promise<void> {
    const html = await readFile(join(rendererDir, 'index.html'), 'utf8')
    const injected = html.replace(
      '</title>',
      `</title>\n    <meta name="console-bridge" content="${secret}" />\n    <script type="module" src="./__dev/src/devhost/bridge-client.ts"></script>`,
    )
    send(response, 200, CONTENT_TYPES['.html']!, injected)
  }

  async function sendBridgeModule(response: ServerResponse, path: string): Promise<void> {
    if (!BRIDGE_MODULES.has(path)) return send(response, 404, 'text/plain', 'not found')
    const source = await readFile(join(options.repoRoot, path), 'utf8')
    send(response, 200, CONTENT_TYPES['.js']!, stripTypeScriptTypes(source))
  }

  async function sendStatic(response: ServerResponse, pathname: string): Promise<void> {
    let decoded: string
    try {
      decoded = decodeURIComponent(pathname)
    } catch {
      return send(response, 400, 'text/plain', 'bad path')
    }
    const file = resolve(rendererDir, `.${decoded}`)
    if (decoded.includes('\0') || !file.startsWith(rendererDir + sep)) return send(response, 404, 'text/plain', 'not found')
    try {
      const content = await readFile(file)
      send(response, 200, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', content)
    } catch {
      send(response, 404, 'text/plain', 'not found')
    }
  }

  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('dev host: no TCP address')
  origin = `http://127.0.0.1:${address.port}`

  return {
    url: `${origin}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        request.destroy()
        done(null)
      } else chunks.push(chunk)
    })
    request.on('end', () => done(Buffer.concat(chunks).toString('utf8')))
    request.on('error', fail)
  })
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  if (response.headersSent) return
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  })
  response.end(body)
}
