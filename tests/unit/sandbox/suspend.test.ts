/** suspend()/resume(): "the sandbox is down" for real (connection refused), then back on the same port, same state. */
import { Agent, request } from 'node:http'
import type { Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox } from '../../../src/sandbox/index.ts'
import type { SandboxHandle } from '../../../src/sandbox/index.ts'
import { clientToken, payer } from './sandbox-client.ts'

let sandbox: SandboxHandle
afterEach(() => sandbox?.close())

/** The status of a GET on a fresh connection (no pooled socket), or the error code when it cannot connect. */
function failureCode(url: string): Promise<string> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume()
      resolve(`HTTP ${res.statusCode}`)
    })
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)))
    req.end()
  })
}

/** A GET over a keep-alive agent; resolves with the status and the socket it used (left open by the agent). */
function keepAliveGet(agent: Agent, url: string): Promise<{ status: number; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0, socket: req.socket as Socket }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('suspend and resume', () => {
  it('refuses connections while suspended and answers again on the same port, with the same state', async () => {
    sandbox = await startSandbox()
    const token = await clientToken(sandbox)
    const archived = await payer(sandbox, 'PATCH', '/online/payers/100001/archives', { reason: 'before the outage', updatedBy: 'Payee' })
    expect(archived.status).toBe(200)
    const before = sandbox.state.data.payerTokens.filter((t) => t.payerReference === '100001').map((t) => t.state)

    await sandbox.suspend()
    expect(sandbox.listening()).toBe(false)
    expect(await failureCode(`${sandbox.url}/__sandbox/routes`)).toBe('ECONNREFUSED')
    expect(await failureCode(`${sandbox.connectIdUrl}/oauth/token`)).toBe('ECONNREFUSED')

    await sandbox.resume()
    expect(sandbox.listening()).toBe(true)
    expect((await fetch(`${sandbox.url}/__sandbox/routes`)).status).toBe(200)
    // The token issued before the outage is still accepted; the archive is still there.
    const customer = await fetch(`${sandbox.connectApiUrl}/v1/client/customer/100001`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    })
    expect(customer.status).toBe(200)
    const after = sandbox.state.data.payerTokens.filter((t) => t.payerReference === '100001').map((t) => t.state)
    expect(after).toEqual(before)
    expect(after).toContain('Archived')
    expect(after).not.toContain('Active')
  })

  it('destroys open keep-alive connections on suspend', async () => {
    sandbox = await startSandbox()
    const agent = new Agent({ keepAlive: true })
    try {
      const { status, socket } = await keepAliveGet(agent, `${sandbox.url}/__sandbox/routes`)
      expect(status).toBe(200)
      expect(socket.destroyed).toBe(false)
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
      await sandbox.suspend()
      await closed
      expect(socket.destroyed).toBe(true)
    } finally {
      agent.destroy()
    }
  })

  it('is idempotent both ways, and close works while suspended; a closed sandbox cannot resume', async () => {
    sandbox = await startSandbox()
    await sandbox.resume()
    expect((await fetch(`${sandbox.url}/__sandbox/routes`)).status).toBe(200)
    await Promise.all([sandbox.suspend(), sandbox.suspend()])
    expect(await failureCode(`${sandbox.url}/__sandbox/routes`)).toBe('ECONNREFUSED')
    await sandbox.close()
    await expect(sandbox.resume()).rejects.toThrow(/closed/)
    expect(await failureCode(`${sandbox.url}/__sandbox/routes`)).toBe('ECONNREFUSED')
  })

  it('keeps a fixed port across an outage', async () => {
    sandbox = await startSandbox()
    const port = new URL(sandbox.url).port
    await sandbox.suspend()
    await sandbox.resume()
    expect(new URL(sandbox.url).port).toBe(port)
    expect((await fetch(`http://127.0.0.1:${port}/__sandbox/routes`)).status).toBe(200)
  })
})
