/**
 * THE ONLY place that registers IPC handlers. One handler per contract channel; each checks the
 * sender first, then hands the untouched argument to the dispatcher (which validates it with the
 * contract and never throws). Whatever happens, the renderer gets a Result, never an exception.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { Dispatch } from '../../core/dispatch.ts'
import { CHANNELS } from '../../shared/api-shape.ts'
import type { Result } from '../../shared/errors.ts'
import { scopedLogger } from '../log.ts'
import type { MainLogger } from '../log.ts'

export type { Dispatch }

export interface RegistrarOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>
  dispatch: Dispatch
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean
  logger?: MainLogger
}

const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This request did not come from the console window and was refused.' },
}
const INTERNAL: Result<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'Something went wrong in the console. Try again; if it keeps happening, restart it.' },
}

/** Registers every channel of the contract; returns a function that removes them again. */
export function registerContract(options: RegistrarOptions): () => void {
  const logger = options.logger ?? scopedLogger('ipc')
  for (const channel of CHANNELS) {
    options.ipcMain.handle(channel, async (event: IpcMainInvokeEvent, request: unknown) => {
      try {
        if (!options.isTrustedSender(event)) {
          logger.warn(`refused ${channel} from an untrusted sender`)
          return FORBIDDEN
        }
        return await options.dispatch(channel, request)
      } catch (error) {
        logger.error(`${channel} failed unexpectedly`, { error: error instanceof Error ? error.name : typeof error })
        return INTERNAL
      }
    })
  }
  return () => {
    for (const channel of CHANNELS) options.ipcMain.removeHandler(channel)
  }
}
