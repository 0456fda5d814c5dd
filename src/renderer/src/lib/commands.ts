/**
 * The keyboard layer's one registry of what an agent can do: every command has an id, a title key
 * (`palette.commands.<id>`) and a run function; SHORTCUTS binds keys to command ids. The command
 * palette lists the registered commands, useShortcuts runs them from keys, and the shortcuts help
 * lists SHORTCUTS with the same titles, so the three cannot drift apart.
 */
export const COMMAND_IDS = [
  'openPalette',
  'goSearch',
  'goRecent',
  'goAudit',
  'goSettings',
  'focusSearch',
  'refresh',
  'nextCustomer',
  'previousCustomer',
  'archiveToken',
  'exportTable',
  'toggleScreenShare',
  'signIn',
  'signOut',
  'themeSystem',
  'themeLight',
  'themeDark',
  'themeContrast',
  'languageEn',
  'languageNb',
  'languageSv',
  'showShortcuts',
] as const
export type CommandId = (typeof COMMAND_IDS)[number]

export interface Command {
  id: CommandId
  /** Whether the command can run now (a view's context, signed in or not …); default yes. */
  enabled?: () => boolean
  run: () => void | Promise<void>
}

/**
 * A key binding. `mod`: Ctrl, or Cmd on macOS. A binding without mod or alt is a single key: it never
 * fires while the agent types in a field or while a dialog is open.
 */
export interface Binding {
  key: string
  mod?: boolean
  alt?: boolean
  /** Only with a mod key and a letter (Shift+letter alone is typing). */
  shift?: boolean
}

export const SHORTCUTS: readonly { id: CommandId; bindings: readonly Binding[] }[] = [
  { id: 'openPalette', bindings: [{ key: 'k', mod: true }] },
  { id: 'focusSearch', bindings: [{ key: '/' }] },
  { id: 'nextCustomer', bindings: [{ key: 'ArrowDown', alt: true }] },
  { id: 'previousCustomer', bindings: [{ key: 'ArrowUp', alt: true }] },
  { id: 'refresh', bindings: [{ key: 'F5' }, { key: 'r', mod: true }] },
  { id: 'archiveToken', bindings: [{ key: 'a' }] },
  { id: 'exportTable', bindings: [{ key: 'e', mod: true }] },
  { id: 'toggleScreenShare', bindings: [{ key: 'm', mod: true, shift: true }] },
  { id: 'showShortcuts', bindings: [{ key: '?' }] },
]

export const isMac = (): boolean => typeof navigator !== 'undefined' && /mac|iphone|ipad/i.test(navigator.platform || navigator.userAgent)

const KEY_NAMES: Readonly<Record<string, string>> = { ArrowDown: '↓', ArrowUp: '↑' }

/** How a binding is written for this platform: "Ctrl+K", "⌘K", "Alt+↓", "/". */
export function bindingLabel(binding: Binding, mac = isMac()): string {
  const key = KEY_NAMES[binding.key] ?? (binding.key.length === 1 ? binding.key.toUpperCase() : binding.key)
  const parts = [
    ...(binding.mod ? [mac ? '⌘' : 'Ctrl'] : []),
    ...(binding.shift ? [mac ? '⇧' : 'Shift'] : []),
    ...(binding.alt ? [mac ? '⌥' : 'Alt'] : []),
    key,
  ]
  return mac ? parts.join('') : parts.join('+')
}

/** A single key (no Ctrl/Cmd/Alt) that must not fire while typing or inside a dialog. */
export const isSingleKey = (binding: Binding): boolean => !binding.mod && !binding.alt && binding.key.length === 1

export function matchesBinding(event: KeyboardEvent, binding: Binding): boolean {
  const mod = event.ctrlKey || event.metaKey
  if (Boolean(binding.mod) !== mod || Boolean(binding.alt) !== event.altKey) return false
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key
  // Shift is part of the character for "?" (and "/" on Nordic keyboards); for a letter it is a modifier
  // only where the binding asks for it.
  if (/^[a-z]$/.test(binding.key) && event.shiftKey !== Boolean(binding.shift)) return false
  return key === binding.key
}

/** The shortcut a key press asks for, if any. */
export function shortcutFor(event: KeyboardEvent): { id: CommandId; binding: Binding } | null {
  for (const shortcut of SHORTCUTS) {
    const binding = shortcut.bindings.find((candidate) => matchesBinding(event, candidate))
    if (binding) return { id: shortcut.id, binding }
  }
  return null
}

/** Where a key press is text the agent types: single-key shortcuts stay out of it. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (!(target instanceof HTMLInputElement)) return false
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type)
}

/** Whether a modal (a confirmation, the export dialog, the palette itself) is open. */
export function dialogOpen(root: ParentNode = document): boolean {
  return root.querySelector('dialog[open], [role="dialog"][aria-modal="true"], [role="alertdialog"]') !== null
}

const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLocaleLowerCase()
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')

/**
 * How well `query` matches `title`: a substring beats a word start beats letters in order (fuzzy);
 * null when it does not match. Accents are ignored ("sok" finds "Søk" only via the letters it has).
 */
export function matchScore(title: string, query: string): number | null {
  const q = fold(query.trim())
  if (q.length === 0) return 0
  const text = fold(title)
  const at = text.indexOf(q)
  if (at === 0) return 3
  if (at > 0) return text[at - 1] === ' ' ? 2.5 : 2
  let from = 0
  let gaps = 0
  for (const char of q) {
    if (char === ' ') continue
    const found = text.indexOf(char, from)
    if (found < 0) return null
    gaps += found - from
    from = found + 1
  }
  return 1 / (1 + gaps)
}

/** The items whose title matches, best first (stable for equal scores). */
export function filterByTitle<T>(items: readonly T[], query: string, title: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, score: matchScore(title(item), query) }))
    .filter((entry): entry is { item: T; index: number; score: number } => entry.score !== null)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.item)
}
