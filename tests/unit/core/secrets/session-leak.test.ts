/**
 * Issue 5 §4: after a scripted session (sign-in, search, lookups, archive, rename, pay, a masked and a revealed
 * export, sign-out) on the real runtime and sandbox, none of the session's secrets (client secret, merchant
 * token, every access and refresh token and authorization code the sandbox issued, the PKCE verifier) is in what
 * the renderer received, the log, the data folder (sqlite -wal/-shm included, while running and after closing) or
 * an exported CSV; and no customer data (names, emails, phones, token ids, display names, the archive reason) is
 * in the data folder or the log. Then the same with a cipher that is unavailable: lookups still work, nothing is
 * cached, nothing personal or secret lies on disk. Scanner: tests/support/leak-scan.ts (UTF-8, UTF-16LE, hex, base64).
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type * as Pkce from '../../../../src/core/auth/pkce.ts'
import type { SecretCipher } from '../../../../src/core/platform/ports.ts'
import { describeHits, filesUnder, scan, scanSources } from '../../../support/leak-scan.ts'
import type { Hit, Needle, Source } from '../../../support/leak-scan.ts'
import { CUSTOMERS, customerDataNeedles, runSession, sessionSecretNeedles, startConsole } from './scripted-session.ts'
import type { ConsoleUnderTest, SessionRecord } from './scripted-session.ts'

/** The PKCE verifiers the console creates: reachable nowhere else, so they are captured where they are made. */
const captured = vi.hoisted(() => ({ verifiers: [] as string[] }))
vi.mock('../../../../src/core/auth/pkce.ts', async (importOriginal) => {
  const original = await importOriginal<typeof Pkce>()
  return {
    ...original,
    createPkce: () => {
      const pkce = original.createPkce()
      captured.verifiers.push(pkce.verifier)
      return pkce
    },
  }
})

interface Run {
  console: ConsoleUnderTest
  session: SessionRecord
  /** The data folder before sign-out (cache full, WAL written), as bytes. */
  live: Source[]
  /** The data folder's files after sign-out and closing. */
  closed: string[]
  /** Every Result the dispatcher returned, as one file. */
  results: string
  /** Every log line, as one file. */
  log: string
  secrets: Needle[]
  customerData: Needle[]
}

/** Starts a console, runs the session, closes the console and gathers everything a leak could land in. */
function useScriptedSession(cipher?: SecretCipher): () => Run {
  let run: Run | null = null
  let c: ConsoleUnderTest | null = null
  beforeAll(async () => {
    captured.verifiers.length = 0
    c = await startConsole(cipher === undefined ? {} : { cipher })
    const started = c
    let live: Source[] = []
    const session = await runSession(started, () => {
      live = filesUnder(started.dataDir).map((file) => ({ name: `live:${file}`, bytes: readFileSync(file) }))
    })
    const secrets = await sessionSecretNeedles(started, captured.verifiers)
    const customerData = await customerDataNeedles(started)
    await started.dispose()
    run = {
      console: started,
      session,
      live,
      closed: filesUnder(started.dataDir),
      results: started.writeResults(),
      log: started.writeLog(),
      secrets,
      customerData,
    }
  }, 60_000)
  afterAll(async () => {
    await c?.dispose()
    c?.remove()
  })
  return () => {
    if (run === null) throw new Error('the scripted session did not run')
    return run
  }
}

function expectClean(run: Run, hits: Hit[]): void {
  const where = (file: string) => (file.startsWith('live:') ? `${relative(run.console.root, file.slice(5))} (before sign-out)` : relative(run.console.root, file))
  expect(describeHits(hits, where), 'found in plaintext').toEqual([])
}

function expectTheNeedlesAreReal(run: Run): void {
  const labels = new Set(run.secrets.map((needle) => needle.label))
  for (const label of ['client secret', 'merchant token', 'access token', 'refresh token', 'authorization code', 'PKCE verifier']) {
    expect(labels, label).toContain(label)
  }
  // The client-credentials token and the agent's, at least.
  expect(run.secrets.filter((needle) => needle.label === 'access token').length).toBeGreaterThanOrEqual(2)
  const customerLabels = new Set(run.customerData.map((needle) => needle.label))
  for (const number of CUSTOMERS) {
    for (const kind of ['full name', 'email', 'phone', 'token id', 'display name']) {
      expect(customerLabels, `${number} ${kind}`).toContain(`customer ${number} ${kind}`)
    }
  }
  expect(customerLabels).toContain('archive reason')
}

/** The capture is real: the renderer got customer data, the log has lines, the revealed CSV holds the listed ids and the masked one does not. */
function expectTheCaptureIsReal(run: Run): void {
  const received = new Set(scan([run.results], run.customerData).map((hit) => hit.label))
  for (const kind of ['name', 'email', 'phone', 'token id', 'display name']) expect(received).toContain(`customer ${CUSTOMERS[0]} ${kind}`)
  expect(readFileSync(run.log, 'utf8').split('\n').length).toBeGreaterThan(5)
  const listed = run.session.listings[0]!.tokens
    .filter((token) => token.token !== run.session.archived)
    .map((token) => ({ label: `${token.provider} ${token.token}`, value: token.token }))
  expect(listed.length).toBeGreaterThan(4)
  expect(new Set(scan([run.session.exports.revealed], listed).map((hit) => hit.label))).toEqual(new Set(listed.map((n) => n.label)))
  expect(scan([run.session.exports.masked], listed)).toEqual([])
  expect(readFileSync(run.session.exports.masked, 'utf8')).toContain(`****${listed[0]!.value.slice(-4)}`)
  expect(run.live.length).toBeGreaterThan(0)
}

