/** Temp folders and real audit logs (node:sqlite files) for the audit and export tests; all removed after each test. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { auditLogPath, openAuditLog } from '../../../../src/core/audit/audit-log.ts'
import type { OpenedAuditLog } from '../../../../src/core/audit/audit-log.ts'
import type { AuditRecord } from '../../../../src/core/audit/types.ts'
import { createLogger, memorySink } from '../../../../src/core/log.ts'

const dirs: string[] = []
const logs: OpenedAuditLog[] = []

afterEach(() => {
  for (const log of logs.splice(0)) log.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

export function tempDir(prefix = 'audit-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  dirs.push(dir)
  return dir
}

/** A clock the test moves; starts at 2026-11-21T10:00:00.000Z. */
export function testClock(start = Date.UTC(2026, 10, 21, 10)) {
  let at = start
  return {
    now: () => at,
    set: (ms: number) => {
      at = ms
    },
    advance: (ms: number) => {
      at += ms
    },
  }
}

/** A real audit log in a fresh temp folder (data/audit-log.sqlite), with a clock and a captured log. */
export function auditSetup() {
  const dir = tempDir()
  const file = auditLogPath(join(dir, 'data'))
  const clock = testClock()
  const sink = memorySink()
  const logger = createLogger({ sinks: [sink] })
  const open = (): OpenedAuditLog => {
    const log = openAuditLog({ file, now: clock.now, logger })
    logs.push(log)
    return log
  }
  return { dir, file, clock, sink, logger, open }
}

export const record = (extra: Partial<AuditRecord> = {}): AuditRecord => ({
  agent: 'agent-1',
  profile: 'sandbox',
  action: 'token.archive',
  customerNumber: '100001',
  provider: 'swedbankpay',
  token: '5f2c9a7e-3b1d-4c8e-9a01-100001000001',
  outcome: 'ok',
  errorCode: null,
  detail: 'tokenType=Recurrence',
  ...extra,
})
