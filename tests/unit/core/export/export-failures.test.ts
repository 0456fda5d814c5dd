/** The export service when things go wrong (no temp file, no partial target), its progress, and a 100,000-row stream. */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isTempFile } from '../../../../src/core/export/atomic-file.ts'
import { KEEP_ENDED_MS } from '../../../../src/core/export/progress.ts'
import { AppError } from '../../../../src/shared/errors.ts'
import type { AuditEntry } from '../../../../src/shared/records.ts'
import { TOKENS, exportSetup, filesIn, readCsv, request } from './support.ts'

const entry = (id: number): AuditEntry => ({
  id, at: new Date(Date.UTC(2026, 0, 1) + id * 1000).toISOString(), agent: `agent-${id % 9}`, profile: 'production', action: 'export',
  customerNumber: String(100_000 + (id % 1000)), provider: null, token: '****1234', outcome: 'ok', errorCode: null, detail: `table=tokens rows=${id}`,
})

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((done) => (resolve = done))
  return { promise, resolve }
}

const tempFiles = (dir: string) => filesIn(dir).filter(isTempFile)

describe('failures leave no temp file and no partial target', () => {
  it("a source's AppError is raised as is; an existing target keeps its content; the audit says failed", async () => {
    const env = exportSetup({ sources: { tokens: async () => Promise.reject(new AppError('PROVIDER_UNAVAILABLE', 'Connect is not available.', { provider: 'connect' })) } })
    writeFileSync(env.target, 'old content')
    const exportRequest = request()
    await expect(env.service.exportCsv(exportRequest)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', provider: 'connect' })
    expect(readFileSync(env.target, 'utf8')).toBe('old content')
    expect(filesIn(env.out)).toEqual(['export.csv'])
    expect(env.service.progress(exportRequest.exportId)).toMatchObject({ state: 'failed', rowsWritten: 0 })
    expect(env.log.list({}).entries.map((e) => [e.action, e.outcome, e.errorCode, e.detail])).toEqual([
      ['export', 'failed', 'PROVIDER_UNAVAILABLE', 'table=tokens rows=0 columns=5'],
    ])
  })

  it('a bug in a source becomes INTERNAL with a plain message (no path, no stack)', async () => {
    const env = exportSetup({ sources: { invoices: async () => Promise.reject(new TypeError('cannot read /home/kari/secret.txt')) } })
    const error = await env.service.exportCsv(request({ source: { table: 'invoices', customerNumber: '1', productCode: 'P' }, columns: ['amount'] })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'INTERNAL', message: 'The export failed; details are in the log.' })
    expect(filesIn(env.out)).toEqual([])
  })

  it('a source failing mid-stream, after chunks reached the temp file: temp removed, no target', async () => {
    let tempSeen: string[] = []
    const env = exportSetup({
      sources: {
        audit: () => ({
          total: 5000,
          rows: (function* () {
            for (let id = 1; id <= 5000; id += 1) {
              if (id === 2500) {
                tempSeen = tempFiles(env.out)
                throw new Error('disk went away')
              }
              yield entry(id)
            }
          })(),
        }),
      },
    })
    const exportRequest = request({ source: { table: 'audit' }, columns: ['at', 'detail'] })
    await expect(env.service.exportCsv(exportRequest)).rejects.toMatchObject({ code: 'INTERNAL' })
    expect(tempSeen).toHaveLength(1)
    expect(filesIn(env.out)).toEqual([])
    expect(env.service.progress(exportRequest.exportId)).toMatchObject({ state: 'failed', rowsWritten: 2000, totalRows: 5000 })
    expect(env.log.list({ action: 'export' }).entries[0]).toMatchObject({ outcome: 'failed', errorCode: 'INTERNAL', detail: 'table=audit rows=2000 columns=2' })
  })

  it.each([
    ['a folder that does not exist', (out: string) => join(out, 'missing', 'export.csv'), 'the folder does not exist'],
    ['a parent that is a file', (out: string) => (writeFileSync(join(out, 'file'), ''), join(out, 'file', 'export.csv')), 'the folder does not exist'],
    ['a target that is a folder', (out: string) => out, 'a folder has that name'],
  ])('%s: LOCAL_FILE with a plain message naming no path', async (_what, pathOf, message) => {
    const env = exportSetup()
    const path = pathOf(env.out)
    const before = filesIn(env.out)
    const { exportId: _id, ...spec } = request()
    const error = await env.service.exportToFile(spec, path).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'LOCAL_FILE', message: expect.stringContaining(message) })
    expect((error as Error).message).not.toContain(env.out)
    expect(filesIn(env.out)).toEqual(before)
    expect(env.log.list({}).entries[0]).toMatchObject({ action: 'export', outcome: 'failed', errorCode: 'LOCAL_FILE' })
  })
})

