/** The audit log on a real node:sqlite file: append, list, filters, paging, iterate, append-only, safety. */
import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { describe, expect, it } from 'vitest'
import { MAX_DETAIL } from '../../../../src/core/audit/audit-log.ts'
import { createAuditRecorder } from '../../../../src/core/audit/recorder.ts'
import { AppError } from '../../../../src/shared/errors.ts'
import { auditSetup, record } from './support.ts'

const RAW_TOKEN = '5f2c9a7e-3b1d-4c8e-9a01-100001000001'
const HOUR = 60 * 60 * 1000

describe('append', () => {
  it('stores the entry with the token masked, the time as ISO and returns it as stored', () => {
    const env = auditSetup()
    const log = env.open()
    const entry = log.append(record())
    expect(entry).toEqual({
      id: 1,
      at: '2026-11-21T10:00:00.000Z',
      agent: 'agent-1',
      profile: 'sandbox',
      action: 'token.archive',
      customerNumber: '100001',
      provider: 'swedbankpay',
      token: '****0001',
      outcome: 'ok',
      errorCode: null,
      detail: 'tokenType=Recurrence',
    })
    expect(log.list({}).entries).toEqual([entry])
  })

  it('never writes the raw token id to the database or its WAL', () => {
    const env = auditSetup()
    const log = env.open()
    for (let i = 0; i < 20; i += 1) log.append(record({ token: `${RAW_TOKEN}-${i}` }))
    const bytes = [env.file, `${env.file}-wal`].filter(existsSync).map((path) => readFileSync(path).toString('latin1')).join('')
    expect(bytes).toContain('****01-7')
    expect(bytes).not.toContain('5f2c9a7e')
  })

  it('bounds detail (control characters stripped, at most 200 characters) and treats empty text as null', () => {
    const env = auditSetup()
    const log = env.open()
    const entry = log.append(record({ detail: `a\u0000b\r\nc\u001b[31m${'x'.repeat(500)}`, agent: '', token: '', provider: undefined }))
    expect(entry.detail).toHaveLength(MAX_DETAIL)
    expect(entry.detail?.startsWith('a b c [31mxxx')).toBe(true)
    expect([...(entry.detail ?? '')].every((char) => char >= ' ')).toBe(true)
    expect(entry).toMatchObject({ agent: null, token: null, provider: null })
    expect(log.list({}).entries[0]?.detail).toBe(entry.detail)
  })

  it('masks a short token completely', () => {
    const log = auditSetup().open()
    expect(log.append(record({ token: 'abc' })).token).toBe('****')
  })

  it('refuses an unknown action (the recorder logs it and does not throw)', () => {
    const env = auditSetup()
    const log = env.open()
    expect(() => log.append(record({ action: 'token.steal' as never }))).toThrow()
    const recorder = createAuditRecorder(log, { profile: () => 'test', logger: env.logger })
    expect(() => recorder.record({ ...record(), action: 'token.steal' as never })).not.toThrow()
    expect(log.count({})).toBe(0)
    expect(env.sink.text()).toContain('an audit entry could not be written')
  })
})

describe('append-only, enforced by the database', () => {
  it('refuses UPDATE and DELETE from any connection, leaving the entries as they were', () => {
    const env = auditSetup()
    const log = env.open()
    log.append(record())
    log.append(record({ outcome: 'failed', errorCode: 'CONFLICT' }))
    const before = log.list({}).entries
    const db = new DatabaseSync(env.file)
    try {
      expect(() => db.exec("UPDATE audit_entries SET outcome = 'ok', error_code = NULL")).toThrow(/append-only/)
      expect(() => db.exec('DELETE FROM audit_entries WHERE id = 1')).toThrow(/append-only/)
      expect(() => db.exec('DELETE FROM audit_entries')).toThrow(/append-only/)
    } finally {
      db.close()
    }
    expect(log.list({}).entries).toEqual(before)
  })

  it('re-creates a dropped trigger on the next open', () => {
    const env = auditSetup()
    env.open().append(record())
    const db = new DatabaseSync(env.file)
    db.exec('DROP TRIGGER audit_entries_no_delete')
    db.close()
    env.open()
    const again = new DatabaseSync(env.file)
    try {
      expect(() => again.exec('DELETE FROM audit_entries')).toThrow(/append-only/)
    } finally {
      again.close()
    }
  })
})

