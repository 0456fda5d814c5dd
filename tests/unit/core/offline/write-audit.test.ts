/**
 * Every write the services make is audited, ok or failed with its error code, through the real path:
 * real HTTP to the sandbox, a real node:sqlite audit log. Tokens are masked; the agent's reason,
 * comment and display name never reach the log.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openAuditLog } from '../../../../src/core/audit/audit-log.ts'
import { createAuditRecorder } from '../../../../src/core/audit/recorder.ts'
import { silentLogger } from '../../../../src/core/log.ts'
import { customerNumberFromTemplate } from '../../../../src/core/write-audit.ts'
import { SHOWCASE_TOKENS } from '../../../../src/sandbox/index.ts'
import type { AuditEntry } from '../../../../src/shared/records.ts'
import { TEST_AGENT, core, useCoreOnSandbox } from '../support/sandbox.ts'

const dir = mkdtempSync(join(tmpdir(), 'write-audit-'))
const log = openAuditLog({ file: join(dir, 'audit.sqlite') })
afterAll(() => {
  log.close()
  rmSync(dir, { recursive: true, force: true })
})
useCoreOnSandbox({ services: { audit: createAuditRecorder(log, { profile: () => 'sandbox', logger: silentLogger() }), auditLog: log } })

const KLARNA_TOKEN = '0b1d9815-165e-42e2-8867-35bc03789e00'
const REASON = 'Kunden ringte og ba om det'
const DISPLAY_NAME = 'Karis private Visa'

/** The entries written by `run`, oldest first. */
async function entriesOf(run: () => Promise<unknown>): Promise<AuditEntry[]> {
  const before = log.count({})
  await run()
  return log.list({}, { limit: 100 }).entries.slice(0, log.count({}) - before).reverse()
}
const auditBytes = () => Buffer.concat(readdirSync(dir).map((name) => readFileSync(join(dir, name))))
const base = { agent: TEST_AGENT.userId, profile: 'sandbox', errorCode: null }

