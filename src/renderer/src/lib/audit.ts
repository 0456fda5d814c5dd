/** How the audit log reads to an agent. Pure, no Vue. */
import { AUDIT_ACTIONS } from '../../../shared/export-columns.ts'
import type { AuditAction } from '../../../shared/export-columns.ts'
import type { AuditFilter } from '../../../shared/records.ts'
import { t } from '../i18n.ts'

/** An audit action in the agent's language ("token.archive" → audit.actions.token.archive); unknown ones as recorded. */
export function auditActionLabel(action: string): string {
  return (AUDIT_ACTIONS as readonly string[]).includes(action) ? t(`audit.actions.${action as AuditAction}`) : action
}

/** The audit filter as the form holds it: every field a string, '' for "any". */
export interface AuditFilterForm {
  action: string
  agent: string
  customer: string
  outcome: string
  from: string
  to: string
}

export const EMPTY_AUDIT_FORM: Readonly<AuditFilterForm> = { action: '', agent: '', customer: '', outcome: '', from: '', to: '' }

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** The contract's filter for a form (only the fields set), or why the form cannot be asked yet. */
export function toAuditFilter(form: AuditFilterForm): { filter: AuditFilter; problem: null } | { filter: null; problem: string } {
  const filter: AuditFilter = {}
  const action = AUDIT_ACTIONS.find((candidate) => candidate === form.action)
  if (action !== undefined) filter.action = action
  const agent = form.agent.trim()
  if (agent.length > 0) filter.agent = agent.slice(0, 100)
  const customer = form.customer.trim()
  if (customer.length > 0) {
    if (!/^[0-9]{1,12}$/.test(customer)) return { filter: null, problem: t('audit.badCustomer') }
    filter.customerNumber = customer
  }
  if (form.outcome === 'ok' || form.outcome === 'failed') filter.outcome = form.outcome
  if (DATE.test(form.from)) filter.from = form.from
  if (DATE.test(form.to)) filter.to = form.to
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to) {
    return { filter: null, problem: t('audit.badRange') }
  }
  return { filter, problem: null }
}

/** The form that shows a filter (coming back to the view). */
export function toAuditForm(filter: AuditFilter): AuditFilterForm {
  return {
    action: filter.action ?? '',
    agent: filter.agent ?? '',
    customer: filter.customerNumber ?? '',
    outcome: filter.outcome ?? '',
    from: filter.from ?? '',
    to: filter.to ?? '',
  }
}