describe('list, count and filters', () => {
  function seeded() {
    const env = auditSetup()
    const log = env.open()
    const at = (iso: string) => env.clock.set(Date.parse(iso))
    at('2026-11-19T23:59:59.999Z')
    log.append(record({ action: 'token.archive', agent: 'anna', customerNumber: '100001' }))
    at('2026-11-20T00:00:00.000Z')
    log.append(record({ action: 'token.remove', agent: 'anna', customerNumber: '100002', outcome: 'failed', errorCode: 'CONFLICT' }))
    at('2026-11-20T23:59:59.999Z')
    log.append(record({ action: 'export', agent: 'bjorn', customerNumber: '100001', token: null }))
    at('2026-11-21T00:00:00.000Z')
    log.append(record({ action: 'token.archive', agent: 'Anna', customerNumber: null }))
    return { env, log }
  }
  const ids = (entries: { id: number }[]) => entries.map((entry) => entry.id)

  it('lists newest first with the total', () => {
    const { log } = seeded()
    expect(log.list({})).toMatchObject({ total: 4 })
    expect(ids(log.list({}).entries)).toEqual([4, 3, 2, 1])
  })

  it.each([
    [{ action: 'token.archive' }, [4, 1]],
    [{ agent: 'anna' }, [2, 1]],
    [{ agent: 'Anna' }, [4]],
    [{ customerNumber: '100001' }, [3, 1]],
    [{ outcome: 'failed' }, [2]],
    [{ from: '2026-11-20' }, [4, 3, 2]],
    [{ to: '2026-11-20' }, [3, 2, 1]],
    [{ from: '2026-11-20', to: '2026-11-20' }, [3, 2]],
    [{ from: '2026-11-21', to: '2026-11-19' }, []],
    [{ action: 'token.archive', agent: 'anna', customerNumber: '100001', outcome: 'ok', from: '2026-11-19', to: '2026-11-19' }, [1]],
  ] as const)('filter %j → %j (list, count and iterate agree)', (filter, expected) => {
    const { log } = seeded()
    const page = log.list(filter)
    expect(ids(page.entries)).toEqual(expected)
    expect(page.total).toBe(expected.length)
    expect(log.count(filter)).toBe(expected.length)
    expect(ids([...log.iterate(filter)])).toEqual([...expected].reverse())
  })

  it('refuses a date that does not exist', () => {
    const { log } = seeded()
    expect(() => log.list({ from: '2026-02-30' })).toThrow(AppError)
    expect(() => log.count({ to: '2026-13-01' })).toThrow(/not a date/)
  })

  it('pages back in time with limit and beforeId; total stays that of the filter', () => {
    const env = auditSetup()
    const log = env.open()
    for (let i = 0; i < 25; i += 1) log.append(record({ customerNumber: i % 2 === 0 ? '100001' : '100002' }))
    const first = log.list({ customerNumber: '100001' }, { limit: 5 })
    expect(ids(first.entries)).toEqual([25, 23, 21, 19, 17])
    expect(first.total).toBe(13)
    const second = log.list({ customerNumber: '100001' }, { limit: 5, beforeId: 17 })
    expect(ids(second.entries)).toEqual([15, 13, 11, 9, 7])
    expect(second.total).toBe(13)
    expect(ids(log.list({}, { limit: 100, beforeId: 3 }).entries)).toEqual([2, 1])
    expect(log.list({}, { limit: 5000 }).entries).toHaveLength(25)
  })

  it('iterates lazily, oldest first: entries appended before the first read are included, a break stops it', () => {
    const env = auditSetup()
    const log = env.open()
    for (let i = 0; i < 3; i += 1) log.append(record())
    const iterator = log.iterate({})
    log.append(record({ action: 'export' }))
    expect(iterator.next().value?.id).toBe(1)
    let seen = 0
    for (const entry of log.iterate({})) {
      seen += 1
      if (entry.id === 2) break
    }
    expect(seen).toBe(2)
    expect([...iterator].map((entry) => entry.id)).toEqual([2, 3, 4])
  })
})

