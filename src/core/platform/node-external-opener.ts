/**
 * The Node twin of ExternalOpener: records (and optionally prints) the URL instead of opening a
 * browser. Like the app's opener it refuses what its link rule refuses: by default anything but
 * https; the dev host passes the app's rule (judgeExternalUrl with the active profile's policy).
 */
import { AppError } from '../../shared/errors.ts'
import type { LinkVerdict } from './link-policy.ts'
import type { ExternalOpener } from './ports.ts'

export type LinkJudge = (url: string) => LinkVerdict

const httpsOnly: LinkJudge = (url) => {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' ? { allowed: true, url: parsed.href } : { allowed: false, reason: 'not https' }
  } catch {
    return { allowed: false, reason: 'not a usable URL' }
  }
}

export class RecordingExternalOpener implements ExternalOpener {
  readonly opened: string[] = []
  readonly #print: ((line: string) => void) | null
  readonly #judge: LinkJudge

  constructor(print: ((line: string) => void) | null = null, judge: LinkJudge = httpsOnly) {
    this.#print = print
    this.#judge = judge
  }

  async open(url: string): Promise<void> {
    const verdict = this.#judge(url)
    if (!verdict.allowed) {
      throw new AppError('VALIDATION', 'The console opens secure links to the providers it works with only.')
    }
    this.opened.push(verdict.url)
    this.#print?.(`Open in a browser: ${verdict.url}`)
  }
}
