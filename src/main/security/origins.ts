/**
 * Which origins the app trusts: its own `app://console` and, in development only, the loopback
 * dev server electron-vite starts. Origins are compared as parsed values, never by prefix.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'console'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * `scheme://host[:port]` of a URL, or null when it cannot be parsed or carries credentials.
 * Node's URL reports the origin "null" for non-special schemes such as app:, so it is built here.
 */
export function originOf(url: unknown): string | null {
  if (typeof url !== 'string') return null
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.username !== '' || parsed.password !== '' || parsed.host === '') return null
  return `${parsed.protocol}//${parsed.host.toLowerCase()}`
}

export function hasTrustedOrigin(url: unknown, trustedOrigins: readonly string[]): boolean {
  const origin = originOf(url)
  return origin !== null && trustedOrigins.includes(origin)
}

/**
 * The dev server's origin when electron-vite dev runs us: only for an unpackaged app and only on
 * loopback, so an environment variable can never point a shipped console at a remote page.
 */
export function devServerOrigin(rendererUrl: string | undefined, isPackaged: boolean): string | null {
  if (isPackaged || rendererUrl === undefined || rendererUrl === '') return null
  const origin = originOf(rendererUrl)
  if (origin === null || !origin.startsWith('http://')) return null
  const host = new URL(rendererUrl).hostname
  return LOOPBACK_HOSTS.has(host) ? origin : null
}

export function trustedOrigins(devOrigin: string | null): readonly string[] {
  return devOrigin === null ? [APP_ORIGIN] : [APP_ORIGIN, devOrigin]
}