describe('the file', () => {
  it('keeps entries across a reopen, in a 0700 folder and a 0600 file', () => {
    const env = auditSetup()
    const log = env.open()
    log.append(record())
    log.append(record({ action: 'reveal' }))
    log.close()
    const again = env.open()
    expect(again.movedAsideTo).toBeNull()
    expect(again.list({}).entries.map((entry) => entry.action)).toEqual(['reveal', 'token.archive'])
    expect(again.append(record()).id).toBe(3)
    if (process.platform !== 'win32') {
      expect(statSync(dirname(env.file)).mode & 0o777).toBe(0o700)
      expect(statSync(env.file).mode & 0o777).toBe(0o600)
    }
  })

  it('moves an unreadable file aside and starts a fresh log', () => {
    const env = auditSetup()
    mkdirSync(dirname(env.file), { recursive: true })
    const garbage = Buffer.from('this is not a database, just bytes '.repeat(200))
    writeFileSync(env.file, garbage)
    const log = env.open()
    expect(log.movedAsideTo).toBe(`${env.file}.corrupt-${env.clock.now()}`)
    expect(readFileSync(log.movedAsideTo ?? '').equals(garbage)).toBe(true)
    expect(log.count({})).toBe(0)
    expect(log.append(record()).id).toBe(1)
    expect(env.sink.text()).toContain('audit log file was unreadable; moved aside')
  })

  it('holds 100,000 entries; every filter is served by an index', () => {
    const env = auditSetup()
    const log = env.open()
    const actions = ['token.archive', 'export', 'reveal', 'invoice.pay'] as const
    for (let i = 0; i < 100_000; i += 1) {
      if (i % 1000 === 0) env.clock.advance(HOUR)
      log.append(record({ action: actions[i % 4], customerNumber: String(100_000 + (i % 500)), agent: `agent-${i % 7}`, outcome: i % 50 === 0 ? 'failed' : 'ok' }))
    }
    expect(log.count({})).toBe(100_000)
    expect(log.count({ action: 'reveal' })).toBe(25_000)
    expect(log.count({ customerNumber: '100007' })).toBe(200)
    expect(log.count({ outcome: 'failed' })).toBe(2_000)
    const page = log.list({ customerNumber: '100007', agent: 'agent-0' }, { limit: 10 })
    expect(page.total).toBe(29)
    expect(page.entries[0]?.id).toBeGreaterThan(page.entries[1]?.id ?? Infinity)
    let iterated = 0
    for (const entry of log.iterate({ action: 'export' })) iterated += entry.action === 'export' ? 1 : 0
    expect(iterated).toBe(25_000)

    // Plans, not timings: a page of any one filter and the count of every filter use an index. (A page of a
    // one-sided date range is a reverse scan that stops after `limit` rows, since ids grow with time.)
    const db = new DatabaseSync(env.file, { readOnly: true })
    const plan = (sql: string, params: string[]) => db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((step) => String(step['detail'])).join(' | ')
    try {
      for (const where of ['action = ?', 'agent = ?', 'customer_number = ?', 'outcome = ?', 'at >= ? AND at < ?']) {
        const params = where.split('?').slice(1).map(() => 'x')
        expect(plan(`SELECT * FROM audit_entries WHERE ${where} ORDER BY id DESC LIMIT 100`, params), where).toMatch(/USING (COVERING )?INDEX/)
      }
      for (const where of ['action = ?', 'customer_number = ?', 'at >= ?', 'at < ?']) {
        expect(plan(`SELECT count(*) FROM audit_entries WHERE ${where}`, ['x']), where).toMatch(/USING (COVERING )?INDEX/)
      }
    } finally {
      db.close()
    }
  }, 60_000)
})
