/** Which URLs the sandbox's login pages may send a browser to: loopback only (RFC 8252 §7.3), or https where allowed. */

const MAX_URL_LENGTH = 2000
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]'])

function parse(raw: string): URL | undefined {
  if (raw.length > MAX_URL_LENGTH || raw.includes('#')) return undefined
  try {
    const url = new URL(raw)
    return url.username === '' && url.password === '' ? url : undefined
  } catch {
    return undefined
  }
}

/** http://127.0.0.1:<port>/<path> or http://[::1]:<port>/<path>: no other host (not even "localhost"), no credentials,
 *  no fragment; `requirePort` for OAuth redirect URIs, where the console listens on an ephemeral port. */
export function isLoopbackHttpUrl(raw: string, requirePort: boolean): boolean {
  const url = parse(raw)
  if (!url || url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return false
  return !requirePort || url.port !== ''
}

export function isHttpsUrl(raw: string): boolean {
  return parse(raw)?.protocol === 'https:'
}

/** `base` with the given query parameters added (kept: its own query). */
export function withQuery(base: string, params: Record<string, string>): string {
  const url = new URL(base)
  for (const [name, value] of Object.entries(params)) url.searchParams.append(name, value)
  return url.toString()
}
