/**
 * The loopback listener Connect's payment page returns to. ONE node:http server on the loopback
 * address (ephemeral port), started with the first payment and closed as soon as no payment is
 * pending. It answers `GET /payment/return/<transactionId>?result=<r>` and `GET /payment/error/<transactionId>`
 * (→ 'error') with a small static page, and records the result only for transactions this console
 * started. The query parameter's name is not documented: `result` is our assumption, `status` is
 * accepted too; a value outside the documented set is 'unknown'. Transactions are forgotten 30 minutes
 * after they started.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { PAYMENT_RESULTS } from '../../shared/domain.ts'
import type { PaymentResult, PaymentResultStatus } from '../../shared/domain.ts'

export interface ReturnUrls {
  returnUrl: string
  errorUrl: string
}

export interface PaymentReturns {
  /** Starts (or reuses) the listener, remembers the transaction and its link (built from the return URLs). */
  start(transactionId: string, linkFor: (urls: ReturnUrls) => string): Promise<string>
  /** The payment link of a transaction this console started, or null. */
  link(transactionId: string): string | null
  /** The result so far, after waiting up to waitMs for one to arrive; null for a transaction we did not start. */
  result(transactionId: string, waitMs: number): Promise<PaymentResult | null>
  /** The listener's port while it listens (for tests and diagnostics), else null. */
  port(): number | null
  close(): Promise<void>
}

export const FORGET_AFTER_MS = 30 * 60_000
const RETURN_PATH = /^\/payment\/(return|error)\/([^/]+)$/

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Support Console</title></head>
<body><p>The payment page has reported back to Support Console. You can close this tab.</p></body></html>
`

interface Transaction {
  paymentUrl: string
  status: PaymentResultStatus
  receivedAt: string | null
  waiters: Set<() => void>
  forget: ReturnType<typeof setTimeout>
}

export function createPaymentReturns(options: { host?: string; forgetAfterMs?: number; now?: () => Date } = {}): PaymentReturns {
  const host = options.host ?? '127.0.0.1'
  const forgetAfterMs = options.forgetAfterMs ?? FORGET_AFTER_MS
  const now = options.now ?? (() => new Date())
  const transactions = new Map<string, Transaction>()
  let listening: Promise<Server> | null = null
  let server: Server | null = null
  /** start() calls between asking for the listener and registering their transaction. */
  let starting = 0

  const snapshot = (transactionId: string, entry: Transaction): PaymentResult => ({
    transactionId,
    status: entry.status,
    receivedAt: entry.receivedAt,
  })
  const wake = (entry: Transaction) => {
    for (const waiter of entry.waiters) waiter()
    entry.waiters.clear()
  }
  const closeWhenIdle = () => {
    if (starting > 0 || [...transactions.values()].some((entry) => entry.status === 'pending')) return
    stopListening()
  }
  const stopListening = () => {
    const current = server
    listening = null
    server = null
    if (current === null) return Promise.resolve()
    return new Promise<void>((resolve) => {
      current.close(() => resolve())
      current.closeAllConnections()
    })
  }

  const record = (transactionId: string, status: PaymentResultStatus) => {
    const entry = transactions.get(transactionId)
    if (entry === undefined) return
    entry.status = status
    entry.receivedAt = now().toISOString()
    wake(entry)
    closeWhenIdle()
  }

  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://loopback')
    const match = RETURN_PATH.exec(url.pathname)
    if (req.method !== 'GET' || match === null) {
      res.writeHead(req.method === 'GET' ? 404 : 405, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
      res.end('Not found')
      return
    }
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'",
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    })
    res.end(PAGE)
    const transactionId = safeDecode(match[2]!)
    if (transactionId === null) return
    record(transactionId, match[1] === 'error' ? 'error' : resultOf(url.searchParams))
  }

  const ensureListening = (): Promise<Server> =>
    (listening ??= new Promise<Server>((resolve, reject) => {
      const created = createServer(answer)
      created.once('error', reject)
      created.listen(0, host, () => {
        created.off('error', reject)
        created.unref()
        server = created
        resolve(created)
      })
    }).catch((error: unknown) => {
      listening = null
      throw error
    }))

  return {
    async start(transactionId, linkFor) {
      starting += 1
      let listener: Server
      try {
        listener = await ensureListening()
      } finally {
        starting -= 1
      }
      const base = `http://${host.includes(':') ? `[${host}]` : host}:${(listener.address() as AddressInfo).port}`
      const id = encodeURIComponent(transactionId)
      const paymentUrl = linkFor({ returnUrl: `${base}/payment/return/${id}`, errorUrl: `${base}/payment/error/${id}` })
      const previous = transactions.get(transactionId)
      if (previous !== undefined) clearTimeout(previous.forget)
      const forget = setTimeout(() => {
        const entry = transactions.get(transactionId)
        transactions.delete(transactionId)
        if (entry !== undefined) wake(entry)
        closeWhenIdle()
      }, forgetAfterMs)
      forget.unref()
      transactions.set(transactionId, { paymentUrl, status: 'pending', receivedAt: null, waiters: previous?.waiters ?? new Set(), forget })
      return paymentUrl
    },
    link: (transactionId) => transactions.get(transactionId)?.paymentUrl ?? null,
    async result(transactionId, waitMs) {
      const entry = transactions.get(transactionId)
      if (entry === undefined) return null
      if (entry.status === 'pending' && waitMs > 0) {
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer)
            entry.waiters.delete(done)
            resolve()
          }
          const timer = setTimeout(done, waitMs)
          entry.waiters.add(done)
        })
      }
      return snapshot(transactionId, entry)
    },
    port: () => (server === null ? null : (server.address() as AddressInfo).port),
    async close() {
      for (const entry of transactions.values()) {
        clearTimeout(entry.forget)
        wake(entry)
      }
      transactions.clear()
      await stopListening()
    },
  }
}

/** The documented results; `result` (our assumption) or `status`; anything else is 'unknown'. */
function resultOf(query: URLSearchParams): PaymentResultStatus {
  const raw = (query.get('result') ?? query.get('status') ?? '').trim().toLowerCase()
  return (PAYMENT_RESULTS as readonly string[]).includes(raw) ? (raw as PaymentResultStatus) : 'unknown'
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}
