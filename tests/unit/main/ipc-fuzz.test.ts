/**
 * Property-based fuzzing of every IPC channel through the REAL registrar (src/main/ipc/registrar.ts)
 * and the real dispatcher: whatever a renderer sends, the answer is a Result (never a throw, never a
 * stack trace), a malformed call is answered VALIDATION without reaching a service, and a well-formed
 * one reaches its service exactly once. At least 10,000 generated calls per run.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createDispatcher } from '../../../src/core/dispatch.ts'
import { silentLogger } from '../../../src/core/log.ts'
import { CHANNELS } from '../../../src/shared/api-shape.ts'
import type { Channel } from '../../../src/shared/api-shape.ts'
import { contract } from '../../../src/shared/contract.ts'
import type { Handlers } from '../../../src/shared/contract.ts'
import { AppError, ERROR_CODES } from '../../../src/shared/errors.ts'
import type { Result } from '../../../src/shared/errors.ts'
import { createElectronMock } from '../../support/electron-mock.ts'
import type { ElectronMock } from '../../support/electron-mock.ts'

const MIN_CASES = 10_000
let cases = 0

/** One well-formed request per channel (the fuzzer mutates these). */
const VALID: Record<Channel, Record<string, unknown>> = {
  'app:info': {},
  'app:connectivity': {},
  'app:cancelLookups': {},
  'auth:status': {},
  'auth:signIn': {},
  'auth:cancelSignIn': {},
  'auth:signOut': {},
  'profiles:get': {},
  'profiles:save': {
    id: 'test',
    settings: {
      connect: { apiUrl: 'https://api.example.no', loginUrl: 'https://login.example.no', clientId: 'client' },
      swedbankPay: { apiUrl: 'https://api.externalintegration.payex.com' },
      payerReferenceTemplate: '{customerNumber}',
    },
  },
  'profiles:setSecret': { id: 'test', name: 'connectClientSecret', value: 's3cret' },
  'profiles:clearSecret': { id: 'production', name: 'swedbankPayAccessToken' },
  'profiles:activate': { id: 'sandbox' },
  'customers:search': { query: 'Nordmann' },
  'customers:get': { customerNumber: '100001' },
  'tokens:list': { customerNumber: '100001', includeArchived: true },
  'tokens:archive': { provider: 'swedbankpay', payerReference: '100001', token: 'abc-123', tokenType: 'Recurrence', reason: 'asked' },
  'tokens:archiveAll': { provider: 'swedbankpay', payerReference: '100001', reason: 'asked' },
  'tokens:rename': { provider: 'swedbankpay', token: 'abc-123', tokenType: 'Payment', displayName: 'Work card' },
  'tokens:remove': { provider: 'klarna', customerNumber: '100001', token: 'k-1' },
  'tokens:legacyDelete': { kind: 'recurrence', token: 'abc-123', comment: 'asked' },
  'products:list': {},
  'invoices:list': { customerNumber: '100001', productCode: 'AP001' },
  'invoices:pay': { invoiceNumber: '7435367', productCode: 'AP001', companyCode: '68979834', paymentMethod: 'creditcardPayex' },
  'invoices:openPaymentLink': { transactionId: 'tx-1' },
  'invoices:paymentResult': { transactionId: 'tx-1', waitMs: 0 },
  'localData:get': {},
  'localData:save': { retentionDays: 30, maxEntries: 50_000 },
  'localData:clear': {},
  'localData:recent': { query: 'kari', limit: 20 },
  'audit:list': { filter: { action: 'export', outcome: 'ok' }, limit: 50 },
  'audit:reveal': { field: 'email', customerNumber: '100001' },
  'exports:csv': {
    exportId: 'export-0001',
    source: { table: 'tokens', customerNumber: '100001' },
    columns: ['provider', 'token'],
    delimiter: ';',
    bom: true,
    reveal: false,
  },
  'exports:progress': { exportId: 'export-0001' },
}

let electron: ElectronMock
let invoke: (channel: Channel, request: unknown) => Promise<Result<unknown>>
let calls: Map<string, number>

beforeAll(async () => {
  vi.resetModules()
  electron = createElectronMock()
  vi.doMock('electron', () => electron)
  calls = new Map()
  // Every service answers NOT_FOUND: a well-formed call is recognisable by reaching it.
  const handlers = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      async () => {
        calls.set(channel, (calls.get(channel) ?? 0) + 1)
        throw new AppError('NOT_FOUND', 'fuzz sentinel')
      },
    ]),
  ) as unknown as Handlers
  const { registerContract } = await import('../../../src/main/ipc/registrar.ts')
  const { createSenderPolicy } = await import('../../../src/main/ipc/sender-policy.ts')
  const { createWindowRegistry } = await import('../../../src/main/window-registry.ts')
  const registry = createWindowRegistry()
  const window = new electron.BrowserWindow({})
  registry.track(window as never)
  const isTrustedSender = createSenderPolicy({ ownsWebContents: registry.ownsWebContents, trustedOrigins: ['app://console'] })
  const dispatch = createDispatcher(handlers, { logger: silentLogger() })
  registerContract({ ipcMain: electron.ipcMain as never, dispatch, isTrustedSender, logger: { info() {}, warn() {}, error() {} } })
  const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame }
  invoke = async (channel, request) => {
    const handler = electron.ipcMain.handlers.get(channel)
    if (handler === undefined) throw new Error(`no handler for ${channel}`)
    return (await handler(event, request)) as Result<unknown>
  }
})

