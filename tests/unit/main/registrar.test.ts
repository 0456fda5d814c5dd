import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createDispatcher } from '../../../src/core/dispatch.ts'
import { silentLogger } from '../../../src/core/log.ts'
import { CHANNELS } from '../../../src/shared/api-shape.ts'
import { contract } from '../../../src/shared/contract.ts'
import type { Handlers } from '../../../src/shared/contract.ts'
import type { Result } from '../../../src/shared/errors.ts'
import { MockSession, MockWebContents, createElectronMock } from '../../support/electron-mock.ts'
import type { ElectronMock, MockFrame } from '../../support/electron-mock.ts'

let electron: ElectronMock
const quiet = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() })

beforeEach(() => {
  vi.resetModules()
  electron = createElectronMock()
  vi.doMock('electron', () => electron)
})

/** Stub services behind the REAL dispatcher (core/dispatch.ts), so validation is the contract's own. */
function stubHandlers() {
  const customer = {
    customerNumber: '100001',
    firstName: 'Kari',
    middleName: null,
    lastName: 'Nordmann',
    companyName: null,
    emails: [],
    phoneNumbers: [],
    payerReference: '100001',
  }
  return {
    'app:info': vi.fn(async () => ({
      version: '0.1.0-test',
      profile: { kind: 'sandbox' as const, label: 'Sandbox' },
      sandbox: true,
      providers: [],
    })),
    'customers:search': vi.fn(async () => [customer]),
    'customers:get': vi.fn(async () => ({ ...customer, cachedAt: null })),
    'tokens:list': vi.fn(async () => ({ customerNumber: '100001', payerReference: '100001', tokens: [], providers: [] })),
    'tokens:archive': vi.fn(async () => {
      throw new Error('not used in these tests')
    }),
  } satisfies Partial<Handlers>
}

function realDispatch(handlers = stubHandlers()) {
  return Object.assign(vi.fn(createDispatcher(handlers as Partial<Handlers> as Handlers, { logger: silentLogger() })), { handlers })
}

async function setup(dispatch: ReturnType<typeof vi.fn<(channel: string, request: unknown) => Promise<Result<unknown>>>> = realDispatch()) {
  const { registerContract } = await import('../../../src/main/ipc/registrar.ts')
  const { createSenderPolicy } = await import('../../../src/main/ipc/sender-policy.ts')
  const { createWindowRegistry } = await import('../../../src/main/window-registry.ts')
  const registry = createWindowRegistry()
  const window = new electron.BrowserWindow({})
  registry.track(window as never)
  const isTrustedSender = createSenderPolicy({ ownsWebContents: registry.ownsWebContents, trustedOrigins: ['app://console'] })
  const unregister = registerContract({ ipcMain: electron.ipcMain as never, dispatch, isTrustedSender, logger: quiet() })
  const invoke = (channel: string, event: unknown, request: unknown) => {
    const handler = electron.ipcMain.handlers.get(channel)
    if (!handler) throw new Error(`no handler for ${channel}`)
    return handler(event, request) as Promise<Result<unknown>>
  }
  const trustedEvent = () => ({ sender: window.webContents, senderFrame: window.webContents.mainFrame })
  return { dispatch, unregister, invoke, window, trustedEvent }
}

