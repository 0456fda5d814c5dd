/**
 * `audit:reveal` through the runtime and the real dispatcher on real node:sqlite files: a reveal is an
 * audit entry (field, customer, provider, the token masked, the agent), and a reveal that cannot be
 * written fails closed (LOCAL_FILE), so the renderer keeps the value hidden.
 */
import { describe, expect, it } from 'vitest'
import type { AuditLog } from '../../../../src/core/audit/types.ts'
import { createLogger, memorySink } from '../../../../src/core/log.ts'
import { recordsHandlers } from '../../../../src/core/session-records.ts'
import type { SessionRecords } from '../../../../src/core/session-records.ts'
import { approveInBrowser, useRuntimes } from './support.ts'

const { start } = useRuntimes()

describe('audit:reveal', () => {
  it('writes one reveal entry per call: the field, the customer, the provider, the token masked, the agent', async () => {
    const t = await start()
    const pending = t.call('auth:signIn', {})
    await approveInBrowser(await t.openedUrl(/\/oauth\/authorize\?/), 'silje')
    const signedIn = await pending
    if (!signedIn.ok || signedIn.data.agent === null) throw new Error('sign-in failed')
    const agent = signedIn.data.agent.userId

    expect(await t.data('audit:reveal', { field: 'tokenId', customerNumber: '100001', provider: 'swedbankpay', token: '5a17c5c0-4f3e-4c1d-9a5e-0123456789ab' })).toEqual({ recorded: true })
    expect(await t.data('audit:reveal', { field: 'email', customerNumber: '100001' })).toEqual({ recorded: true })
    expect(await t.data('audit:reveal', { field: 'phone' })).toEqual({ recorded: true })

    const { entries } = await t.data('audit:list', { filter: { action: 'reveal' } })
    expect(entries.reverse().map(({ agent, action, customerNumber, provider, token, outcome, detail }) => ({ agent, action, customerNumber, provider, token, outcome, detail }))).toEqual([
      { agent: agent, action: 'reveal', customerNumber: '100001', provider: 'swedbankpay', token: '****89ab', outcome: 'ok', detail: 'field=tokenId' },
      { agent: agent, action: 'reveal', customerNumber: '100001', provider: null, token: null, outcome: 'ok', detail: 'field=email' },
      { agent: agent, action: 'reveal', customerNumber: null, provider: null, token: null, outcome: 'ok', detail: 'field=phone' },
    ])
  })

  it('refuses what the contract does not know: another field, the value itself sent along, an oversize token id', async () => {
    const t = await start()
    for (const request of [{ field: 'name' }, { field: 'email', value: 'kari@example.no' }, { field: 'tokenId', token: 'x'.repeat(129) }]) {
      const result = await t.call('audit:reveal', request as never)
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    }
    expect((await t.data('audit:list', { filter: { action: 'reveal' } })).total).toBe(0)
  })

  it('fails closed with LOCAL_FILE when there is no audit log to write to', async () => {
    const handlers = recordsHandlers({ auditLog: null } as SessionRecords, async () => ({ profile: 'sandbox', cache: null as never, agent: 'silje' }), createLogger({ sinks: [] }))
    await expect(handlers['audit:reveal']({ field: 'email', customerNumber: '100001' })).rejects.toMatchObject({ code: 'LOCAL_FILE', message: expect.stringContaining('stays hidden') })
  })

  it('fails closed with LOCAL_FILE when the entry cannot be appended, and logs no value', async () => {
    const sink = memorySink()
    const failing = { append: () => { throw new Error('SQLITE_FULL: database or disk is full') } } as unknown as AuditLog
    const handlers = recordsHandlers({ auditLog: failing } as SessionRecords, async () => ({ profile: 'sandbox', cache: null as never, agent: 'silje' }), createLogger({ sinks: [sink] }))
    await expect(handlers['audit:reveal']({ field: 'phone', customerNumber: '100001' })).rejects.toMatchObject({ code: 'LOCAL_FILE' })
    expect(sink.records.map((record) => record.message)).toEqual(['a reveal could not be written to the audit log'])
  })
})
