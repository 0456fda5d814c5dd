/** The dev host's sandbox switch and its save dialog twin, against a real sandbox and a real folder. */
import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { FolderSaveDialog } from '../../../src/core/platform/node-dialog.ts'
import { createSandboxSwitch, parseSandboxRequest } from '../../../src/devhost/sandbox-switch.ts'
import { startSandbox } from '../../../src/sandbox/index.ts'
import type { SandboxHandle } from '../../../src/sandbox/index.ts'

const started: SandboxHandle[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((handle) => handle.close()))
})

/** A GET on a fresh connection: "HTTP <status>", or the error code (ECONNREFUSED when the sandbox is down). */
function probe(url: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request(`${url}/__sandbox/routes`, { agent: false }, (res) => {
      res.resume()
      resolve(`HTTP ${res.statusCode}`)
    })
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)))
    req.end()
  })
}

describe('createSandboxSwitch', () => {
  it('stops and restarts the latest sandbox it started', async () => {
    const sandboxSwitch = createSandboxSwitch(async () => {
      const handle = await startSandbox()
      started.push(handle)
      return handle
    })
    expect(await sandboxSwitch.set('stopped')).toBeNull()
    const first = await sandboxSwitch.start()
    const second = await sandboxSwitch.start()
    expect(await sandboxSwitch.set('stopped')).toBe('stopped')
    expect(await probe(second.url)).toBe('ECONNREFUSED')
    expect(await probe(first.url)).toBe('HTTP 200')
    expect(await sandboxSwitch.set('running')).toBe('running')
    expect(await probe(second.url)).toBe('HTTP 200')
  })

  it('forgets a sandbox once it is closed (a profile switch), so there is nothing to switch', async () => {
    const sandboxSwitch = createSandboxSwitch(async () => {
      const handle = await startSandbox()
      started.push(handle)
      return handle
    })
    const handle = await sandboxSwitch.start()
    await handle.close()
    expect(await sandboxSwitch.set('running')).toBeNull()
  })
})

describe('parseSandboxRequest', () => {
  it('accepts exactly {"state":"stopped"|"running"}', () => {
    expect(parseSandboxRequest('{"state":"stopped"}')).toBe('stopped')
    expect(parseSandboxRequest('{"state":"running"}')).toBe('running')
    for (const body of ['', '{', '[]', '{"state":"paused"}', '{"state":"running","extra":true}', '{"State":"running"}']) {
      expect(parseSandboxRequest(body), body).toBeNull()
    }
  })
})

describe('FolderSaveDialog', () => {
  it('answers the suggested name inside its folder, never outside it', async () => {
    const dialog = new FolderSaveDialog('/tmp/exports')
    const ask = (defaultName: string) => dialog.chooseSavePath({ defaultName, filters: [{ name: 'CSV', extensions: ['csv'] }] })
    expect(await ask('tokens-100001.csv')).toBe('/tmp/exports/tokens-100001.csv')
    expect(await ask('../../etc/passwd')).toBe('/tmp/exports/passwd')
    expect(await ask('..\\..\\evil.csv')).toBe('/tmp/exports/evil.csv')
    expect(await ask('..')).toBe('/tmp/exports/export.csv')
    expect(dialog.asked).toEqual(['tokens-100001.csv', '../../etc/passwd', '..\\..\\evil.csv', '..'])
  })
})
