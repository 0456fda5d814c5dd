/**
 * Which Swedbank Pay payerReference a Connect customer maps to. Today: the customer number itself.
 * The one place to change when a media house stores its payers under another reference
 * (a prefix, a company code...); it becomes configurable per profile later.
 */
export function payerReferenceFor(customerNumber: string): string {
  return customerNumber
}
