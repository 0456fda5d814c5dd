/**
 * The loopback redirect for the agent's sign-in (RFC 8252 §7.3, §8.3): an HTTP listener on 127.0.0.1,
 * on a port the OS picks, opened for one sign-in only. It takes exactly one callback on its path whose
 * `state` matches (compared in constant time), answers a static page that holds no token, and closes;
 * it also closes when the sign-in is cancelled or times out (5 minutes). Requests on another path, with
 * another Host, or with a missing or wrong state are refused and change nothing.
 */
import { timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { AppError } from '../../shared/errors.ts'

export const CALLBACK_PATH = '/auth/callback'
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000

/** Runs `run` after `ms`; returns a function that cancels it. Injectable so tests need not wait. */
export type Schedule = (run: () => void, ms: number) => () => void

export const realSchedule: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms)
  timer.unref()
  return () => clearTimeout(timer)
}

export interface LoopbackOptions {
  /** The `state` sent in the authorize request; the only one accepted back. */
  state: string
  host?: '127.0.0.1'
  timeoutMs?: number
  schedule?: Schedule
}

export interface LoopbackCallback {
  readonly redirectUri: string
  readonly address: { host: string; port: number }
  /** The authorization code of the one accepted callback; rejects on denial, timeout or cancel. */
  readonly code: Promise<string>
  /** Ends the wait with `error` (if it has not ended) and closes the listener. */
  cancel(error: AppError): void
  /** Resolves once the listener no longer accepts connections. */
  readonly closed: Promise<void>
}

export const signInCancelled = (): AppError => new AppError('AUTH_REQUIRED', 'Sign-in was cancelled.', { provider: 'connectid' })

const PAGE_STYLE = 'font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;line-height:1.5'
const SIGNED_IN_PAGE = page('Signed in', 'You are signed in to Support Console. You can close this tab and return to the console.')
const CANCELLED_PAGE = page('Sign-in cancelled', 'The sign-in was not completed. You can close this tab and return to the console.')
const REFUSED_PAGE = page('Not a valid sign-in', 'This page does not belong to a sign-in the console started. You can close this tab.')

export async function openLoopbackCallback(options: LoopbackOptions): Promise<LoopbackCallback> {
  const host = options.host ?? '127.0.0.1'
  const schedule = options.schedule ?? realSchedule
  const expectedState = Buffer.from(options.state)
  let settled = false
  let resolveCode: (code: string) => void = () => undefined
  let rejectCode: (error: AppError) => void = () => undefined
  const code = new Promise<string>((resolve, reject) => {
    resolveCode = resolve
    rejectCode = reject
  })
  // The caller may stop listening for the result (cancel): never an unhandled rejection.
  code.catch(() => undefined)

  const server = createServer((request, response) => answer(request, response))
  let resolveClosed: () => void = () => undefined
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve))
  server.on('close', () => resolveClosed())

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const authority = `${host}:${port}`
  const redirectUri = `http://${authority}${CALLBACK_PATH}`

  const close = (): void => {
    server.close()
    server.closeIdleConnections()
  }
  const settle = (outcome: { code: string } | { error: AppError }): void => {
    if (settled) return
    settled = true
    cancelTimeout()
    if ('code' in outcome) resolveCode(outcome.code)
    else rejectCode(outcome.error)
  }
  const cancelTimeout = schedule(() => {
    settle({ error: new AppError('TIMEOUT', 'Sign-in timed out after 5 minutes. Start it again when you are ready.', { provider: 'connectid' }) })
    close()
  }, options.timeoutMs ?? SIGN_IN_TIMEOUT_MS)

  function answer(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', `http://${authority}`)
    if (settled) return reply(response, 410, REFUSED_PAGE)
    if (request.headers.host !== authority || request.method !== 'GET') return reply(response, 400, REFUSED_PAGE)
    if (url.pathname !== CALLBACK_PATH) return reply(response, 404, REFUSED_PAGE)
    const states = url.searchParams.getAll('state')
    if (states.length !== 1 || !sameState(states[0] ?? '')) return reply(response, 400, REFUSED_PAGE)

    const error = single(url.searchParams, 'error')
    const authCode = single(url.searchParams, 'code')
    if (error !== null || authCode === null || authCode === '') {
      settle({ error: error === 'access_denied' ? signInCancelled() : refusedBy(error ?? 'no_code') })
      reply(response, 200, CANCELLED_PAGE)
    } else {
      settle({ code: authCode })
      reply(response, 200, SIGNED_IN_PAGE)
    }
    // One callback only: stop listening, and drop this connection once the page is sent.
    response.once('finish', () => {
      close()
      request.socket.destroySoon()
    })
  }

  function sameState(given: string): boolean {
    const candidate = Buffer.from(given)
    return candidate.length === expectedState.length && timingSafeEqual(candidate, expectedState)
  }

  return {
    redirectUri,
    address: { host, port },
    code,
    cancel(error) {
      settle({ error })
      close()
    },
    closed,
  }
}

function single(params: URLSearchParams, name: string): string | null {
  const values = params.getAll(name)
  return values.length === 1 ? (values[0] ?? null) : null
}

/** ConnectID said no for another reason; only a short, plain error code is repeated. */
function refusedBy(error: string): AppError {
  const code = /^[a-z_]{1,40}$/.test(error) ? error : 'unknown_error'
  return new AppError('AUTH_REQUIRED', `ConnectID did not complete the sign-in (${code}). Try again.`, { provider: 'connectid' })
}

function reply(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  })
  response.end(html)
}

function page(title: string, text: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body style="${PAGE_STYLE}"><h1>${title}</h1><p>${text}</p></body></html>`
}
