/** ExternalOpener: every link goes through the external-link policy of the active profile. */
import type { LinkPolicy } from '../../core/platform/link-policy.ts'
import type { ExternalOpener } from '../../core/platform/ports.ts'
import { AppError } from '../../shared/errors.ts'
import { openExternalSafely } from '../security/external-links.ts'

export function createExternalOpener(linkPolicy: () => LinkPolicy): ExternalOpener {
  return {
    async open(url) {
      const opened = await openExternalSafely(url, linkPolicy())
      if (!opened) throw new AppError('FORBIDDEN', 'The console only opens secure links to the providers it works with.')
    },
  }
}
