import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Command, CommandId } from '../lib/commands.ts'

export type Overlay = 'palette' | 'shortcuts' | null

/**
 * The registered commands (global ones from App, context ones from the views while they are mounted)
 * and which keyboard overlay is open. Several registrations of one id may be live (two tables with an
 * export); the newest one that is enabled wins.
 */
export const useCommandStore = defineStore('commands', () => {
  const registrations = shallowRef<readonly Command[]>([])
  const overlay = ref<Overlay>(null)

  function register(commands: readonly Command[]): () => void {
    registrations.value = [...registrations.value, ...commands]
    return () => {
      registrations.value = registrations.value.filter((command) => !commands.includes(command))
    }
  }

  const enabled = (command: Command): boolean => command.enabled?.() ?? true

  /** The command that would run for an id now, or null. */
  function resolve(id: CommandId): Command | null {
    return registrations.value.findLast((command) => command.id === id && enabled(command)) ?? null
  }

  /** One entry per id that can run now, in registration order of the first registration. */
  const available = computed(() => {
    const ids = [...new Set(registrations.value.map((command) => command.id))]
    return ids.map(resolve).filter((command): command is Command => command !== null)
  })

  /** Runs a command by id; false when none is registered and enabled. */
  function run(id: CommandId): boolean {
    const command = resolve(id)
    if (command === null) return false
    void command.run()
    return true
  }

  return { registrations, overlay, register, resolve, available, run }
})
