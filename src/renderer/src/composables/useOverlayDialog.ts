/**
 * A modal overlay of the command store (the palette, the shortcuts help) on a native <dialog>: opened
 * modal on mount with focus on `focusTarget`; `close()` closes it once, clears the store's overlay and
 * gives focus back to where it was before (true from the call that closed it, false if it already
 * was); Esc ("cancel") closes it the same way.
 */
import { nextTick, onBeforeUnmount, onMounted } from 'vue'
import type { Ref } from 'vue'
import { useCommandStore } from '../stores/commands.ts'

export function useOverlayDialog(dialog: Readonly<Ref<HTMLDialogElement | null>>, focusTarget: Readonly<Ref<HTMLElement | null>>) {
  const store = useCommandStore()
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
  let closed = false

  async function close(): Promise<boolean> {
    if (closed) return false
    closed = true
    if (dialog.value?.open) dialog.value.close()
    store.overlay = null
    await nextTick()
    if (opener?.isConnected) opener.focus()
    return true
  }

  /** Esc reaches the native dialog as "cancel": close our way, so focus goes back. */
  function onCancel(event: Event): void {
    event.preventDefault()
    void close()
  }

  onMounted(() => {
    const element = dialog.value
    if (element !== null && typeof element.showModal === 'function' && !element.open) element.showModal()
    else element?.setAttribute('open', '')
    focusTarget.value?.focus()
  })

  onBeforeUnmount(() => {
    closed = true
    if (dialog.value?.open) dialog.value.close()
  })

  return { close, onCancel }
}
