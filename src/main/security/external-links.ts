/**
 * The only way a URL leaves the app for the system browser. The rule itself is core's
 * (src/core/platform/link-policy.ts, shared with the dev host): https to the active profile's login and
 * API hosts and the providers' documentation sites, plus plain http to the embedded sandbox's own
 * sign-in and payment pages on 127.0.0.1 while the sandbox profile is active. Nothing else.
 */
import { shell } from 'electron'
import { judgeExternalUrl, redactUrl } from '../../core/platform/link-policy.ts'
import type { LinkPolicy } from '../../core/platform/link-policy.ts'
import { scopedLogger } from '../log.ts'
import type { MainLogger } from '../log.ts'

const defaultLogger = scopedLogger('external-links')

/** Opens the URL in the system browser when the policy allows it; resolves to whether it did. */
export async function openExternalSafely(url: unknown, policy: LinkPolicy, logger: MainLogger = defaultLogger): Promise<boolean> {
  const verdict = judgeExternalUrl(url, policy)
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