afterAll(() => {
  expect(cases).toBeGreaterThanOrEqual(MIN_CASES)
})

/** Sends one call and checks what every answer must satisfy; returns the answer and whether a service ran. */
async function send(channel: Channel, request: unknown): Promise<{ result: Result<unknown>; reached: boolean }> {
  cases += 1
  const before = calls.get(channel) ?? 0
  let result: Result<unknown>
  try {
    result = await invoke(channel, request)
  } catch (error) {
    throw new Error(`${channel} threw instead of answering: ${String(error)}`, { cause: error })
  }
  expect(typeof result.ok).toBe('boolean')
  const reached = (calls.get(channel) ?? 0) > before
  expect((calls.get(channel) ?? 0) - before).toBeLessThanOrEqual(1)
  if (!result.ok) {
    expect(ERROR_CODES).toContain(result.error.code)
    expect(result.error.message.length).toBeLessThanOrEqual(300)
    expect(result.error.message).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/)
  }
  return { result, reached }
}

const hostile = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true }),
  fc.string({ maxLength: 5000 }),
  fc.constantFrom('../../etc/passwd', 'a/b', '%2e%2e', '?x=1', '#frag', '\u0000', '\u202e', 'ø'.repeat(4097), '__proto__'),
)

describe('every IPC channel under fuzzing (real registrar, real dispatcher)', () => {
  it.each(CHANNELS)('%s: a well-formed call reaches its service exactly once', async (channel) => {
    const { result, reached } = await send(channel, structuredClone(VALID[channel]))
    expect(reached).toBe(true)
    expect(result).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'fuzz sentinel' } })
  })

  it('arbitrary values: answered, and VALIDATION exactly when the contract refuses them', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CHANNELS), hostile, async (channel, request) => {
        const accepted = contract[channel].request.safeParse(request === undefined ? {} : request).success
        const { result, reached } = await send(channel, request)
        expect(reached).toBe(accepted)
        if (!accepted) expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
      }),
      { numRuns: 7_000 },
    )
  })

  it('mutated well-formed calls (unknown field, missing or mistyped field, non-object) are VALIDATION and reach nothing', async () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('extra' as const), key: fc.string({ minLength: 1, maxLength: 20 }), value: fc.anything() }),
      fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
      fc.record({
        kind: fc.constant('retype' as const),
        pick: fc.nat(),
        value: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 1 })),
      }),
      fc.record({ kind: fc.constant('shape' as const), value: fc.oneof(fc.string(), fc.integer(), fc.array(fc.anything(), { maxLength: 3 }), fc.constant(null)) }),
    )
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CHANNELS), mutation, async (channel, change) => {
        const request: Record<string, unknown> = structuredClone(VALID[channel])
        const keys = Object.keys(request)
        let sent: unknown = request
        if (change.kind === 'extra') {
          if (Object.hasOwn(request, change.key)) return
          Object.defineProperty(request, change.key, { value: change.value, enumerable: true, configurable: true, writable: true })
        } else if (change.kind === 'drop' || change.kind === 'retype') {
          const key = keys[change.pick % Math.max(1, keys.length)]
          if (key === undefined) return
          if (change.kind === 'drop') {
            if (isOptional(channel, key)) return
            delete request[key]
          }
          else if (sameKind(request[key], change.value)) return
          else request[key] = change.value
        } else {
          sent = change.value
        }
        const { result, reached } = await send(channel, sent)
        expect(reached).toBe(false)
        expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
      }),
      { numRuns: 6_000 },
    )
  })
})

/** Fields the valid sample carries although the contract lets them out. */
const OPTIONAL: Partial<Record<Channel, readonly string[]>> = {
  'tokens:list': ['includeArchived'],
  'invoices:paymentResult': ['waitMs'],
  'localData:recent': ['query', 'limit'],
  'audit:list': ['filter', 'limit'],
  'audit:reveal': ['customerNumber'],
}
function isOptional(channel: Channel, key: string): boolean {
  return OPTIONAL[channel]?.includes(key) ?? false
}

/** A replacement of the same JSON kind might still be valid (e.g. another string): not a mutation then. */
function sameKind(a: unknown, b: unknown): boolean {
  const kind = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value)
  return kind(a) === kind(b)
}
