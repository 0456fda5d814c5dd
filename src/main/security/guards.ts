/**
 * Defence in depth for every webContents the app ever creates: no navigation away from the app's
 * origin, no new windows (https links go to the external-link policy), no <webview>, and every
 * permission request or check denied.
 */
import type { App, Session, WebContents } from 'electron'
import { scopedLogger } from '../log.ts'
import type { MainLogger } from '../log.ts'
import { hasTrustedOrigin, originOf } from './origins.ts'

export interface GuardOptions {
  trustedOrigins: readonly string[]
  /** Receives https URLs a page tried to open in a new window; decides (allowlist) and opens. */
  openExternal: (url: string) => Promise<unknown>
  logger?: MainLogger
}

type NavigationEvent = { url: string; preventDefault(): void }

function isHttps(url: string): boolean {
  try {
    return new URL(url).protocol === 'https:'
  } catch {
    return false
  }
}

export function guardWebContents(contents: WebContents, options: GuardOptions): void {
  const logger = options.logger ?? scopedLogger('guards')
  const keepOnTrustedOrigin = (kind: string) => (event: NavigationEvent) => {
    if (hasTrustedOrigin(event.url, options.trustedOrigins)) return
    event.preventDefault()
    logger.warn(`blocked ${kind} to ${originOf(event.url) ?? 'an unparseable URL'}`)
  }
  contents.on('will-navigate', keepOnTrustedOrigin('navigation'))
  contents.on('will-frame-navigate', keepOnTrustedOrigin('frame navigation'))
  contents.on('will-redirect', keepOnTrustedOrigin('redirect'))
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    logger.warn('blocked a <webview>')
  })
  contents.setWindowOpenHandler(({ url }) => {
    if (isHttps(url)) {
      options.openExternal(url).catch(() => logger.warn('opening an external link failed'))
    }
    return { action: 'deny' }
  })
}

export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

/** Guards every webContents created from now on. Install before the first window exists. */
export function installContentsGuards(app: App, options: GuardOptions): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, options))
}
