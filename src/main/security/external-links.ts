/**
 * The only way a URL leaves the app for the system browser. A link is opened only when it is
 * https, has no credentials and no unusual port, and its host is exactly on the allowlist
 * (the active profile's login and API hosts plus the providers' documentation sites).
 */
import { shell } from 'electron'
import type { ConsoleConfig } from '../../core/config.ts'
import { scopedLogger } from '../log.ts'
import type { MainLogger } from '../log.ts'

/** Documentation sites an agent may be sent to. Assumption: extend when a provider's docs move. */
export const DOCS_HOSTS: readonly string[] = ['developer.swedbankpay.com']

const MAX_URL_LENGTH = 2048
const defaultLogger = scopedLogger('external-links')

/** Lower-case ASCII (punycode) form of a host, as the URL parser produces it; null if unusable. */
export function normaliseHost(host: string): string | null {
  try {
    const parsed = new URL(`https://${host}/`)
    return parsed.hostname === '' ? null : parsed.hostname
  } catch {
    return null
  }
}

/** The https hosts of the active profile (login and APIs) plus DOCS_HOSTS. */
export function allowedHostsFor(config: ConsoleConfig | null): string[] {
  const urls = [config?.connect?.apiUrl, config?.connect?.loginUrl, config?.swedbankPay?.apiUrl]
  const hosts = new Set<string>(DOCS_HOSTS)
  for (const url of urls) {
    if (url === undefined) continue
    try {
      const parsed = new URL(url)
      if (parsed.protocol === 'https:') hosts.add(parsed.hostname)
    } catch {
      // a malformed profile URL simply adds no host
    }
  }
  return [...hosts]
}

export type LinkVerdict = { allowed: true; url: string } | { allowed: false; reason: string }

export function judgeExternalUrl(url: unknown, allowedHosts: readonly string[]): LinkVerdict {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) {
    return { allowed: false, reason: 'not a usable URL' }
  }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { allowed: false, reason: 'not a usable URL' }
  }
  if (parsed.protocol !== 'https:') return { allowed: false, reason: `scheme ${parsed.protocol} is not allowed` }
  if (parsed.username !== '' || parsed.password !== '') return { allowed: false, reason: 'credentials in the URL' }
  if (parsed.port !== '') return { allowed: false, reason: 'non-standard port' }
  const host = parsed.hostname
  const allowed = new Set(allowedHosts.map(normaliseHost).filter((h): h is string => h !== null))
  const isPunycode = host.split('.').some((label) => label.startsWith('xn--'))
  if (isPunycode && !allowed.has(host)) return { allowed: false, reason: 'internationalised (punycode) host' }
  if (!allowed.has(host)) return { allowed: false, reason: 'host is not on the allowlist' }
  return { allowed: true, url: parsed.href }
}

/** What may be logged about a URL: scheme and host at most, never path, query or credentials. */
export function redactUrl(url: unknown): string {
  if (typeof url !== 'string') return '<not a string>'
  try {
    const parsed = new URL(url)
    return parsed.host === '' ? `${parsed.protocol}…` : `${parsed.protocol}//${parsed.hostname}/…`
  } catch {
    return '<unparseable>'
  }
}

/** Opens the URL in the system browser when the policy allows it; resolves to whether it did. */
export async function openExternalSafely(
  url: unknown,
  allowedHosts: readonly string[],
  logger: MainLogger = defaultLogger,
): Promise<boolean> {
  const verdict = judgeExternalUrl(url, allowedHosts)
  if (!verdict.allowed) {
    logger.warn(`refused to open ${redactUrl(url)}: ${verdict.reason}`)
    return false
  }
  try {
    await shell.openExternal(verdict.url)
    return true
  } catch {
    logger.warn(`the system could not open ${redactUrl(url)}`)
    return false
  }
}
