/**
 * The composition root of core: builds every service from a ConsoleConfig and returns one handler
 * per service channel (every channel but auth:* and profiles:*, which the session layer answers and
 * composes with these). Main, the dev host and the CLI call it; none of them sees a secret again.
 * Writes (archive, archive all, rename, remove, legacy delete, pay) need an acting agent.
 */
import type { ServiceHandlers } from '../shared/contract.ts'
import type { Agent } from '../shared/domain.ts'
import { AppError } from '../shared/errors.ts'
import { appInfo } from './app-info.ts'
import type { AgentSession } from './auth/agent-session.ts'
import { fixedAgentSession } from './auth/agent-session.ts'
import type { ConsoleConfig } from './config.ts'
import { createConnectClients } from './connect/clients.ts'
import { createCustomerService } from './connect/customers.ts'
import type { HttpClientOptions } from './http/client.ts'
import { createInvoiceService } from './invoices/invoices.ts'
import { createPaymentReturns } from './invoices/payment-return.ts'
import { createPaymentService } from './invoices/payments.ts'
import { consoleSink, createLogger } from './log.ts'
import type { Logger } from './log.ts'
import { payerReferenceMapper } from './payer-reference.ts'
import type { ExternalOpener } from './platform/ports.ts'
import type { ProviderAdapter } from './providers/adapter.ts'
import { createKlarnaAdapter } from './providers/klarna.ts'
import { createNexiAdapter } from './providers/nexi.ts'
import { createPayexAdapter } from './providers/payex.ts'
import { createSwedbankPayAdapter } from './providers/swedbankpay.ts'
import { createVippsAdapter } from './providers/vipps.ts'
import { createSwedbankPayClient } from './swedbankpay/client.ts'
import { createPayerApi } from './swedbankpay/payer-api.ts'
import { LEGACY_DELETE_CONTENT_TYPE, createPaymentOrderTokenApi } from './swedbankpay/payment-order-tokens.ts'
import { createTokenService } from './tokens.ts'

export interface ServicesOptions {
  logger?: Logger
  /** An axios adapter for every provider call (main may route through Electron's net.fetch). */
  httpAdapter?: HttpClientOptions['adapter']
  /** Who is acting (writes need someone) and their ConnectID token for user-mode calls. Default: nobody. */
  agentSession?: AgentSession
  /** Opens payment links in the system browser. Default: refuses (the link can still be copied). */
  opener?: ExternalOpener
  /** The Swedbank Pay payerReference of a customer: `{customerNumber}` replaced. Default '{customerNumber}'. */
  payerReferenceTemplate?: string
  /** The loopback address the payment return listener binds to and puts in its URLs. Default '127.0.0.1'. */
  paymentReturnHost?: string
}

export interface Services {
  handlers: ServiceHandlers
  /** Forgets held access tokens and closes the payment return listener; later calls fail with INTERNAL. */
  dispose(): Promise<void>
}

const refusingOpener: ExternalOpener = {
  async open() {
    throw new AppError('NOT_CONFIGURED', 'This console cannot open a browser here: copy the payment link instead.')
  },
}