describe('progress', () => {
  it('unknown → running (total unknown, then known) → done; kept for a few minutes, then unknown again', async () => {
    const gate = deferred<void>()
    const env = exportSetup({
      sources: {
        tokens: async () => {
          await gate.promise
          return TOKENS
        },
      },
    })
    const exportRequest = request()
    const { exportId } = exportRequest
    expect(env.service.progress(exportId)).toEqual({ exportId, state: 'unknown', rowsWritten: 0, totalRows: null })
    const running = env.service.exportCsv(exportRequest)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(env.service.progress(exportId)).toEqual({ exportId, state: 'running', rowsWritten: 0, totalRows: null })
    await expect(env.service.exportCsv(exportRequest)).rejects.toMatchObject({ code: 'CONFLICT' })
    gate.resolve()
    await running
    expect(env.service.progress(exportId)).toEqual({ exportId, state: 'done', rowsWritten: 3, totalRows: 3 })
    env.clock.advance(KEEP_ENDED_MS - 1)
    expect(env.service.progress(exportId).state).toBe('done')
    env.clock.advance(1)
    expect(env.service.progress(exportId).state).toBe('unknown')
  })
})

describe('a 100,000-row audit export', () => {
  it('streams to the temp file in 1,000-row chunks with progress after each, then renames', async () => {
    const snapshots: { row: number; rowsWritten: number; totalRows: number | null; tempSize: number; target: boolean }[] = []
    const exportRequest = request({ source: { table: 'audit' }, columns: ['at', 'agent', 'action', 'customerNumber', 'token', 'detail'] })
    const env = exportSetup({
      sources: {
        audit: () => ({
          total: 100_000,
          rows: (function* () {
            for (let id = 1; id <= 100_000; id += 1) {
              if (id % 1000 === 1 && id > 1) {
                const temp = tempFiles(env.out)[0]
                const progress = env.service.progress(exportRequest.exportId)
                snapshots.push({ row: id, ...progress, tempSize: temp === undefined ? -1 : statSync(join(env.out, temp)).size, target: existsSync(env.target) })
              }
              yield entry(id)
            }
          })(),
        }),
      },
    })
    const outcome = await env.service.exportCsv(exportRequest)
    expect(outcome).toMatchObject({ status: 'saved', rows: 100_000 })

    // One progress step per chunk: before row 1001 + k*1000, exactly 1000 + k*1000 rows were written.
    expect(snapshots).toHaveLength(99)
    expect(snapshots.every((s) => s.rowsWritten === s.row - 1 && s.totalRows === 100_000 && !s.target)).toBe(true)
    // The document reaches the disk while it is being written, not at the end: at most the write
    // stream's buffer (4 MB) is held back, so before the last chunk most of the file is on disk.
    const sizes = snapshots.map((s) => s.tempSize)
    expect(sizes.every((size, i) => i === 0 || size >= (sizes[i - 1] ?? 0))).toBe(true)
    const finalSize = statSync(env.target).size
    expect(finalSize).toBeGreaterThan(8 * 1024 * 1024)
    expect(sizes.at(-1)).toBeGreaterThan(finalSize - 4 * 1024 * 1024 - 200_000)

    const rows = readCsv(env.target, ';')
    expect(rows).toHaveLength(100_001)
    expect(rows[100_000]).toEqual([entry(100_000).at, 'agent-1', 'export', '100000', '****1234', 'table=tokens rows=100000'])
    expect(env.service.progress(exportRequest.exportId)).toMatchObject({ state: 'done', rowsWritten: 100_000, totalRows: 100_000 })
    expect(filesIn(env.out)).toEqual(['export.csv'])
  }, 60_000)
})
