/**
 * The audit entry of each write a service makes (archive, archive all, rename, remove, legacy delete,
 * pay; the runtime's sign-out and profile changes run through `audited` too): who, which customer, provider and token (raw here: the audit log masks it), ok or failed with the
 * error code, and a structured detail. Never the agent's reason or comment, never a display name, never
 * a payerReference (it may be an email): only a customer number derived from it by the profile's template.
 */
import type { ParsedRequestOf } from '../shared/contract.ts'
import { isAppError } from '../shared/errors.ts'
import type { ErrorCode } from '../shared/errors.ts'
import type { AuditAction } from '../shared/records.ts'
import type { AuditRecorder } from './audit/types.ts'

/** What is known of a write before it runs, and what its result adds to the detail. */
export interface WriteAudit<T> {
  action: AuditAction
  customerNumber?: string | null
  provider?: string | null
  token?: string | null
  detail?: string | null
  detailOf?: (result: T) => string
}

/** Runs the write and records its outcome; the write's result or error is passed on unchanged. */
export async function audited<T>(recorder: AuditRecorder, agent: string | null, entry: WriteAudit<T>, run: () => Promise<T>): Promise<T> {
  const { detailOf, ...known } = entry
  const base = { agent, customerNumber: null, provider: null, token: null, detail: null, ...known }
  try {
    const result = await run()
    const more = detailOf?.(result)
    recorder.record({ ...base, outcome: 'ok', errorCode: null, detail: joined(base.detail, more) })
    return result
  } catch (error) {
    recorder.record({ ...base, outcome: 'failed', errorCode: errorCodeOf(error) })
    throw error
  }
}

/** The code an audit entry gives a failure: the AppError's own, else INTERNAL. */
export function errorCodeOf(error: unknown): ErrorCode {
  return isAppError(error) ? error.code : 'INTERNAL'
}

/** The customer number a payerReference stands for under the profile's template, when it is one. */
export type CustomerNumberOf = (payerReference: string) => string | null

export function customerNumberFromTemplate(template: string): CustomerNumberOf {
  const [prefix = '', suffix = ''] = template.split('{customerNumber}')
  return (payerReference) => {
    if (!payerReference.startsWith(prefix) || !payerReference.endsWith(suffix)) return null
    const middle = payerReference.slice(prefix.length, payerReference.length - suffix.length)
    return /^[0-9]{1,12}$/.test(middle) ? middle : null
  }
}

type Counted = { count: number | null }

/** The audit entry of each write channel's request. */
export function writeAudits(customerOf: CustomerNumberOf) {
  return {
    archive: (r: ParsedRequestOf<'tokens:archive'>): WriteAudit<unknown> => ({
      action: 'token.archive',
      provider: r.provider,
      customerNumber: customerOf(r.payerReference),
      token: r.token,
      detail: `tokenType=${r.tokenType}`,
    }),
    archiveAll: (r: ParsedRequestOf<'tokens:archiveAll'>): WriteAudit<unknown[]> => ({
      action: 'token.archiveAll',
      provider: r.provider,
      customerNumber: customerOf(r.payerReference),
      detailOf: (archived) => `tokens=${archived.length}`,
    }),
    rename: (r: ParsedRequestOf<'tokens:rename'>): WriteAudit<unknown> => ({
      action: 'token.rename',
      provider: r.provider,
      token: r.token,
      detail: `tokenType=${r.tokenType}`,
    }),
    remove: (r: ParsedRequestOf<'tokens:remove'>): WriteAudit<unknown> => ({
      action: 'token.remove',
      provider: r.provider,
      customerNumber: r.customerNumber,
      token: r.token,
    }),
    legacyDelete: (r: ParsedRequestOf<'tokens:legacyDelete'>): WriteAudit<Counted> => ({
      action: 'token.legacyDelete',
      provider: 'swedbankpay',
      customerNumber: r.kind === 'payerOwned' ? customerOf(r.payerReference) : null,
      token: r.kind === 'payerOwned' ? null : r.token,
      detail: `kind=${r.kind}`,
      detailOf: ({ count }) => (count === null ? '' : `tokens=${count}`),
    }),
    pay: (r: ParsedRequestOf<'invoices:pay'>): WriteAudit<unknown> => ({
      action: 'invoice.pay',
      provider: 'connect',
      customerNumber: r.customerNumber ?? null,
      detail: `paymentMethod=${r.paymentMethod} invoice=${r.invoiceNumber} product=${r.productCode}`,
    }),
  }
}

function joined(...parts: (string | null | undefined)[]): string | null {
  const kept = parts.filter((part): part is string => typeof part === 'string' && part !== '')
  return kept.length === 0 ? null : kept.join(' ')
}
