/**
 * The composition root of core: builds every service from a ConsoleConfig and returns one handler
 * per contract channel. Main, the dev host and the CLI call it; none of them sees a secret again.
 */
import type { Handlers } from '../shared/contract.ts'
import { AppError } from '../shared/errors.ts'
import { appInfo } from './app-info.ts'
import type { ConsoleConfig } from './config.ts'
import { createConnectClients } from './connect/clients.ts'
import { createCustomerService } from './connect/customers.ts'
import type { CustomerService } from './connect/customers.ts'
import type { HttpClientOptions } from './http/client.ts'
import { consoleSink, createLogger } from './log.ts'
import type { Logger } from './log.ts'
import type { ProviderAdapter } from './providers/adapter.ts'
import { createSwedbankPayAdapter } from './providers/swedbankpay.ts'
import { createSwedbankPayClient } from './swedbankpay/client.ts'
import { createPayerApi } from './swedbankpay/payer-api.ts'
import { createTokenService } from './tokens.ts'

export interface ServicesOptions {
  logger?: Logger
  /** An axios adapter for every provider call (main may route through Electron's net.fetch). */
  httpAdapter?: HttpClientOptions['adapter']
}

export interface Services {
  handlers: Handlers
  /** Forgets held access tokens; later calls fail with INTERNAL. */
  dispose(): void
}

export function createServices(config: ConsoleConfig, options: ServicesOptions = {}): Services {
  const logger = options.logger ?? createLogger({ sinks: [consoleSink()] })
  registerSecrets(config, logger)
  const clientOptions = { logger, ...(options.httpAdapter === undefined ? {} : { adapter: options.httpAdapter }) }

  const connect = config.connect === null ? null : createConnectClients(config.connect, config.http, clientOptions)
  const customers = connect === null ? null : createCustomerService(connect.api, { logger })
  const payerApi =
    config.swedbankPay === null
      ? null
      : createPayerApi(createSwedbankPayClient(config.swedbankPay, config.http, clientOptions), { logger })
  const swedbankPay = createSwedbankPayAdapter(payerApi)
  const adapters: ProviderAdapter[] = [swedbankPay]
  const tokens = createTokenService({ adapters, swedbankPay, logger })

  let disposed = false
  const live = async <T>(run: () => Promise<T>): Promise<T> => {
    if (disposed) throw new AppError('INTERNAL', 'The console services have been shut down.')
    return run()
  }
  const requireCustomers = (): CustomerService => {
    if (customers === null) throw new AppError('NOT_CONFIGURED', 'Connect is not configured in this profile.', { provider: 'connect' })
    return customers
  }

  const handlers: Handlers = {
    'app:info': () => live(async () => appInfo(config, adapters)),
    'customers:search': ({ query }) => live(() => requireCustomers().search(query)),
    'customers:get': ({ customerNumber }) => live(() => requireCustomers().get(customerNumber)),
    'tokens:list': (request) => live(() => tokens.listTokens(request)),
    'tokens:archive': (request) => live(() => tokens.archiveToken(request)),
  }

  return {
    handlers,
    dispose() {
      disposed = true
      connect?.tokens.invalidate()
    },
  }
}

function registerSecrets(config: ConsoleConfig, logger: Logger): void {
  logger.addSecret(config.connect?.clientSecret)
  logger.addSecret(config.swedbankPay?.accessToken)
}