describe('audited writes', () => {
  it('archive: ok with customer, provider, masked token and token type; never the reason', async () => {
    const entries = await entriesOf(() =>
      core.call('tokens:archive', { provider: 'swedbankpay', payerReference: '100001', token: SHOWCASE_TOKENS.kariVisaRecurrence, tokenType: 'Recurrence', reason: REASON }),
    )
    expect(entries).toEqual([
      {
        ...base,
        id: expect.any(Number),
        at: expect.any(String),
        action: 'token.archive',
        customerNumber: '100001',
        provider: 'swedbankpay',
        token: '****0001',
        outcome: 'ok',
        detail: 'tokenType=Recurrence',
      },
    ])
    expect(core.sandbox.state.data.payerTokens.find((t) => t.token === SHOWCASE_TOKENS.kariVisaRecurrence)?.state).toBe('Archived')
    expect(auditBytes().includes(REASON)).toBe(false)
    expect(auditBytes().includes(SHOWCASE_TOKENS.kariVisaRecurrence)).toBe(false)
  })

  it('archive failures: NOT_FOUND and CONFLICT, recorded as failed with the code', async () => {
    const entries = await entriesOf(async () => {
      await core.call('tokens:archive', { provider: 'swedbankpay', payerReference: '100001', token: '00000000-0000-4000-8000-000000000000', tokenType: 'Payment', reason: REASON })
      await core.call('tokens:archive', { provider: 'swedbankpay', payerReference: '100001', token: SHOWCASE_TOKENS.kariArchivedMasterCard, tokenType: 'Payment', reason: REASON })
    })
    expect(entries.map((e) => [e.action, e.outcome, e.errorCode, e.token])).toEqual([
      ['token.archive', 'failed', 'NOT_FOUND', '****0000'],
      ['token.archive', 'failed', 'CONFLICT', '****0003'],
    ])
  })

  it('archive all, rename, remove, legacy deletes: each one entry with its detail; no display name, no comment', async () => {
    let payerOwnedCount: number | null = null
    const entries = await entriesOf(async () => {
      await core.call('tokens:rename', { provider: 'swedbankpay', token: SHOWCASE_TOKENS.kariVisaRecurrence, tokenType: 'Recurrence', displayName: DISPLAY_NAME })
      await core.call('tokens:remove', { provider: 'klarna', customerNumber: '100001', token: KLARNA_TOKEN })
      await core.call('tokens:legacyDelete', { kind: 'unscheduled', token: SHOWCASE_TOKENS.kariTrustlyUnscheduled, comment: REASON })
      const payerOwned = await core.call('tokens:legacyDelete', { kind: 'payerOwned', payerReference: '100001', comment: REASON })
      payerOwnedCount = payerOwned.ok ? payerOwned.data.count : null
      await core.call('tokens:archiveAll', { provider: 'swedbankpay', payerReference: '100002', reason: REASON })
    })
    expect(entries.map(({ action, customerNumber, provider, token, outcome, detail }) => ({ action, customerNumber, provider, token, outcome, detail }))).toEqual([
      { action: 'token.rename', customerNumber: null, provider: 'swedbankpay', token: '****0001', outcome: 'ok', detail: 'tokenType=Recurrence' },
      { action: 'token.remove', customerNumber: '100001', provider: 'klarna', token: '****9e00', outcome: 'ok', detail: null },
      { action: 'token.legacyDelete', customerNumber: null, provider: 'swedbankpay', token: '****0002', outcome: 'ok', detail: 'kind=unscheduled' },
      { action: 'token.legacyDelete', customerNumber: '100001', provider: 'swedbankpay', token: null, outcome: 'ok', detail: `kind=payerOwned tokens=${payerOwnedCount}` },
      { action: 'token.archiveAll', customerNumber: '100002', provider: 'swedbankpay', token: null, outcome: 'ok', detail: 'tokens=1' },
    ])
    expect(payerOwnedCount).toBeGreaterThan(0)
    const bytes = auditBytes()
    for (const text of [DISPLAY_NAME, REASON, KLARNA_TOKEN, SHOWCASE_TOKENS.kariTrustlyUnscheduled]) expect(bytes.includes(text), text).toBe(false)
  })

  it('pay: ok with method, invoice and product; a 503 is failed OUTCOME_UNKNOWN', async () => {
    const request = { customerNumber: '100001', invoiceNumber: '7435368', productCode: 'AP001', companyCode: '68979834', paymentMethod: 'nexi' } as const
    const ok = await entriesOf(() => core.call('invoices:pay', request))
    expect(ok).toMatchObject([
      { ...base, action: 'invoice.pay', customerNumber: '100001', provider: 'connect', outcome: 'ok', detail: 'paymentMethod=nexi invoice=7435368 product=AP001' },
    ])
    await core.fault({ route: 'POST /capi/v1/api/payment/invoice', status: 503 })
    const failed = await entriesOf(() => core.call('invoices:pay', request))
    expect(failed).toMatchObject([{ action: 'invoice.pay', outcome: 'failed', errorCode: 'OUTCOME_UNKNOWN' }])
  })

  it('a write refused for want of a signed-in agent sends nothing and records nothing', async () => {
    core.actAs(null)
    const entries = await entriesOf(() => core.call('tokens:remove', { provider: 'klarna', customerNumber: '100001', token: KLARNA_TOKEN }))
    expect(entries).toEqual([])
  })
})

describe('customerNumberFromTemplate', () => {
  it('inverts the payerReference template; anything else is no customer number', () => {
    expect(customerNumberFromTemplate('{customerNumber}')('100001')).toBe('100001')
    expect(customerNumberFromTemplate('NO-{customerNumber}-x')('NO-100001-x')).toBe('100001')
    expect(customerNumberFromTemplate('NO-{customerNumber}')('SE-100001')).toBeNull()
    expect(customerNumberFromTemplate('{customerNumber}')('kari@example.test')).toBeNull()
  })
})
