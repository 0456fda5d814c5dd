/**
 * Tolerant reader from Connect's customer JSON to the domain Customer. Unknown fields are ignored;
 * customerNumber may be an int or a digit string; names may sit in `name{}` (customer info) or at
 * the top level (profile's companyName); phone numbers may be `[{phoneNumber}]` or plain strings.
 */
import { z } from 'zod'
import type { Customer } from '../../shared/domain.ts'
import { payerReferenceFor } from '../payer-reference.ts'

const text = z.unknown().optional().transform((value): string | null => {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
})

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

export const CustomerWire = z
  .looseObject({
    customerNumber,
    name: Name.nullish(),
    firstName: text,
    middleName: text,
    lastName: text,
    companyName: text,
    phoneNumbers: textList('phoneNumber', 'number'),
    emails: textList('email', 'emailAddress'),
  })
  .transform(
    (wire): Customer => ({
      customerNumber: wire.customerNumber,
      firstName: wire.name?.firstName ?? wire.firstName,
      middleName: wire.name?.middleName ?? wire.middleName,
      lastName: wire.name?.lastName ?? wire.lastName,
      companyName: wire.name?.companyName ?? wire.companyName,
      emails: wire.emails,
      phoneNumbers: wire.phoneNumbers,
      payerReference: payerReferenceFor(wire.customerNumber),
    }),
  )

/** Search answers `{customers:[CUSTOMER]}` (assumed) or a bare array; items that do not read are skipped. */
export const CustomerListWire = z
  .union([z.looseObject({ customers: z.array(z.unknown()) }).transform((wire) => wire.customers), z.array(z.unknown())])
  .transform((items) => {
    const customers: Customer[] = []
    let skipped = 0
    for (const item of items) {
      const parsed = CustomerWire.safeParse(item)
      if (parsed.success) customers.push(parsed.data)
      else skipped += 1
    }
    return { customers, skipped }
  })
