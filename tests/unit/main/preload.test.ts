import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CHANNELS, apiShape } from '../../../src/shared/api-shape.ts'
import { createElectronMock } from '../../support/electron-mock.ts'
import type { ElectronMock } from '../../support/electron-mock.ts'

let electron: ElectronMock

beforeEach(() => {
  vi.resetModules()
  electron = createElectronMock()
  vi.doMock('electron', () => electron)
})

async function exposedApi(): Promise<Record<string, Record<string, (request?: unknown) => Promise<unknown>>>> {
  await import('../../../src/preload/index.ts')
  expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1)
  const [name, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] ?? []
  expect(name).toBe('api')
  return api as Record<string, Record<string, (request?: unknown) => Promise<unknown>>>
}

describe('preload bridge', () => {
  it('exposes exactly one frozen `api` object of domain verbs', async () => {
    const api = await exposedApi()
    expect(Object.isFrozen(api)).toBe(true)
    expect(Object.keys(api).sort()).toEqual(Object.keys(apiShape).sort())
    for (const [domain, verbs] of Object.entries(apiShape)) {
      expect(Object.isFrozen(api[domain]), domain).toBe(true)
      expect(Object.keys(api[domain] ?? {}).sort()).toEqual(Object.keys(verbs).sort())
    }
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/invoke|send|ipc|on\b/)
  })

  it('binds each verb to its fixed contract channel, whatever it is called with', async () => {
    const api = await exposedApi()
    const seen: string[] = []
    for (const [domain, verbs] of Object.entries(apiShape)) {
      for (const [verb, channel] of Object.entries(verbs)) {
        electron.ipcRenderer.invoke.mockClear()
        const fn = api[domain]?.[verb]
        if (!fn) throw new Error(`${domain}.${verb} missing`)
        expect(fn.length, `${domain}.${verb} takes one request object at most`).toBeLessThanOrEqual(1)
        // Passing another channel's name (as request or extra argument) must not change the target.
        await (fn as (...args: unknown[]) => Promise<unknown>)('tokens:archive', 'tokens:archive')
        await fn({ channel: 'tokens:archive' })
        expect(electron.ipcRenderer.invoke.mock.calls.map(([c]) => c)).toEqual([channel, channel])
        expect(electron.ipcRenderer.invoke.mock.calls[1]).toEqual([channel, { channel: 'tokens:archive' }])
        seen.push(channel)
      }
    }
    expect(seen.sort()).toEqual([...CHANNELS].sort())
  })

  it('turns a failed invoke into an INTERNAL result instead of a rejection', async () => {
    const api = await exposedApi()
    electron.ipcRenderer.invoke.mockRejectedValueOnce(new Error("Error invoking remote method 'app:info'"))
    await expect(api.app?.info?.({})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })
})
