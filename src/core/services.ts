/**
 * The composition root of core: builds every service from a ConsoleConfig and returns one handler
 * per service channel (every channel but auth:* and profiles:*, which the session layer answers and
 * composes with these). Main, the dev host and the CLI call it; none of them sees a secret again.
 * Writes (archive, archive all, rename, remove, legacy delete, pay) need an acting agent and are audited.
 * Lookups are kept in the profile's encrypted cache and answered from it when the provider cannot be
 * reached (cache/offline.ts); every provider call tells the connectivity tracker whether it got through.
 * Lookups run in a cancellable generation: app:cancelLookups aborts the reads of those in flight (a view
 * closed) and starts the next one; a cancelled lookup answers CANCELLED and is never cached.
 */
import type { ServiceHandlers } from '../shared/contract.ts'
import { Customer, Invoice, Product } from '../shared/domain.ts'
import type { Agent, ProfileKind } from '../shared/domain.ts'
import { AppError, isAppError } from '../shared/errors.ts'
import { z } from 'zod'
import { appInfo } from './app-info.ts'
import { noAudit } from './audit/types.ts'
import type { AuditLog, AuditRecorder } from './audit/types.ts'
import type { AgentSession } from './auth/agent-session.ts'
import { fixedAgentSession } from './auth/agent-session.ts'
import { cacheKeys, createOfflineLookups } from './cache/offline.ts'
import type { OfflineLookups } from './cache/offline.ts'
import type { ProfileCache } from './cache/profile-cache.ts'
import type { ConsoleConfig } from './config.ts'
import { createConnectClients } from './connect/clients.ts'
import { createCustomerService } from './connect/customers.ts'
import { createConnectivityTracker } from './connectivity.ts'
import type { ConnectivityTracker } from './connectivity.ts'
import { createExportService } from './export/export-service.ts'
import type { ExportService } from './export/export-service.ts'
import { createExportSources } from './export-sources.ts'
import { cancelledError, currentLookupSignal, withLookupSignal } from './http/cancellation.ts'
import type { HttpClient, HttpClientOptions } from './http/client.ts'
import { reportReachability } from './http/reachability.ts'
import { createInvoiceService } from './invoices/invoices.ts'
import { createPaymentReturns } from './invoices/payment-return.ts'
import { createPaymentService } from './invoices/payments.ts'
import { consoleSink, createLogger } from './log.ts'
import type { Logger } from './log.ts'
import { DEFAULT_PAYER_REFERENCE_TEMPLATE, payerReferenceMapper } from './payer-reference.ts'
import type { ExternalOpener, SaveDialog } from './platform/ports.ts'
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
import { audited, customerNumberFromTemplate, writeAudits } from './write-audit.ts'
import type { WriteAudit } from './write-audit.ts'

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
  /** The profile these services run for. Default: the config's. */
  profile?: ProfileKind
  /** The profile's lookup cache; null or absent: every lookup is live, nothing is kept. */
  cache?: ProfileCache | null
  /** Where writes (and exports) are recorded. Default: nowhere. */
  audit?: AuditRecorder
  /** The audit log itself, for audit exports; null or absent: those fail. */
  auditLog?: AuditLog | null
  /** Asks where an export goes. Default: refuses (the CLI writes to a given path instead). */
  saveDialog?: SaveDialog
  /** Told whether each provider call got through. Default: a tracker of these services' own. */
  connectivity?: ConnectivityTracker
}

export interface Services {
  handlers: ServiceHandlers
  /** Writes an export to a given path, no dialog (the CLI's `export --out`). */
  exportToFile: ExportService['exportToFile']
  /** Forgets held access tokens and closes the payment return listener; later calls fail with INTERNAL. */
  dispose(): Promise<void>
}

const refusingOpener: ExternalOpener = {
  async open() {
    throw new AppError('NOT_CONFIGURED', 'This console cannot open a browser here: copy the payment link instead.')
  },
}

const refusingDialog: SaveDialog = {
  async chooseSavePath() {
    throw new AppError('NOT_CONFIGURED', 'This console cannot ask where to save here: export with the command line instead.')
  },
}

const Products = z.array(Product)
const Invoices = z.array(Invoice)

