/**
 * Connect customer lookups in client mode. The real paths are not public; these are the project's
 * assumptions (see the endpoint table in src/core), kept exactly:
 *   GET /capi/v1/client/customer/search?query=<text>  -> {customers:[CUSTOMER…]}
 *   GET /capi/v1/client/customer/<customerNumber>      -> CUSTOMER
 * CUSTOMER is the shape of Connect's documented "List customer info".
 */
import type { DemoCustomer } from '../data/index.ts'
import { ClientError } from '../http/reply.ts'
import type { Reply } from '../http/reply.ts'
import type { RequestContext, Route } from '../http/router.ts'
import { connectError, connectReply } from './respond.ts'

export const MAX_SEARCH_RESULTS = 50
export const MAX_QUERY_LENGTH = 100

export function customerView(customer: DemoCustomer) {
  return {
    customerNumber: customer.customerNumber,
    name: {
      firstName: customer.firstName,
      middleName: customer.middleName,
      lastName: customer.lastName,
      companyName: customer.companyName,
      departmentName: customer.departmentName,
    },
    phoneNumbers: customer.phoneNumbers.map((phoneNumber) => ({ phoneNumber, phoneNumberType: 'personal' })),
    emails: [...customer.emails],
    invoiceEmailAddress: customer.invoiceEmailAddress,
  }
}

const fold = (text: string): string => text.normalize('NFC').toLocaleLowerCase('nb')
const digitsOf = (text: string): string => text.replace(/\D/g, '')

/** Case-insensitive match on the full name, company, e-mail, phone (digits only) or customer number. */
function matches(customer: DemoCustomer, query: string): boolean {
  const needle = fold(query)
  const name = [customer.firstName, customer.middleName, customer.lastName, customer.companyName].filter(Boolean).join(' ')
  const queryDigits = digitsOf(query)
  return (
    fold(name).includes(needle) ||
    customer.emails.some((email) => fold(email).includes(needle)) ||
    String(customer.customerNumber).includes(needle) ||
    (queryDigits.length >= 4 && queryDigits.length === query.replace(/[\s+()-]/g, '').length &&
      customer.phoneNumbers.some((phone) => digitsOf(phone).includes(queryDigits)))
  )
}

function search(ctx: RequestContext): Reply {
  const query = (ctx.query.get('query') ?? '').trim()
  if (query === '') throw new ClientError(400, 'The query parameter "query" is required')
  if (query.length > MAX_QUERY_LENGTH) throw new ClientError(400, `The query must be at most ${MAX_QUERY_LENGTH} characters`)
  const found = ctx.state.data.customers.filter((customer) => matches(customer, query)).slice(0, MAX_SEARCH_RESULTS)
  return connectReply(ctx, 200, { customers: found.map(customerView) }, 'customers')
}

function info(ctx: RequestContext): Reply {
  const raw = ctx.params.customerNumber ?? ''
  if (!/^[0-9]{1,12}$/.test(raw)) throw new ClientError(400, 'The customer number must be 1 to 12 digits')
  const customerNumber = Number(raw)
  const customer = ctx.state.data.customers.find((candidate) => candidate.customerNumber === customerNumber)
  if (!customer) return connectError(ctx, 404, 'CustomerNotFound', `Customer ${customerNumber} not found`)
  return connectReply(ctx, 200, customerView(customer), 'customer')
}

/** The search route comes first: "search" is not a customer number. */
export const customerRoutes: readonly Route[] = [
  { method: 'GET', pattern: '/capi/v1/client/customer/search', handle: search },
  { method: 'GET', pattern: '/capi/v1/client/customer/:customerNumber', handle: info },
]
