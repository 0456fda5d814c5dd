/** Node twins of SaveDialog: a preset answer, or a fixed folder with the suggested name. */
import { basename, join } from 'node:path'
import type { SaveDialog } from './ports.ts'

/** Answers a preset path (or null, "cancelled") and records each ask. */
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

/**
 * The Node twin of a save dialog where the agent accepts the suggested name in a fixed folder: answers
 * `join(dir, defaultName)` (the name's last segment only, so a suggested name cannot leave the folder).
 */
export class FolderSaveDialog implements SaveDialog {
  readonly #dir: string
  readonly asked: string[] = []

  constructor(dir: string) {
    this.#dir = dir
  }

  async chooseSavePath(options: Parameters<SaveDialog['chooseSavePath']>[0]): Promise<string | null> {
    this.asked.push(options.defaultName)
    const name = basename(options.defaultName.replaceAll('\\', '/'))
    return join(this.#dir, name === '' || name === '.' || name === '..' ? 'export.csv' : name)
  }
}
