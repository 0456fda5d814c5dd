/**
 * The sandbox's listening socket: listen once on 127.0.0.1, then suspend (stop listening and destroy open
 * connections, so clients get "connection refused": the sandbox is down) and resume (listen again on the same
 * port). Transitions run one at a time; after close() nothing can resume.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Listener {
  /** The port actually bound by the first listen. */
  port: number
  listening(): boolean
  suspend(): Promise<void>
  resume(): Promise<void>
  close(): Promise<void>
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
}

function stop(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()))
    server.closeAllConnections()
  })
}

export async function startListener(server: Server, port: number): Promise<Listener> {
  await listen(server, port)
  const bound = (server.address() as AddressInfo).port
  let up = true
  let closed = false
  // One transition after the other; a failed one does not block the next.
  let queue: Promise<unknown> = Promise.resolve()
  const serial = (step: () => Promise<void>): Promise<void> => {
    const next = queue.then(step)
    queue = next.catch(() => undefined)
    return next
  }

  return {
    port: bound,
    listening: () => up,
    suspend: () =>
      serial(async () => {
        if (!up) return
        up = false
        await stop(server)
      }),
    resume: () =>
      serial(async () => {
        if (closed) throw new Error('The sandbox is closed; it cannot resume.')
        if (up) return
        await listen(server, bound)
        up = true
      }),
    close: () =>
      serial(async () => {
        if (closed) return
        closed = true
        if (!up) return
        up = false
        await stop(server)
      }),
  }
}
