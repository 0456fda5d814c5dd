/**
 * Tolerant reader from Connect's customer JSON to the domain Customer. Unknown fields are ignored;
 * customerNumber may be an int or a digit string; names may sit in `name{}` (customer info) or at
 * the top level (profile's companyName); phone numbers may be `[{phoneNumber}]` or plain strings.
 */
import { z } from 'zod'
import type { Customer } from '../../shared/domain.ts'
import { readEach, wireText } from '../http/wire.ts'
import { payerReferenceFor } from '../payer-reference.ts'
import type { PayerReferenceMapper } from '../payer-reference.ts'

const text = wireText

const customerNumber = z.union([
  z.number().int().nonnegative().max(999_999_999_999).transform(String),
  z.string().trim().regex(/^\d{1,12}$/),
])

/** A list of strings, or of objects holding the string under one of `keys`; anything else is skipped. */
const textList = (...keys: string[]) =>
  z.unknown().optional().transform((value): string[] => {
    if (!Array.isArray(value)) return []
    const out: string[] = []
    for (const item of value) {
      const raw: unknown =
        item !== null && typeof item === 'object' ? keys.map((key) => (item as Record<string, unknown>)[key]).find((v) => v != null) : item
      const parsed = text.parse(raw)
      if (parsed !== null && !out.includes(parsed)) out.push(parsed)
    }
    return out
  })

const Name = z.looseObject({ firstName: text, middleName: text, lastName: text, companyName: text })

const CustomerFields = z.looseObject({
  customerNumber,
  name: Name.nullish(),
  firstName: text,
  middleName: text,
  lastName: text,
  companyName: text,
  phoneNumbers: textList('phoneNumber', 'number'),
  emails: textList('email', 'emailAddress'),
})

/** The readers of one customer and of a search result, with the profile's payerReference mapping. */
export function customerReaders(payerReferenceOf: PayerReferenceMapper) {
  const customer = CustomerFields.transform(
    (wire): Customer => ({
      customerNumber: wire.customerNumber,
      firstName: wire.name?.firstName ?? wire.firstName,
      middleName: wire.name?.middleName ?? wire.middleName,
      lastName: wire.name?.lastName ?? wire.lastName,
      companyName: wire.name?.companyName ?? wire.companyName,
      emails: wire.emails,
      phoneNumbers: wire.phoneNumbers,
      payerReference: payerReferenceOf(wire.customerNumber),
    }),
  )
  /** Search answers `{customers:[CUSTOMER]}` (assumed) or a bare array; items that do not read are skipped. */
  const list = z
    .union([z.looseObject({ customers: z.array(z.unknown()) }).transform((wire) => wire.customers), z.array(z.unknown())])
    .transform((items) => {
      const { items: customers, skipped } = readEach(items, customer)
      return { customers, skipped }
    })
  return { customer, list }
}

const defaultReaders = customerReaders(payerReferenceFor)
/** With the default mapping (payerReference = customer number). */
export const CustomerWire = defaultReaders.customer
export const CustomerListWire = defaultReaders.list
