/**
 * Customer lookups in Connect, client mode: search by free text, and one customer by number.
 * Both paths are assumptions (see endpoints.ts); the reader is tolerant of their exact shape.
 */
import type { Customer } from '../../shared/domain.ts'
import type { HttpClient } from '../http/client.ts'
import type { Logger } from '../log.ts'
import { payerReferenceFor } from '../payer-reference.ts'
import type { PayerReferenceMapper } from '../payer-reference.ts'
import { customerReaders } from './customer-reader.ts'
import { connectEndpoints } from './endpoints.ts'

export interface CustomerService {
  search(query: string): Promise<Customer[]>
  get(customerNumber: string): Promise<Customer>
}

export function createCustomerService(
  api: HttpClient,
  options: { logger?: Logger; payerReferenceOf?: PayerReferenceMapper } = {},
): CustomerService {
  const readers = customerReaders(options.payerReferenceOf ?? payerReferenceFor)
  return {
    async search(query) {
      const { customers, skipped } = await api.send(
        { endpoint: connectEndpoints.customerSearch, query: { query } },
        readers.list,
      )
      if (skipped > 0) options.logger?.warn('customer search: skipped unreadable entries', { skipped })
      return customers
    },
    async get(customerNumber) {
      return api.send(
        {
          endpoint: connectEndpoints.customerInfo,
          params: { customerNumber },
          subject: `customer ${customerNumber}`,
        },
        readers.customer,
      )
    },
  }
}
