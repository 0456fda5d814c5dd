/**
 * Which Swedbank Pay payerReference a Connect customer maps to: the profile's template with
 * `{customerNumber}` replaced (default: the customer number itself). The one place that knows the
 * mapping; customers and tokens both ask it.
 */
import { PayerReferenceTemplate } from '../shared/domain.ts'
import { AppError } from '../shared/errors.ts'

export type PayerReferenceMapper = (customerNumber: string) => string

export const DEFAULT_PAYER_REFERENCE_TEMPLATE = '{customerNumber}'
const PLACEHOLDER = '{customerNumber}'

export function payerReferenceMapper(template: string = DEFAULT_PAYER_REFERENCE_TEMPLATE): PayerReferenceMapper {
  const parsed = PayerReferenceTemplate.safeParse(template)
  if (!parsed.success) {
    throw new AppError('VALIDATION', 'The payerReference template must be 1 to 50 characters and contain {customerNumber}.')
  }
  const parts = parsed.data.split(PLACEHOLDER)
  return (customerNumber) => parts.join(customerNumber)
}

/** The default mapping (the customer number itself). */
export const payerReferenceFor: PayerReferenceMapper = payerReferenceMapper()
