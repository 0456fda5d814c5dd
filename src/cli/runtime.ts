/**
 * What answers the CLI's calls: configuration (the embedded sandbox with --sandbox, else the
 * environment) → core services → the same dispatcher as the app, with the CLI's session handlers. Built on the first call only, so
 * usage errors and invalid input never start a sandbox or send a request.
 */
import { sandboxConfig } from '../core/config.ts'
import type { ConsoleConfig } from '../core/config.ts'
import { fixedAgentSession } from '../core/auth/agent-session.ts'
import { createDispatcher } from '../core/dispatch.ts'
import type { Dispatch } from '../core/dispatch.ts'
import type { Logger } from '../core/log.ts'
import { RecordingExternalOpener } from '../core/platform/node-external-opener.ts'
import { createServices } from '../core/services.ts'
import { startSandbox } from '../sandbox/index.ts'
import type { SandboxHandle } from '../sandbox/index.ts'
import { configFromEnv, payerReferenceTemplateFromEnv } from './env-config.ts'
import { cliAgent, cliSessionHandlers } from './session.ts'

export interface RuntimeOptions {
  sandbox: boolean
  timeoutMs: number | undefined
  env: Readonly<Record<string, string | undefined>>
  version: string
  /** The CLI's logger (stderr with --verbose, else silent). */
  logger: Logger
}

export interface Runtime {
  dispatch: Dispatch
  /** Disposes the services and stops the embedded sandbox, if any. */
  close(): Promise<void>
}

export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { logger } = options
  const sandbox: SandboxHandle | null = options.sandbox ? await startSandbox() : null
  try {
    const config = withTimeout(
      sandbox === null ? configFromEnv(options.env, options.version) : sandboxConfig(sandbox, options.version),
      options.timeoutMs,
    )
    const template = sandbox === null ? payerReferenceTemplateFromEnv(options.env) : undefined
    const services = createServices(config, {
      logger,
      agentSession: fixedAgentSession(cliAgent(options.env)),
      opener: new RecordingExternalOpener(),
      ...(template === undefined ? {} : { payerReferenceTemplate: template }),
    })
    const dispatch = createDispatcher({ ...services.handlers, ...cliSessionHandlers() }, { logger })
    return {
      dispatch,
      async close() {
        await services.dispose()
        await sandbox?.close()
      },
    }
  } catch (error) {
    await sandbox?.close()
    throw error
  }
}

function withTimeout(config: ConsoleConfig, timeoutMs: number | undefined): ConsoleConfig {
  return timeoutMs === undefined ? config : { ...config, http: { ...config.http, timeoutMs } }
}
