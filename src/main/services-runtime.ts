/**
 * Starts what answers the contract: configuration (sandbox for now) → core services → dispatcher.
 * Everything here is asynchronous, so it runs while the window paints.
 */
import type { ConsoleConfig } from '../core/config.ts'
import { createDispatcher } from '../core/dispatch.ts'
import type { Logger } from '../core/log.ts'
import type { KeyValueStore } from '../core/platform/ports.ts'
import { createServices } from '../core/services.ts'
import { resolveConfiguration } from './configuration.ts'
import type { Dispatch } from './ipc/registrar.ts'
import { createNetFetchAdapter } from './platform/net-http.ts'

export interface ServicesRuntime {
  config: ConsoleConfig
  dispatch: Dispatch
  /** Disposes the services, then closes the sandbox. Never rejects. */
  dispose(): Promise<void>
}

export async function startServicesRuntime(options: {
  settings: KeyValueStore
  version: string
  logger: Logger
}): Promise<ServicesRuntime> {
  const { logger } = options
  const resolved = await resolveConfiguration(options.settings, options.version)
  try {
    const services = createServices(resolved.config, { logger, httpAdapter: createNetFetchAdapter() })
    const dispatch = createDispatcher(services.handlers, { logger })
    return {
      config: resolved.config,
      dispatch,
      async dispose() {
        try {
          services.dispose()
        } catch (error) {
          logger.warn('disposing the services failed', { error })
        }
        await resolved.close().catch((error: unknown) => logger.warn('closing the sandbox failed', { error }))
      },
    }
  } catch (error) {
    await resolved.close().catch(() => undefined)
    throw error
  }
}
