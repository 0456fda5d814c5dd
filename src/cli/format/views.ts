/** The columns of each kind of record the CLI prints. CSV headers are the contract's own field names. */
import type { z } from 'zod'
import { Customer, Invoice, PaymentToken } from '../../shared/domain.ts'
import type { View } from './render.ts'

const fieldsOf = <S extends z.ZodObject>(schema: S) => Object.keys(schema.shape) as (keyof z.output<S> & string)[]

export const customerView: View<Customer> = {
  fields: fieldsOf(Customer),
  table: ['customerNumber', 'firstName', 'lastName', 'companyName', 'emails', 'phoneNumbers', 'payerReference'],
}

export const tokenView: View<PaymentToken> = {
  fields: fieldsOf(PaymentToken),
  table: ['provider', 'token', 'tokenType', 'state', 'displayName', 'instrument', 'cardBrand', 'expiry', 'archiveReason'],
}

export const invoiceView: View<Invoice> = {
  fields: fieldsOf(Invoice),
  table: ['invoiceNumber', 'productCode', 'companyCode', 'invoiceDate', 'dueDate', 'amount', 'paidAmount', 'status'],
}
