/**
 * Defence in depth for every webContents the app ever creates: no navigation away from the app's
 * origin, no new windows (https links go to the external-link policy), no <webview>, and every
 * permission request or check denied but copying text to the clipboard from the console's own pages.
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

/** The one permission the console uses: writing (sanitised) text to the clipboard, to copy a payment link. */
export const ALLOWED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write']

/**
 * Every permission request or check is denied, except ALLOWED_PERMISSIONS asked for by a page on a
 * trusted origin (the console itself). Camera, notifications, geolocation, clipboard reads… all stay denied.
 */
export function installPermissionPolicy(session: Session, options: { trustedOrigins: readonly string[] }): void {
  const allows = (permission: string, url: unknown): boolean =>
    ALLOWED_PERMISSIONS.includes(permission) && hasTrustedOrigin(url, options.trustedOrigins)
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(allows(permission, details.requestingUrl)))
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => allows(permission, requestingOrigin))
}

/** Guards every webContents created from now on. Install before the first window exists. */
export function installContentsGuards(app: App, options: GuardOptions): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, options))
}
