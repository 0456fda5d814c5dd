/** The login server's browser pages: escaped HTML, a strict CSP, and redirects. */
import { formParams } from './body.ts'
import type { Reply } from './reply.ts'
import type { RequestContext, Route } from './router.ts'

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

/** Inline style only, no scripts, never framed (clickjacking of a consent page). */
const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d2330}
main{max-width:32rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin-top:0}fieldset{border:0;padding:0;margin:0 0 1rem}legend{font-weight:600;margin-bottom:.5rem}
button{display:block;width:100%;margin:.4rem 0;padding:.7rem;font-size:1rem;border:1px solid #8892a6;border-radius:6px;background:#fff;cursor:pointer}
button:focus-visible{outline:3px solid #1f5fd1;outline-offset:2px}.primary{background:#1f5fd1;color:#fff;border-color:#1f5fd1}
dl{display:grid;grid-template-columns:auto 1fr;gap:.3rem 1rem}dt{font-weight:600}.error{color:#a3001b}`

/** A complete page; `body` must already be escaped. */
export function htmlPage(status: number, title: string, body: string): Reply {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>
${body}
</main></body>
</html>
`
  return { status, headers: { ...PAGE_HEADERS }, body: html }
}

/** A 4xx/5xx page that explains itself and links nowhere: the sandbox never redirects to a URL it could not validate. */
export function errorPage(status: number, message: string): Reply {
  return htmlPage(
    status,
    'Request refused',
    `<h1>Request refused</h1>\n<p class="error" role="alert" data-testid="error-message">${escapeHtml(message)}</p>`,
  )
}

/** Hidden form fields carrying request parameters through a form post. */
export function hiddenFields(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n')
}

export function redirectReply(location: string): Reply {
  return { status: 302, headers: { Location: location, 'Content-Type': 'text/plain; charset=utf-8' }, body: `Redirecting to ${location}` }
}

/** A form page's validated request, or why it is refused. */
export type Refusable<T> = T | { refused: string }

const isRefused = <T>(request: Refusable<T>): request is { refused: string } =>
  typeof request === 'object' && request !== null && 'refused' in request

/**
 * The GET and POST routes of a sandbox form page. Both read and validate the request first (GET from
 * the query, POST from the form) and answer a bad one with a 400 page, never a redirect.
 */
export function formPageRoutes<T>(
  path: string,
  read: (ctx: RequestContext, params: URLSearchParams) => Refusable<T>,
  show: (request: T) => Reply,
  submit: (ctx: RequestContext, request: T, form: URLSearchParams) => Reply,
): Route[] {
  return [
    {
      method: 'GET',
      pattern: path,
      handle: (ctx: RequestContext): Reply => {
        const request = read(ctx, ctx.query)
        return isRefused(request) ? errorPage(400, request.refused) : show(request)
      },
    },
    {
      method: 'POST',
      pattern: path,
      handle: async (ctx: RequestContext): Promise<Reply> => {
        const form = await formParams(ctx)
        const request = read(ctx, form)
        return isRefused(request) ? errorPage(400, request.refused) : submit(ctx, request, form)
      },
    },
  ]
}
