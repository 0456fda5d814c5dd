/**
 * The app's life: guards before any window exists, the window as early as possible (IPC waits for
 * the services), services started asynchronously, everything disposed before quitting, and a
 * startup failure shown to the agent in plain words.
 */
import { app, dialog, ipcMain, session } from 'electron'
import { isAppError } from '../shared/errors.ts'
import { createDeferredDispatch } from './deferred-dispatch.ts'
import { registerContract } from './ipc/registrar.ts'
import { createSenderPolicy } from './ipc/sender-policy.ts'
import { mainLogger, scopedLogger } from './log.ts'
import { createElectronPlatform } from './platform/index.ts'
import { rendererEntryUrl, serveAppProtocol } from './security/app-protocol.ts'
import { DOCS_HOSTS, allowedHostsFor, openExternalSafely } from './security/external-links.ts'
import { denyAllPermissions, installContentsGuards } from './security/guards.ts'
import { devServerOrigin, trustedOrigins } from './security/origins.ts'
import { startServicesRuntime } from './services-runtime.ts'
import { createMainWindow } from './window.ts'
import { createWindowRegistry } from './window-registry.ts'

const logger = scopedLogger('lifecycle')
/** How long quitting waits for the services and the sandbox to close. */
const DISPOSE_TIMEOUT_MS = 3_000

export const STARTUP_FAILURE_TITLE = 'Support Console could not start'
const GENERIC_STARTUP_FAILURE =
  'Something went wrong while starting the console. Restart it; if this keeps happening, contact support (details are in the log).'

type Cleanup = () => unknown

/** Wires the app; call once, after app.enableSandbox() and the app scheme registration. */
export function runConsole(): void {
  const windows = createWindowRegistry()
  const rendererUrl = process.env.ELECTRON_RENDERER_URL
  const devOrigin = devServerOrigin(rendererUrl, app.isPackaged)
  const origins = trustedOrigins(devOrigin)
  let allowedHosts: readonly string[] = DOCS_HOSTS
  const cleanups: Cleanup[] = []

  installContentsGuards(app, { trustedOrigins: origins, openExternal: (url) => openExternalSafely(url, allowedHosts) })
  app.on('second-instance', () => {
    windows.focusFirst()
  })
  app.on('window-all-closed', () => app.quit())
  disposeBeforeQuit(cleanups)

  app
    .whenReady()
    .then(async () => {
      denyAllPermissions(session.defaultSession)
      serveAppProtocol()
      const services = createDeferredDispatch()
      const isTrustedSender = createSenderPolicy({ ownsWebContents: windows.ownsWebContents, trustedOrigins: origins })
      cleanups.push(registerContract({ ipcMain, dispatch: services.dispatch, isTrustedSender }))
      createMainWindow(windows, rendererEntryUrl(devOrigin === null ? null : (rendererUrl ?? null)))
      try {
        // The ports core will take once it persists secrets and exports files; settings decide the profile now.
        const platform = createElectronPlatform({ allowedHosts: () => allowedHosts })
        const runtime = await startServicesRuntime({ settings: platform.settings, version: app.getVersion(), logger: mainLogger })
        cleanups.push(runtime.dispose)
        allowedHosts = allowedHostsFor(runtime.config)
        services.resolve(runtime.dispatch)
        logger.info(`ready (${runtime.config.profile.label})`)
      } catch (error) {
        services.reject(error)
        throw error
      }
    })
    .catch(failStartup)
}

function failStartup(error: unknown): void {
  logger.error('startup failed', { error })
  dialog.showErrorBox(STARTUP_FAILURE_TITLE, isAppError(error) ? error.message : GENERIC_STARTUP_FAILURE)
  app.quit()
}

/** Holds the quit until every cleanup ran (newest first) or the timeout passed. */
function disposeBeforeQuit(cleanups: Cleanup[]): void {
  let state: 'running' | 'disposing' | 'disposed' = 'running'
  app.on('will-quit', (event) => {
    if (state === 'disposed') return
    event.preventDefault()
    if (state === 'disposing') return
    state = 'disposing'
    const all = (async () => {
      for (const cleanup of [...cleanups].reverse()) {
        try {
          await cleanup()
        } catch (error) {
          logger.warn('a cleanup failed while quitting', { error })
        }
      }
    })()
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, DISPOSE_TIMEOUT_MS).unref())
    void Promise.race([all, timeout]).then(() => {
      state = 'disposed'
      app.quit()
    })
  })
}
