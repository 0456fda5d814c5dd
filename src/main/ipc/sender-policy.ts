/**
 * Who may call the contract: the top frame of a window this app created, showing the app's own
 * origin (or the dev server's in development). Sub-frames, webviews, foreign windows and other
 * origins are refused.
 */
import type { IpcMainInvokeEvent, WebContents } from 'electron'
import { hasTrustedOrigin } from '../security/origins.ts'

export interface SenderPolicyOptions {
  /** True for the webContents of a window this app created (see window-registry.ts). */
  ownsWebContents: (contents: WebContents) => boolean
  trustedOrigins: readonly string[]
}

export function createSenderPolicy(options: SenderPolicyOptions): (event: IpcMainInvokeEvent) => boolean {
  return (event) => {
    const frame = event.senderFrame
    if (frame === null || frame === undefined) return false
    if (frame.parent !== null) return false
    if (!options.ownsWebContents(event.sender)) return false
    return hasTrustedOrigin(frame.url, options.trustedOrigins)
  }
}
