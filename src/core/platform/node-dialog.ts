/** The Node twin of SaveDialog: answers a preset path (or null, "cancelled") and records each ask. */
import type { SaveDialog } from './ports.ts'

export class PresetSaveDialog implements SaveDialog {
  readonly #answer: string | null
  readonly asked: string[] = []

  constructor(answer: string | null) {
    this.#answer = answer
  }

  async chooseSavePath(options: Parameters<SaveDialog['chooseSavePath']>[0]): Promise<string | null> {
    this.asked.push(options.defaultName)
    return this.#answer
  }
}
