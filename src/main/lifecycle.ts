/**
 * The app's life: guards before any window exists, the window as early as possible (IPC calls wait for
 * the runtime's first profile), the session runtime (profiles, the agent's sign-in, the services)
 * started asynchronously, everything disposed before quitting, and a startup failure shown to the agent
 * in plain words.
 */
import { app, dialog, ipcMain, session } from 'electron'
import type { RunningSandbox } from '../core/config.ts'
import { createDispatcher } from '../core/dispatch.ts'
import { DOCS_ONLY_POLICY } from '../core/platform/link-policy.ts'
import type { LinkPolicy } from '../core/platform/link-policy.ts'
import { createRuntime } from '../core/runtime.ts'
import { isAppError } from '../shared/errors.ts'
import { registerContract } from './ipc/registrar.ts'
import { createSenderPolicy } from './ipc/sender-policy.ts'
import { mainLogger, scopedLogger } from './log.ts'
import { createElectronPlatform } from './platform/index.ts'
import { createNetFetchAdapter } from './platform/net-http.ts'
import { rendererEntryUrl, serveAppProtocol } from './security/app-protocol.ts'
import { openExternalSafely } from './security/external-links.ts'
import { installContentsGuards, installPermissionPolicy } from './security/guards.ts'
import { devServerOrigin, trustedOrigins } from './security/origins.ts'
import { createMainWindow } from './window.ts'
import { createWindowRegistry } from './window-registry.ts'

const logger = scopedLogger('lifecycle')
/** How long quitting waits for the services and the sandbox to close. */
const DISPOSE_TIMEOUT_MS = 3_000

export const STARTUP_FAILURE_TITLE = 'Support Console could not start'
const GENERIC_STARTUP_FAILURE =
  'Something went wrong while starting the console. Restart it; if this keeps happening, contact support (details are in the log).'

type Cleanup = () => unknown

/** Loaded on demand: the sandbox is only parsed when the sandbox profile runs. */
async function startEmbeddedSandbox(): Promise<RunningSandbox> {
  const { startSandbox } = await import('../sandbox/index.ts')
  return startSandbox()
}

/** Wires the app; call once, after app.enableSandbox() and the app scheme registration. */
export function runConsole(): void {
  const windows = createWindowRegistry()
  const rendererUrl = process.env.ELECTRON_RENDERER_URL
  const devOrigin = devServerOrigin(rendererUrl, app.isPackaged)
  const origins = trustedOrigins(devOrigin)
  // Until the runtime runs a profile, only the documentation sites may be opened.
  let linkPolicy: () => LinkPolicy = () => DOCS_ONLY_POLICY
  const cleanups: Cleanup[] = []

  installContentsGuards(app, { trustedOrigins: origins, openExternal: (url) => openExternalSafely(url, linkPolicy()) })
  app.on('second-instance', () => {
    windows.focusFirst()
  })
  app.on('window-all-closed', () => app.quit())
  disposeBeforeQuit(cleanups)

  app
    .whenReady()
    .then(async () => {
      installPermissionPolicy(session.defaultSession, { trustedOrigins: origins })
      serveAppProtocol()
      const runtime = createRuntime({
        platform: createElectronPlatform({ linkPolicy: () => linkPolicy() }),
        logger: mainLogger,
        version: app.getVersion(),
        dataDir: app.getPath('userData'),
        startSandbox: startEmbeddedSandbox,
        httpAdapter: createNetFetchAdapter(),
        loopbackHost: '127.0.0.1',
      })
      linkPolicy = runtime.linkPolicy
      cleanups.push(runtime.dispose)
      // Registered at once: calls made while the first profile starts wait for it.
      const isTrustedSender = createSenderPolicy({ ownsWebContents: windows.ownsWebContents, trustedOrigins: origins })
      const dispatch = createDispatcher(runtime.handlers, { logger: mainLogger })
      cleanups.push(registerContract({ ipcMain, dispatch, isTrustedSender }))
      createMainWindow(windows, rendererEntryUrl(devOrigin === null ? null : (rendererUrl ?? null)))
      await runtime.ready
      logger.info('ready')
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
