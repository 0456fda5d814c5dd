/** The window factory: locked options, shown when painted, tracked for the IPC sender policy. */
import { BrowserWindow } from 'electron'
import { scopedLogger } from './log.ts'
import { mainWindowOptions } from './security/window-options.ts'
import type { WindowRegistry } from './window-registry.ts'

const logger = scopedLogger('window')

export function createMainWindow(registry: WindowRegistry, entryUrl: string): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions())
  registry.track(window)
  window.once('ready-to-show', () => window.show())
  window.loadURL(entryUrl).catch(() => logger.error('the console page could not be loaded'))
  return window
}
