/** SaveDialog on Electron's native save dialog, attached to the focused window when there is one. */
import { basename, join } from 'node:path'
import { BrowserWindow, app, dialog } from 'electron'
import type { SaveDialogOptions } from 'electron'
import type { SaveDialog } from '../../core/platform/ports.ts'

export function createSaveDialog(): SaveDialog {
  return {
    async chooseSavePath({ defaultName, filters }) {
      const options: SaveDialogOptions = {
        // Only a file name is taken from the caller; the folder is always the agent's Downloads.
        defaultPath: join(app.getPath('downloads'), basename(defaultName)),
        filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      }
      const parent = BrowserWindow.getFocusedWindow()
      const result = parent === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(parent, options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
  }
}
