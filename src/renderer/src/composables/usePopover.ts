/**
 * Open/closed state of a popover anchored to a button (a menu, a disclosure panel): `show` opens it
 * and starts listening for a pointer press outside `root`, which closes it; `hide(true)` closes it
 * and gives focus back to the button. The listener is removed on close and on unmount.
 */
import { onBeforeUnmount, ref } from 'vue'
import type { Ref } from 'vue'

export function usePopover(root: Readonly<Ref<HTMLElement | null>>, button: Readonly<Ref<HTMLElement | null>>) {
  const open = ref(false)

  function onOutside(event: Event): void {
    if (event.target instanceof Node && root.value?.contains(event.target)) return
    hide(false)
  }

  function show(): void {
    open.value = true
    document.addEventListener('pointerdown', onOutside, true)
  }

  function hide(returnFocus: boolean): void {
    if (!open.value) return
    open.value = false
    document.removeEventListener('pointerdown', onOutside, true)
    if (returnFocus) button.value?.focus()
  }

  onBeforeUnmount(() => document.removeEventListener('pointerdown', onOutside, true))
  return { open, show, hide }
}
