/**
 * The Node twin of KeyValueStore: one small JSON file, written atomically (temp file + rename).
 * A corrupt file is moved aside (`<file>.corrupt-<time>`) and the store starts empty.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { KeyValueStore } from './ports.ts'

export class NodeSettingsStore implements KeyValueStore {
  readonly #file: string
  #data: Record<string, unknown>
  /** Where a corrupt file was moved to, if one was found at start. */
  readonly movedAside: string | null

  constructor(file: string) {
    this.#file = file
    const loaded = load(file)
    this.#data = loaded.data
    this.movedAside = loaded.movedAside
  }

  get(key: string): unknown {
    const value = this.#data[key]
    return value === undefined ? undefined : structuredClone(value)
  }

  set(key: string, value: unknown): void {
    this.#data = { ...this.#data, [key]: structuredClone(value) }
    this.#save()
  }

  delete(key: string): void {
    if (!Object.hasOwn(this.#data, key)) return
    const next = { ...this.#data }
    delete next[key]
    this.#data = next
    this.#save()
  }

  #save(): void {
    mkdirSync(dirname(this.#file), { recursive: true })
    const temp = `${this.#file}.${process.pid}.${Date.now()}.tmp`
    writeFileSync(temp, `${JSON.stringify(this.#data, null, 2)}\n`, { mode: 0o600 })
    renameSync(temp, this.#file)
  }
}

function load(file: string): { data: Record<string, unknown>; movedAside: string | null } {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { data: {}, movedAside: null }
    throw error
  }
  try {
    const parsed: unknown = JSON.parse(text)
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return { data: parsed as Record<string, unknown>, movedAside: null }
    }
  } catch {
    // fall through: corrupt
  }
  const aside = `${file}.corrupt-${Date.now()}`
  renameSync(file, aside)
  return { data: {}, movedAside: aside }
}
