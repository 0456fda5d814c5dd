/** ExternalOpener: every link goes through the external-link policy (https + allowlist). */
import type { ExternalOpener } from '../../core/platform/ports.ts'
import { AppError } from '../../shared/errors.ts'
import { openExternalSafely } from '../security/external-links.ts'

export function createExternalOpener(allowedHosts: () => readonly string[]): ExternalOpener {
  return {
    async open(url) {
      const opened = await openExternalSafely(url, allowedHosts())
      if (!opened) throw new AppError('FORBIDDEN', 'The console only opens secure links to the providers it works with.')
    },
  }
}
