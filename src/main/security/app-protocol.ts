/**
 * Serves the built renderer from the privileged scheme app://console/… instead of file://.
 * Only files under the renderer root are served; every traversal trick is refused, and every
 * response (errors included) carries the CSP header.
 */
import { readFile, realpath, stat } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { protocol } from 'electron'
import { CONTENT_SECURITY_POLICY } from './csp.ts'
import { APP_ENTRY_URL, APP_HOST, APP_ORIGIN, APP_SCHEME } from './origins.ts'

/** out/renderer, next to out/main where this file is bundled. */
export const RENDERER_ROOT = join(import.meta.dirname, '../renderer')

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
}

/** Must run before app ready: makes app: a standard, secure origin that may use fetch. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

export function serveAppProtocol(root: string = RENDERER_ROOT): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(root))
}

/** Where the window starts: the dev server in development, the app scheme otherwise. */
export function rendererEntryUrl(devServerUrl: string | null): string {
  return devServerUrl ?? APP_ENTRY_URL
}

function respond(status: number, body: ConstructorParameters<typeof Response>[0], contentType = 'text/plain; charset=utf-8'): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': contentType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  })
}

type Resolution = { status: 400 | 404 } | { relativePath: string }

/**
 * Judges the raw URL text: the URL parser silently folds `..` and `%2e%2e` away, which would hide a
 * traversal attempt rather than refuse it.
 */
export function resolveRequestPath(rawUrl: string): Resolution {
  const prefix = `${APP_ORIGIN}/`
  if (rawUrl.slice(0, prefix.length).toLowerCase() !== prefix) return { status: 404 }
  const rawPath = rawUrl.slice(prefix.length).split(/[?#]/, 1)[0] ?? ''
  if (/%2f|%5c|%00|\\|\0/i.test(rawPath)) return { status: 400 }
  let decoded: string
  try {
    decoded = decodeURIComponent(rawPath)
  } catch {
    return { status: 400 }
  }
  if (decoded.includes('\0') || decoded.startsWith('/') || isAbsolute(decoded) || /^[a-z]:/i.test(decoded)) {
    return { status: 400 }
  }
  const segments = decoded.split('/')
  if (segments.some((segment) => segment === '..' || segment === '.')) return { status: 400 }
  return { relativePath: decoded === '' ? 'index.html' : decoded }
}

function isInside(root: string, candidate: string): boolean {
  const fromRoot = relative(root, candidate)
  return fromRoot !== '' && !fromRoot.startsWith(`..${sep}`) && fromRoot !== '..' && !isAbsolute(fromRoot)
}

/** The real file for a request path, or null when it is missing, a directory or (via a link) outside the root. */
async function locateFile(root: string, relativePath: string): Promise<string | null> {
  const candidate = resolve(root, relativePath)
  if (!isInside(root, candidate)) return null
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)])
    if (!isInside(realRoot, realFile)) return null
    return (await stat(realFile)).isFile() ? realFile : null
  } catch {
    return null
  }
}

export function createAppRequestHandler(root: string): (request: Request) => Promise<Response> {
  const rootPath = resolve(root)
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'Method not allowed')
    let host: string
    try {
      host = new URL(request.url).host.toLowerCase()
    } catch {
      return respond(400, 'Bad request')
    }
    if (host !== APP_HOST) return respond(404, 'Not found')
    const resolution = resolveRequestPath(request.url)
    if ('status' in resolution) return respond(resolution.status, resolution.status === 400 ? 'Bad request' : 'Not found')
    const file = await locateFile(rootPath, resolution.relativePath)
    if (file === null) return respond(404, 'Not found')
    const contentType = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
    if (request.method === 'HEAD') return respond(200, null, contentType)
    return respond(200, new Uint8Array(await readFile(file)), contentType)
  }
}