describe('registerContract', () => {
  it('registers exactly the contract channels, once each', async () => {
    await setup()
    const registered = electron.ipcMain.handle.mock.calls.map(([channel]) => channel)
    expect(registered).toEqual([...CHANNELS])
    expect(new Set(registered)).toEqual(new Set(Object.keys(contract)))
    expect(electron.ipcMain.on).not.toHaveBeenCalled()
  })

  it('unregister removes every handler', async () => {
    const { unregister } = await setup()
    unregister()
    expect(electron.ipcMain.handlers.size).toBe(0)
  })

  it('passes a trusted call to dispatch and returns its result', async () => {
    const { invoke, trustedEvent, dispatch } = await setup()
    const result = await invoke('customers:search', trustedEvent(), { query: 'Nordmann' })
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('customers:search', { query: 'Nordmann' })
    expect(result).toMatchObject({ ok: true, data: [{ customerNumber: '100001', lastName: 'Nordmann' }] })
  })

  it('passes the offline shapes through: customers:get keeps cachedAt; an answer without it is refused as INTERNAL', async () => {
    const handlers = stubHandlers()
    const { invoke, trustedEvent } = await setup(realDispatch(handlers))
    expect(await invoke('customers:get', trustedEvent(), { customerNumber: '100001' })).toMatchObject({
      ok: true,
      data: { customerNumber: '100001', cachedAt: null },
    })
    const { cachedAt: _cachedAt, ...oldShape } = await handlers['customers:get']()
    handlers['customers:get'].mockResolvedValueOnce(oldShape as never)
    expect(await invoke('customers:get', trustedEvent(), { customerNumber: '100001' })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })

  it.each([
    ['an over-long recent lookups query', 'localData:recent', { query: 'x'.repeat(101) }],
    ['a retention beyond a year', 'localData:save', { retentionDays: 400, maxEntries: 50_000 }],
    ['an audit page too large', 'audit:list', { limit: 5000 }],
  ])('the new channels validate too: %s is VALIDATION', async (_label, channel, request) => {
    const { invoke, trustedEvent } = await setup()
    expect(await invoke(channel, trustedEvent(), request)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it.each([
    ['a missing argument', 'customers:get', undefined],
    ['a non-object argument', 'tokens:list', 'tokens:archive'],
    ['a wrong type', 'customers:get', { customerNumber: 12 }],
    ['an unknown field', 'customers:search', { query: 'x', channel: 'tokens:archive' }],
    ['a too long query', 'customers:search', { query: 'x'.repeat(101) }],
    ['a prototype-polluting payload', 'app:info', JSON.parse('{"__proto__": {"admin": true}}')],
  ])('hands %s to dispatch, which answers VALIDATION without running a service', async (_label, channel, request) => {
    const dispatch = realDispatch()
    const { invoke, trustedEvent } = await setup(dispatch)
    const result = await invoke(channel, trustedEvent(), request)
    expect(dispatch).toHaveBeenCalledExactlyOnceWith(channel, request)
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    for (const handler of Object.values(dispatch.handlers)) expect(handler).not.toHaveBeenCalled()
  })

  describe('refuses a foreign sender without calling dispatch', () => {
    const cases: [string, (w: { webContents: MockWebContents }) => unknown][] = [
      ['null senderFrame', (w) => ({ sender: w.webContents, senderFrame: null })],
      ['missing senderFrame', (w) => ({ sender: w.webContents })],
      ['a sub-frame', (w) => ({ sender: w.webContents, senderFrame: { url: 'app://console/index.html', parent: w.webContents.mainFrame } satisfies MockFrame })],
      ['a window it did not create', () => {
        const foreign = new MockWebContents(new MockSession())
        return { sender: foreign, senderFrame: foreign.mainFrame }
      }],
      ['another origin', (w) => ({ sender: w.webContents, senderFrame: { url: 'https://evil.example/', parent: null } })],
      ['a look-alike origin', (w) => ({ sender: w.webContents, senderFrame: { url: 'app://console.evil/index.html', parent: null } })],
      ['a file: page', (w) => ({ sender: w.webContents, senderFrame: { url: 'file:///tmp/index.html', parent: null } })],
      ['an unparseable URL', (w) => ({ sender: w.webContents, senderFrame: { url: '', parent: null } })],
    ]
    it.each(cases)('%s', async (_label, makeEvent) => {
      const { invoke, window, dispatch } = await setup()
      const result = await invoke('customers:search', makeEvent(window), { query: 'x' })
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(dispatch).not.toHaveBeenCalled()
    })

    it('a window that was closed', async () => {
      const { invoke, window, trustedEvent, dispatch } = await setup()
      const event = trustedEvent()
      window.close()
      expect(await invoke('customers:search', event, { query: 'x' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      expect(dispatch).not.toHaveBeenCalled()
    })
  })

  it('never throws across IPC: a throwing dispatch becomes INTERNAL without details', async () => {
    const dispatch = vi.fn(async () => {
      throw new Error('secret stack detail')
    })
    const { invoke, trustedEvent } = await setup(dispatch)
    const result = await invoke('app:info', trustedEvent(), {})
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(JSON.stringify(result)).not.toContain('secret stack detail')
  })

  it('never throws across IPC: a malformed event becomes FORBIDDEN or INTERNAL, not an exception', async () => {
    const { invoke } = await setup()
    for (const event of [null, undefined, {}, { senderFrame: { get url() { throw new Error('boom') }, parent: null } }]) {
      const result = await invoke('app:info', event, {})
      expect(result.ok).toBe(false)
    }
  })
})