export function createServices(config: ConsoleConfig, options: ServicesOptions = {}): Services {
  const logger = options.logger ?? createLogger({ sinks: [consoleSink()] })
  registerSecrets(config, logger)
  const agentSession = options.agentSession ?? fixedAgentSession(null)
  const template = options.payerReferenceTemplate ?? DEFAULT_PAYER_REFERENCE_TEMPLATE
  const payerReferenceOf = payerReferenceMapper(template)
  const clientOptions = { logger, ...(options.httpAdapter === undefined ? {} : { adapter: options.httpAdapter }) }
  const connectivity = options.connectivity ?? createConnectivityTracker()
  const watched = (client: HttpClient): HttpClient => reportReachability(client, connectivity.observe)
  let disposed = false
  const offline = notWhenCancelled(createOfflineLookups(options.cache, () => !disposed))
  const recorder = options.audit ?? noAudit
  const profile = options.profile ?? config.profile.kind
  if (options.cache && options.cache.profile !== profile) {
    throw new AppError('INTERNAL', `The ${options.cache.profile} profile's cache cannot serve the ${profile} profile.`)
  }

  const connect = config.connect === null ? null : createConnectClients(config.connect, config.http, { ...clientOptions, agentSession })
  const connectApi = connect === null ? null : watched(connect.api)
  const customers = connectApi === null ? null : createCustomerService(connectApi, { logger, payerReferenceOf })
  const invoices = connectApi === null ? null : createInvoiceService(connectApi, { logger })
  const returns = createPaymentReturns(options.paymentReturnHost === undefined ? {} : { host: options.paymentReturnHost })
  const payments =
    config.connect === null || connect === null
      ? null
      : createPaymentService({ api: watched(connect.agentApi), connect: config.connect, returns, opener: options.opener ?? refusingOpener })

  const swedbankPayConfig = config.swedbankPay
  const payerApi =
    swedbankPayConfig === null ? null : createPayerApi(watched(createSwedbankPayClient(swedbankPayConfig, config.http, clientOptions)), { logger })
  const paymentOrderTokens =
    swedbankPayConfig === null
      ? null
      : createPaymentOrderTokenApi(
          watched(createSwedbankPayClient(swedbankPayConfig, config.http, { ...clientOptions, jsonContentType: LEGACY_DELETE_CONTENT_TYPE })),
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
  const tokens = createTokenService({ adapters, swedbankPay, paymentOrderTokens, payerReferenceOf, offline, logger })

  const live = async <T>(run: () => Promise<T>): Promise<T> => {
    if (disposed) throw new AppError('INTERNAL', 'The console services have been shut down.')
    return run()
  }
  let generation = { controller: new AbortController(), inFlight: 0 }
  /** A read the agent may walk away from: its GETs take the generation's signal. */
  const lookup = <T>(run: () => Promise<T>): Promise<T> =>
    live(async () => {
      const mine = generation
      mine.inFlight += 1
      try {
        const answer = await withLookupSignal(mine.controller.signal, run)
        // Whatever came back after the cancel (a per-provider failure, a late answer) is not for anyone.
        if (mine.controller.signal.aborted) throw cancelledError()
        return answer
      } catch (error) {
        if (!mine.controller.signal.aborted || (isAppError(error) && error.code === 'CANCELLED')) throw error
        throw cancelledError()
      } finally {
        mine.inFlight -= 1
      }
    })
  /** A write: checked for an acting agent before anything else happens, and audited. */
  const write = <T>(action: string, entry: WriteAudit<T>, run: (actor: Agent) => Promise<T>): Promise<T> =>
    live(() => {
      const actor = agentSession.current()
      if (actor === null) throw new AppError('AUTH_REQUIRED', `Sign in to ${action}.`)
      return audited(recorder, actor.userId, entry, () => run(actor))
    })
  const need = <T>(service: T | null): T => {
    if (service === null) throw new AppError('NOT_CONFIGURED', 'Connect is not configured in this profile.', { provider: 'connect' })
    return service
  }
  const audits = writeAudits(customerNumberFromTemplate(template))

  const lookups = {
    async customer(customerNumber: string) {
      const spec = { kind: 'customer', key: customerNumber, customerNumber, schema: Customer } as const
      const looked = await offline.lookup(spec, () => need(customers).get(customerNumber))
      return { ...looked.value, cachedAt: looked.cachedAt }
    },
    async invoices(request: Parameters<ServiceHandlers['invoices:list']>[0]) {
      const spec = { kind: 'invoices', key: cacheKeys.invoices(request), customerNumber: request.customerNumber, schema: Invoices } as const
      const looked = await offline.lookup(spec, () => need(invoices).listInvoices(request))
      return { invoices: looked.value, cachedAt: looked.cachedAt }
    },
    tokens: (request: Parameters<ServiceHandlers['tokens:list']>[0]) => tokens.listTokens(request),
    search: (query: string) => need(customers).search(query),
    cache: options.cache ?? null,
    auditLog: options.auditLog ?? null,
  }
  const exports = createExportService({
    sources: createExportSources(lookups),
    dialog: options.saveDialog ?? refusingDialog,
    audit: recorder,
    agent: () => agentSession.current()?.userId ?? null,
    logger,
  })

  const handlers: ServiceHandlers = {
    'app:info': () => live(async () => appInfo(config, adapters)),
    'app:connectivity': () => live(async () => connectivity.snapshot()),
    'app:cancelLookups': () =>
      live(async () => {
        const ended = generation
        generation = { controller: new AbortController(), inFlight: 0 }
        ended.controller.abort()
        return { cancelled: ended.inFlight }
      }),
    // Search text is never a cache key, and a search is not a lookup for the cache: never cached.
    'customers:search': ({ query }) => lookup(() => lookups.search(query)),
    'customers:get': ({ customerNumber }) => lookup(() => lookups.customer(customerNumber)),
    'tokens:list': (request) => lookup(() => lookups.tokens(request)),
    'tokens:archive': (request) => write('archive a token', audits.archive(request), (actor) => tokens.archiveToken(request, actor)),
    'tokens:archiveAll': (request) =>
      write("archive a payer's tokens", audits.archiveAll(request), (actor) => tokens.archiveAll(request, actor)),
    'tokens:rename': (request) => write('rename a token', audits.rename(request), (actor) => tokens.rename(request, actor)),
    'tokens:remove': (request) => write('remove a token', audits.remove(request), (actor) => tokens.remove(request, actor)),
    'tokens:legacyDelete': (request) => write('delete a token', audits.legacyDelete(request), (actor) => tokens.legacyDelete(request, actor)),
    'products:list': () =>
      lookup(async () => {
        const spec = { kind: 'products', key: cacheKeys.products, customerNumber: null, schema: Products } as const
        return (await offline.lookup(spec, () => need(invoices).listProducts())).value
      }),
    'invoices:list': (request) => lookup(() => lookups.invoices(request)),
    'invoices:pay': (request) =>
      write('pay an invoice', audits.pay(request), async (actor) => {
        const started = await need(payments).pay(request)
        logger.info('invoice payment started', { agent: actor.userId, paymentMethod: request.paymentMethod })
        return started
      }),
    'invoices:openPaymentLink': ({ transactionId }) => live(() => need(payments).openPaymentLink(transactionId)),
    'invoices:paymentResult': ({ transactionId, waitMs }) => live(() => need(payments).result(transactionId, waitMs ?? 0)),
    'exports:csv': (request) => live(() => exports.exportCsv(request)),
    'exports:progress': ({ exportId }) => live(async () => exports.progress(exportId)),
  }

  return {
    handlers,
    exportToFile: (request, path) => live(() => exports.exportToFile(request, path)),
    async dispose() {
      disposed = true
      connect?.tokens.invalidate()
      await returns.close()
    },
  }
}

/** A lookup answer that arrives once its lookup was cancelled is not stored (nor read as a failure to reach). */
function notWhenCancelled(offline: OfflineLookups): OfflineLookups {
  return {
    lookup(spec, run) {
      const signal = currentLookupSignal()
      return offline.lookup(spec, async () => {
        const value = await run()
        if (signal?.aborted) throw cancelledError()
        return value
      })
    },
  }
}

function registerSecrets(config: ConsoleConfig, logger: Logger): void {
  logger.addSecret(config.connect?.clientSecret)
  logger.addSecret(config.swedbankPay?.accessToken)
}
