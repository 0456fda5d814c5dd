/**
 * The options of every window the console opens. The renderer is untrusted web content: isolated,
 * sandboxed, without Node, without webviews, and it only reaches main through the preload's verbs.
 */
import { join } from 'node:path'
import type { BrowserWindowConstructorOptions } from 'electron'

/** Built by electron-vite next to out/main: a CommonJS file, because sandboxed preloads cannot be ESM. */
export const PRELOAD_PATH = join(import.meta.dirname, '../preload/index.cjs')

export const LOCKED_WEB_PREFERENCES = {
  preload: PRELOAD_PATH,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  spellcheck: false,
  navigateOnDragDrop: false,
} as const satisfies BrowserWindowConstructorOptions['webPreferences']

export function mainWindowOptions(): BrowserWindowConstructorOptions {
  return {
    title: 'Support Console',
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 600,
    // Painted by the renderer first; shown on ready-to-show so the agent never sees a white flash.
    show: false,
    backgroundColor: '#1e1f24',
    autoHideMenuBar: true,
    webPreferences: { ...LOCKED_WEB_PREFERENCES },
  }
}
