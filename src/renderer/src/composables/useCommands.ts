import { onBeforeUnmount, onMounted } from 'vue'
import type { Command } from '../lib/commands.ts'
import { useCommandStore } from '../stores/commands.ts'

/** Registers a component's commands while it is mounted (a view's context commands). */
export function useCommands(commands: readonly Command[]): void {
  const store = useCommandStore()
  let unregister: (() => void) | null = null
  onMounted(() => {
    unregister = store.register(commands)
  })
  onBeforeUnmount(() => unregister?.())
}
