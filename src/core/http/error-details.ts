/**
 * Reading what a provider says about an error: the human part of its error body, and when it
 * wants to be called again. Pure functions, used only by the error mapper (errors.ts).
 */

const MAX_DETAIL = 200

type Headers = Record<string, unknown>

/**
 * The human text in an error body, bounded and printable, or null. Understands
 * RFC 7807 problems (`title`, `detail`, `problems[].description`: Swedbank Pay),
 * Connect's `{exceptionType, errorMessage}` and OAuth's `{error, error_description}`.
 */
export function errorDetail(body: unknown): string | null {
  const parsed = asObject(body)
  if (parsed === null) return null
  const text =
    problemText(parsed) ??
    str(parsed.errorMessage) ??
    str(parsed.error_description) ??
    str(parsed.exceptionType) ??
    str(parsed.error) ??
    str(parsed.message)
  return text === null ? null : clean(text)
}

/** The OAuth `error` code of a body (`invalid_client`, `invalid_grant`, `invalid_token`...), or null. */
export function oauthErrorCode(body: unknown): string | null {
  const parsed = asObject(body)
  return parsed === null ? null : str(parsed.error)
}

function problemText(body: Record<string, unknown>): string | null {
  const title = str(body.title)
  const problems = Array.isArray(body.problems) ? body.problems : []
  const first = asObject(problems[0])
  const detail = str(body.detail) ?? (first === null ? null : str(first.description))
  if (title !== null && detail !== null && title !== detail) return `${title}: ${detail}`
  return title ?? detail
}

/**
 * Milliseconds until the provider accepts calls again: `Retry-After` (seconds or an HTTP date), else
 * (unless `rateLimitReset` is false) Connect's `X-RateLimit-Reset` (seconds left; an epoch in seconds is
 * tolerated). Undefined when neither says.
 */
export function retryAfterMs(headers: Headers, now = Date.now(), options: { rateLimitReset?: boolean } = {}): number | undefined {
  const retryAfter = header(headers, 'retry-after')
  if (retryAfter !== null) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return bounded(Number(retryAfter) * 1000)
    const date = Date.parse(retryAfter)
    if (!Number.isNaN(date)) return bounded(date - now)
  }
  const reset = options.rateLimitReset === false ? null : header(headers, 'x-ratelimit-reset')
  if (reset !== null && /^\d+(\.\d+)?$/.test(reset)) {
    const seconds = Number(reset)
    // Some APIs send the reset moment as epoch seconds rather than seconds left.
    return bounded(seconds > 1_000_000_000 ? seconds * 1000 - now : seconds * 1000)
  }
  return undefined
}

function bounded(ms: number): number {
  const DAY = 86_400_000
  return Math.min(DAY, Math.max(0, Math.round(ms)))
}

function header(headers: Headers, name: string): string | null {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue
    const first: unknown = Array.isArray(value) ? value[0] : value
    if (typeof first === 'string' && first.trim() !== '') return first.trim()
    if (typeof first === 'number') return String(first)
  }
  return null
}

/** A body that came as text (we read bodies as text) or already parsed, as an object. */
function asObject(body: unknown): Record<string, unknown> | null {
  let value = body
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value)
    } catch {
      return null
    }
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}

/** Printable, without URL queries or fragments, and short. */
function clean(text: string): string {
  const noQueries = text.replace(/(https?:\/\/[^\s?#]+)[?#]\S*/gi, '$1')
  // eslint-disable-next-line no-control-regex
  const printable = noQueries.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
  return printable.length > MAX_DETAIL ? `${printable.slice(0, MAX_DETAIL)}…` : printable
}
