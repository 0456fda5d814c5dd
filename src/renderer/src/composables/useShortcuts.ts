import { onBeforeUnmount, onMounted } from 'vue'
import { dialogOpen, isSingleKey, isTypingTarget, shortcutFor } from '../lib/commands.ts'
import { useCommandStore } from '../stores/commands.ts'

/**
 * The console's global shortcuts (SHORTCUTS in lib/commands.ts), on the window. Single keys never fire
 * while the agent types in a field or while a dialog is open; with Ctrl/Cmd or Alt they fire in fields
 * too, but not behind a dialog (except Ctrl/Cmd+K, which closes the palette again). F5 and Ctrl/Cmd+R
 * never reload the window: the lookup is refreshed instead.
 */
export function useShortcuts(): void {
  const store = useCommandStore()

  function onKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.isComposing) return
    const shortcut = shortcutFor(event)
    if (shortcut === null) return
    const { id, binding } = shortcut
    // A reload would throw away the agent's state: never let the browser do it.
    if (id === 'refresh') event.preventDefault()
    if (id === 'openPalette' && store.overlay === 'palette') {
      event.preventDefault()
      store.overlay = null
      return
    }
    if (dialogOpen()) return
    if (isSingleKey(binding) && isTypingTarget(event.target)) return
    if (binding.alt && event.target instanceof HTMLSelectElement) return
    if (store.run(id)) event.preventDefault()
  }

  onMounted(() => window.addEventListener('keydown', onKeydown))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeydown))
}
