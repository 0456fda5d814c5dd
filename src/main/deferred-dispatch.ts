/**
 * Lets the window paint while the services start: IPC is registered at once, and calls made before
 * the services are ready wait for them (or get the registrar's INTERNAL result if startup failed).
 */
import type { Dispatch } from './ipc/registrar.ts'

export interface DeferredDispatch {
  dispatch: Dispatch
  resolve(dispatch: Dispatch): void
  reject(error: unknown): void
}

export function createDeferredDispatch(): DeferredDispatch {
  let resolve: (dispatch: Dispatch) => void = () => undefined
  let reject: (error: unknown) => void = () => undefined
  const ready = new Promise<Dispatch>((res, rej) => {
    resolve = res
    reject = rej
  })
  // A failed startup is reported by the lifecycle; callers still see their own rejection.
  ready.catch(() => undefined)
  return {
    dispatch: async (channel, request) => (await ready)(channel, request),
    resolve: (dispatch) => resolve(dispatch),
    reject: (error) => reject(error),
  }
}