function expectNoSecretAnywhere(run: Run): void {
  const files = [run.results, run.log, run.session.exports.masked, run.session.exports.revealed, ...run.closed]
  expectClean(run, [...scan(files, run.secrets), ...scanSources(run.live, run.secrets)])
}

function expectNoCustomerDataOnDiskOrInTheLog(run: Run): void {
  expectClean(run, [...scan([run.log, ...run.closed], run.customerData), ...scanSources(run.live, run.customerData)])
}

describe('a scripted session with the OS keychain', () => {
  const run = useScriptedSession()

  it('captures real secrets, real customer data and real exports', () => {
    expectTheNeedlesAreReal(run())
    expectTheCaptureIsReal(run())
    const { dataDir } = run().console
    const names = run().live.map((source) => relative(dataDir, source.name.slice('live:'.length)))
    expect(names).toEqual(expect.arrayContaining(['settings.json', 'audit-log.sqlite', join('cache', 'lookups.sqlite'), join('cache', 'lookups.sqlite-wal')]))
    // The client secret and merchant token are at rest, encrypted, in the settings.
    expect(run().session.secretsStored).toEqual([true, true])
    const settings = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8')) as { secrets?: { test?: Record<string, string> } }
    expect(Object.keys(settings.secrets?.test ?? {}).sort()).toEqual(['connectClientSecret', 'swedbankPayAccessToken'])
    // The scan reads the databases: the customer number is stored in clear on purpose (to list and purge rows).
    expect(scanSources(run().live, [{ label: 'customer number', value: CUSTOMERS[0]! }]).length).toBeGreaterThan(0)
  })

  it('no secret is in an IPC result, the log, the data folder or a CSV', () => {
    expectNoSecretAnywhere(run())
  })

  it('no customer data is in the data folder or the log', () => {
    expectNoCustomerDataOnDiskOrInTheLog(run())
  })

  it('a planted copy of a session secret in a data-folder file is found, in every encoding', () => {
    const database = run().live.find((source) => source.name.endsWith('lookups.sqlite'))!
    const secret = run().secrets.find((needle) => needle.label === 'refresh token')!
    const utf8 = Buffer.from(secret.value)
    const plants: [string, Buffer][] = [
      ['utf8', utf8],
      ['utf16le', Buffer.from(secret.value, 'utf16le')],
      ['hex', Buffer.from(utf8.toString('hex'))],
      ['base64', Buffer.from(Buffer.concat([Buffer.from('{"r":'), utf8]).toString('base64'))],
      ['base64', Buffer.from(Buffer.concat([Buffer.from('x'), utf8]).toString('base64url'))],
    ]
    for (const [encoding, planted] of plants) {
      const bytes = Buffer.concat([Buffer.from(database.bytes), planted, Buffer.from(database.bytes)])
      expect(scanSources([{ name: 'planted', bytes }], run().secrets), encoding).toEqual([{ file: 'planted', label: 'refresh token', encoding }])
    }
  })
})

describe('a scripted session without secure storage', () => {
  const REASON = 'No system keyring (basic_text): nothing is saved.'
  const run = useScriptedSession({
    availability: async () => ({ available: false, reason: REASON }),
    encrypt: async () => {
      throw new Error('encrypt must not be called without secure storage')
    },
    decrypt: async () => {
      throw new Error('decrypt must not be called without secure storage')
    },
  })

  it('lookups still work, and nothing is cached', () => {
    expectTheNeedlesAreReal(run())
    expectTheCaptureIsReal(run())
    expect(run().session.listings.every((listing) => listing.tokens.length > 0)).toBe(true)
    const answered = JSON.parse(readFileSync(run().results, 'utf8')) as { ok: boolean; data?: unknown }[]
    expect(answered).toContainEqual({ ok: true, data: expect.objectContaining({ available: false, unavailableReason: expect.stringContaining(REASON) }) })
    const cachedAt = answered.flatMap((result) => (typeof result.data === 'object' && result.data !== null && 'cachedAt' in result.data ? [result.data.cachedAt] : []))
    expect(cachedAt.length).toBeGreaterThan(0)
    expect(cachedAt.every((value) => value === null)).toBe(true)
    const { dataDir } = run().console
    expect(existsSync(join(dataDir, 'cache'))).toBe(false)
    expect(run().live.filter((source) => source.name.includes(join(dataDir, 'cache')))).toEqual([])
    const settings = join(dataDir, 'settings.json')
    expect(existsSync(settings) ? readFileSync(settings, 'utf8') : '').not.toMatch(/dataKey|refresh|"secrets"/i)
    expect(run().session.secretsStored).toEqual([false, false])
  })

  it('no secret is in an IPC result, the log, the data folder or a CSV', () => {
    expectNoSecretAnywhere(run())
  })

  it('no customer data is in the data folder or the log', () => {
    expectNoCustomerDataOnDiskOrInTheLog(run())
  })
})
