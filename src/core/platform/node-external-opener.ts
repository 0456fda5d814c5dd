/**
 * The Node twin of ExternalOpener: records (and optionally prints) the URL instead of opening a
 * browser. Like the app's opener it refuses anything but https.
 */
import { AppError } from '../../shared/errors.ts'
import type { ExternalOpener } from './ports.ts'

export class RecordingExternalOpener implements ExternalOpener {
  readonly opened: string[] = []
  readonly #print: ((line: string) => void) | null

  constructor(print: ((line: string) => void) | null = null) {
    this.#print = print
  }

  async open(url: string): Promise<void> {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      throw new AppError('VALIDATION', 'That is not a web address the console can open.')
    }
    if (parsed.protocol !== 'https:') throw new AppError('VALIDATION', 'The console opens https addresses only.')
    this.opened.push(parsed.href)
    this.#print?.(`Open in a browser: ${parsed.href}`)
  }
}
