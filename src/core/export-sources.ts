/**
 * Where an export's rows come from: the very lookups the views make (tokens and invoices live, or
 * cached when the provider cannot be reached; customers from Connect's search, one customer, or the
 * Recent lookups), and the audit log read lazily. A token export with a provider that failed outright
 * fails, rather than write a file that silently lacks that provider's tokens.
 */
import type { ParsedRequestOf } from '../shared/contract.ts'
import type { Customer, CustomerLookup, Invoice, InvoiceListing, TokenListing } from '../shared/domain.ts'
import { AppError } from '../shared/errors.ts'
import type { AuditLog } from './audit/types.ts'
import type { ProfileCache } from './cache/profile-cache.ts'
import type { ExportRowSources } from './export/export-service.ts'

export interface ExportLookups {
  tokens(request: ParsedRequestOf<'tokens:list'>): Promise<TokenListing>
  invoices(request: ParsedRequestOf<'invoices:list'>): Promise<InvoiceListing>
  customer(customerNumber: string): Promise<CustomerLookup>
  search(query: string): Promise<Customer[]>
  cache: ProfileCache | null
  auditLog: AuditLog | null
}

/** Every cached customer there can be (the cache's largest size cap). */
const ALL_RECENT = 200_000

export function createExportSources(lookups: ExportLookups): ExportRowSources {
  return {
    async tokens({ customerNumber, payerReference, includeArchived }) {
      if (customerNumber === undefined && payerReference === undefined) {
        throw new AppError('VALIDATION', 'A token export needs a customerNumber or a payerReference.')
      }
      const listing = await lookups.tokens({
        ...(customerNumber === undefined ? {} : { customerNumber }),
        ...(payerReference === undefined ? {} : { payerReference }),
        ...(includeArchived === undefined ? {} : { includeArchived }),
      })
      const failed = listing.providers.find((status) => status.status === 'failed')
      if (failed?.error !== undefined) {
        const { code, message, httpStatus } = failed.error
        // The family that failed (klarna, …), not only the API behind it: that is what the agent sees in the table.
        throw new AppError(code, `${message} Nothing was exported.`, { provider: failed.provider, ...(httpStatus === undefined ? {} : { httpStatus }) })
      }
      return listing.tokens
    },

    async invoices({ customerNumber, productCode }): Promise<Invoice[]> {
      return (await lookups.invoices({ customerNumber, productCode })).invoices
    },

    async customers(source) {
      if (source.from === 'recent') return (lookups.cache?.recentCustomers(source.query, ALL_RECENT) ?? []).map((entry) => entry.customer)
      if (source.from === 'search') {
        if (source.query === undefined) throw new AppError('VALIDATION', 'A customer search export needs a query.')
        return lookups.search(source.query)
      }
      if (source.customerNumber === undefined) throw new AppError('VALIDATION', 'A customer export needs a customerNumber.')
      const { cachedAt: _cachedAt, ...customer } = await lookups.customer(source.customerNumber)
      return [customer]
    },

    audit(filter) {
      const log = lookups.auditLog
      if (log === null) throw new AppError('INTERNAL', 'The audit log is not available; details are in the log.')
      return { total: log.count(filter), rows: log.iterate(filter) }
    },
  }
}
