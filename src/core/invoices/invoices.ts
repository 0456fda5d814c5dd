/**
 * Products and invoices from Connect, client mode: the product catalogue, and a customer's invoices
 * for one product (optionally between two dates).
 */
import type { ParsedRequestOf } from '../../shared/contract.ts'
import type { Invoice, Product } from '../../shared/domain.ts'
import { connectEndpoints } from '../connect/endpoints.ts'
import type { HttpClient } from '../http/client.ts'
import type { Logger } from '../log.ts'
import { invoiceListReader, productListReader } from './invoice-reader.ts'

export interface InvoiceService {
  listProducts(): Promise<Product[]>
  listInvoices(request: ParsedRequestOf<'invoices:list'>): Promise<Invoice[]>
}

export function createInvoiceService(api: HttpClient, options: { logger?: Logger } = {}): InvoiceService {
  const kept = <T>(what: string, read: { items: T[]; skipped: number }): T[] => {
    if (read.skipped > 0) options.logger?.warn(`${what}: skipped unreadable entries`, { skipped: read.skipped })
    return read.items
  }
  return {
    async listProducts() {
      return kept('products', await api.send({ endpoint: connectEndpoints.products }, productListReader))
    },
    async listInvoices({ customerNumber, productCode, from, to }) {
      const query = { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) }
      const read = await api.send(
        {
          endpoint: connectEndpoints.invoicesForProduct,
          params: { customerNumber, productCode },
          ...(Object.keys(query).length === 0 ? {} : { query }),
          subject: `invoices of customer ${customerNumber} for ${productCode}`,
        },
        invoiceListReader({ customerNumber, productCode }),
      )
      return kept('invoices', read)
    },
  }
}
