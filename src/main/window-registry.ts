/**
 * The windows this app created. The IPC sender policy asks it whether a webContents is ours;
 * the single-instance handler asks it for the window to bring forward.
 */
import type { BrowserWindow, WebContents } from 'electron'

export interface WindowRegistry {
  track(window: BrowserWindow): void
  ownsWebContents(contents: WebContents): boolean
  /** Restores and focuses the first open window; false when there is none. */
  focusFirst(): boolean
}

export function createWindowRegistry(): WindowRegistry {
  const open = new Map<BrowserWindow, WebContents>()
  return {
    track(window) {
      // Keep the reference now: webContents cannot be read any more once the window is closed.
      const contents = window.webContents
      open.set(window, contents)
      window.once('closed', () => open.delete(window))
    },
    ownsWebContents(contents) {
      for (const [window, owned] of open) {
        if (owned === contents && !window.isDestroyed()) return true
      }
      return false
    },
    focusFirst() {
      for (const window of open.keys()) {
        if (window.isDestroyed()) continue
        if (window.isMinimized()) window.restore()
        window.show()
        window.focus()
        return true
      }
      return false
    },
  }
}