export function createServices(config: ConsoleConfig, options: ServicesOptions = {}): Services {
  const logger = options.logger ?? createLogger({ sinks: [consoleSink()] })
  registerSecrets(config, logger)
  const agentSession = options.agentSession ?? fixedAgentSession(null)
  const payerReferenceOf = payerReferenceMapper(options.payerReferenceTemplate)
  const clientOptions = { logger, ...(options.httpAdapter === undefined ? {} : { adapter: options.httpAdapter }) }

  const connect = config.connect === null ? null : createConnectClients(config.connect, config.http, { ...clientOptions, agentSession })
  const connectApi = connect?.api ?? null
  const customers = connect === null ? null : createCustomerService(connect.api, { logger, payerReferenceOf })
  const invoices = connect === null ? null : createInvoiceService(connect.api, { logger })
  const returns = createPaymentReturns(options.paymentReturnHost === undefined ? {} : { host: options.paymentReturnHost })
  const payments =
    config.connect === null || connect === null
      ? null
      : createPaymentService({ api: connect.agentApi, connect: config.connect, returns, opener: options.opener ?? refusingOpener })

  const swedbankPayConfig = config.swedbankPay
  const payerApi =
    swedbankPayConfig === null ? null : createPayerApi(createSwedbankPayClient(swedbankPayConfig, config.http, clientOptions), { logger })
  const paymentOrderTokens =
    swedbankPayConfig === null
      ? null
      : createPaymentOrderTokenApi(
          createSwedbankPayClient(swedbankPayConfig, config.http, { ...clientOptions, jsonContentType: LEGACY_DELETE_CONTENT_TYPE }),
          { logger },
        )
  const swedbankPay = createSwedbankPayAdapter(payerApi, { payerReferenceOf })
  const adapters: ProviderAdapter[] = [
    swedbankPay,
    createPayexAdapter(connectApi, { logger }),
    createKlarnaAdapter(connectApi, { logger }),
    createVippsAdapter(connectApi, { logger }),
    createNexiAdapter(connectApi, { logger }),
  ]
  const tokens = createTokenService({ adapters, swedbankPay, paymentOrderTokens, payerReferenceOf, logger })

  let disposed = false
  const live = async <T>(run: () => Promise<T>): Promise<T> => {
    if (disposed) throw new AppError('INTERNAL', 'The console services have been shut down.')
    return run()
  }
  /** A write: checked for an acting agent before anything else happens. */
  const write = <T>(action: string, run: (actor: Agent) => Promise<T>): Promise<T> =>
    live(() => {
      const actor = agentSession.current()
      if (actor === null) throw new AppError('AUTH_REQUIRED', `Sign in to ${action}.`)
      return run(actor)
    })
  const need = <T>(service: T | null): T => {
    if (service === null) throw new AppError('NOT_CONFIGURED', 'Connect is not configured in this profile.', { provider: 'connect' })
    return service
  }

  const handlers: ServiceHandlers = {
    'app:info': () => live(async () => appInfo(config, adapters)),
    'customers:search': ({ query }) => live(() => need(customers).search(query)),
    'customers:get': ({ customerNumber }) => live(() => need(customers).get(customerNumber)),
    'tokens:list': (request) => live(() => tokens.listTokens(request)),
    'tokens:archive': (request) => write('archive a token', (actor) => tokens.archiveToken(request, actor)),
    'tokens:archiveAll': (request) => write("archive a payer's tokens", (actor) => tokens.archiveAll(request, actor)),
    'tokens:rename': (request) => write('rename a token', (actor) => tokens.rename(request, actor)),
    'tokens:remove': (request) => write('remove a token', (actor) => tokens.remove(request, actor)),
    'tokens:legacyDelete': (request) => write('delete a token', (actor) => tokens.legacyDelete(request, actor)),
    'products:list': () => live(() => need(invoices).listProducts()),
    'invoices:list': (request) => live(() => need(invoices).listInvoices(request)),
    'invoices:pay': (request) =>
      write('pay an invoice', async (actor) => {
        const started = await need(payments).pay(request)
        logger.info('invoice payment started', { agent: actor.userId, paymentMethod: request.paymentMethod })
        return started
      }),
    'invoices:openPaymentLink': ({ transactionId }) => live(() => need(payments).openPaymentLink(transactionId)),
    'invoices:paymentResult': ({ transactionId, waitMs }) => live(() => need(payments).result(transactionId, waitMs ?? 0)),
  }

  return {
    handlers,
    async dispose() {
      disposed = true
      connect?.tokens.invalidate()
      await returns.close()
    },
  }
}

function registerSecrets(config: ConsoleConfig, logger: Logger): void {
  logger.addSecret(config.connect?.clientSecret)
  logger.addSecret(config.swedbankPay?.accessToken)
}
