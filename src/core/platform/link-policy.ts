/**
 * Which URLs the console may hand to the system browser. One rule for the app (shell.openExternal) and
 * for the dev host's recording opener:
 * - https, no credentials, no unusual port, host exactly on the allowlist (the active profile's login
 *   and API hosts plus the providers' documentation sites);
 * - http only for the embedded sandbox's own browser pages (its ConnectID sign-in and payment pages on
 *   127.0.0.1), and only while the sandbox profile is active: same origin, under its login path.
 */
import type { ConsoleConfig } from '../config.ts'

/** Documentation sites an agent may be sent to. Assumption: extend when a provider's docs move. */
export const DOCS_HOSTS: readonly string[] = ['developer.swedbankpay.com']

export interface LinkPolicy {
  /** Hosts (lower-case, punycode) that https links may go to. */
  httpsHosts: readonly string[]
  /** `http://127.0.0.1:<port>/<path>/` prefixes of the sandbox's browser pages; empty outside the sandbox. */
  loopbackPages: readonly string[]
}

export type LinkVerdict = { allowed: true; url: string } | { allowed: false; reason: string }

const MAX_URL_LENGTH = 2048
const SANDBOX_LOOPBACK_HOST = '127.0.0.1'

/** The documentation sites only: before a profile is running. */
export const DOCS_ONLY_POLICY: LinkPolicy = { httpsHosts: DOCS_HOSTS, loopbackPages: [] }

/** Lower-case ASCII (punycode) form of a host, as the URL parser produces it; null if unusable. */
export function normaliseHost(host: string): string | null {
  try {
    const parsed = new URL(`https://${host}/`)
    return parsed.hostname === '' ? null : parsed.hostname
  } catch {
    return null
  }
}

/** The policy for a running profile: its https hosts, and the sandbox's login pages when it is the sandbox. */
export function linkPolicyFor(config: ConsoleConfig | null): LinkPolicy {
  const hosts = new Set<string>(DOCS_HOSTS)
  for (const url of [config?.connect?.apiUrl, config?.connect?.loginUrl, config?.swedbankPay?.apiUrl]) {
    const parsed = parseUrl(url)
    if (parsed?.protocol === 'https:') hosts.add(parsed.hostname)
  }
  const loopbackPages: string[] = []
  const login = config?.sandbox === true ? parseUrl(config.connect?.loginUrl) : null
  if (login !== null && login.protocol === 'http:' && login.hostname === SANDBOX_LOOPBACK_HOST && login.port !== '') {
    loopbackPages.push(`${login.origin}${login.pathname.replace(/\/+$/, '')}/`)
  }
  return { httpsHosts: [...hosts], loopbackPages }
}

export function judgeExternalUrl(url: unknown, policy: LinkPolicy): LinkVerdict {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) {
    return { allowed: false, reason: 'not a usable URL' }
  }
  const parsed = parseUrl(url)
  if (parsed === null) return { allowed: false, reason: 'not a usable URL' }
  if (parsed.username !== '' || parsed.password !== '') return { allowed: false, reason: 'credentials in the URL' }
  if (parsed.protocol === 'http:') return judgeLoopbackPage(parsed, policy)
  if (parsed.protocol !== 'https:') return { allowed: false, reason: `scheme ${parsed.protocol} is not allowed` }
  if (parsed.port !== '') return { allowed: false, reason: 'non-standard port' }
  const host = parsed.hostname
  const allowed = new Set(policy.httpsHosts.map(normaliseHost).filter((h): h is string => h !== null))
  const isPunycode = host.split('.').some((label) => label.startsWith('xn--'))
  if (isPunycode && !allowed.has(host)) return { allowed: false, reason: 'internationalised (punycode) host' }
  if (!allowed.has(host)) return { allowed: false, reason: 'host is not on the allowlist' }
  return { allowed: true, url: parsed.href }
}

/** http is for the sandbox's own pages on 127.0.0.1 only; the parsed (dot-segment free) URL must lie under one. */
function judgeLoopbackPage(parsed: URL, policy: LinkPolicy): LinkVerdict {
  if (parsed.hostname !== SANDBOX_LOOPBACK_HOST) return { allowed: false, reason: 'scheme http: is not allowed' }
  const underSandboxPage = policy.loopbackPages.some((prefix) => `${parsed.origin}${parsed.pathname}`.startsWith(prefix))
  return underSandboxPage
    ? { allowed: true, url: parsed.href }
    : { allowed: false, reason: 'http is allowed only for the active sandbox pages' }
}

/** What may be logged about a URL: scheme and host at most, never path, query or credentials. */
export function redactUrl(url: unknown): string {
  if (typeof url !== 'string') return '<not a string>'
  const parsed = parseUrl(url)
  if (parsed === null) return '<unparseable>'
  return parsed.host === '' ? `${parsed.protocol}…` : `${parsed.protocol}//${parsed.hostname}/…`
}

function parseUrl(url: string | undefined): URL | null {
  if (url === undefined) return null
  try {
    return new URL(url)
  } catch {
    return null
  }
}
