import { afterEach, describe, expect, it, vi } from 'vitest'
import { CALLBACK_PATH, SIGN_IN_TIMEOUT_MS, openLoopbackCallback, signInCancelled } from '../../../../src/core/auth/loopback-callback.ts'
import type { LoopbackCallback } from '../../../../src/core/auth/loopback-callback.ts'
import { createState } from '../../../../src/core/auth/pkce.ts'

const opened: LoopbackCallback[] = []
afterEach(() => {
  vi.useRealTimers()
  for (const listener of opened.splice(0)) listener.cancel(signInCancelled())
})

async function listen(state = createState(), extra: Parameters<typeof openLoopbackCallback>[0] = { state }) {
  const listener = await openLoopbackCallback({ ...extra, state })
  opened.push(listener)
  const outcome = { code: null as string | null, error: null as unknown }
  listener.code.then(
    (code) => (outcome.code = code),
    (error: unknown) => (outcome.error = error),
  )
  return { listener, state, outcome }
}

const callback = (listener: LoopbackCallback, query: string, path = CALLBACK_PATH) =>
  fetch(`http://127.0.0.1:${listener.address.port}${path}${query}`)

/** Whether the promise is still unsettled after the event loop had a chance to settle it. */
async function stillPending(promise: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending')
  const winner = await Promise.race([promise.catch(() => 'rejected'), new Promise((resolve) => setTimeout(() => resolve(marker), 20))])
  return winner === marker
}

describe('the loopback redirect listener', () => {
  it('listens on 127.0.0.1 only, on a port the OS chose, and says so in the redirect URI', async () => {
    const { listener } = await listen()
    expect(listener.address.host).toBe('127.0.0.1')
    expect(listener.address.port).toBeGreaterThan(0)
    expect(listener.redirectUri).toBe(`http://127.0.0.1:${listener.address.port}/auth/callback`)
  })

  it('takes the callback with the right state, answers a static page without the code, and closes', async () => {
    const { listener, state } = await listen()
    const response = await callback(listener, `?code=the-code-123&state=${state}`)
    const page = await response.text()
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(page).toMatch(/close this tab/i)
    expect(page).not.toContain('the-code-123')
    expect(page).not.toContain(state)
    await expect(listener.code).resolves.toBe('the-code-123')
    await listener.closed
    // Single use: a second callback finds nobody listening.
    await expect(callback(listener, `?code=again&state=${state}`)).rejects.toThrow()
  })

  it.each([
    ['a wrong state', (state: string) => `?code=c&state=${state.slice(0, -2)}xx`],
    ['no state', () => '?code=c'],
    ['an empty state', () => '?code=c&state='],
    ['the state twice', (state: string) => `?code=c&state=${state}&state=${state}`],
    ['the state as a prefix', (state: string) => `?code=c&state=${state}extra`],
  ])('refuses a callback with %s and keeps waiting', async (_label, query) => {
    const { listener, state, outcome } = await listen()
    const response = await callback(listener, query(state))
    expect(response.status).toBe(400)
    expect(await response.text()).not.toMatch(/signed in/i)
    expect(await stillPending(listener.code)).toBe(true)
    expect(outcome).toEqual({ code: null, error: null })
    // The real callback still works afterwards.
    await callback(listener, `?code=real&state=${state}`)
    await expect(listener.code).resolves.toBe('real')
  })

  it('refuses another path, another method and another Host without using up the listener', async () => {
    const { listener, state } = await listen()
    expect((await callback(listener, `?code=c&state=${state}`, '/auth/callback/')).status).toBe(404)
    expect((await callback(listener, `?code=c&state=${state}`, '/')).status).toBe(404)
    const post = await fetch(`${listener.redirectUri}?code=c&state=${state}`, { method: 'POST' })
    expect(post.status).toBe(400)
    expect(await stillPending(listener.code)).toBe(true)
  })

  it('turns error=access_denied into AUTH_REQUIRED "Sign-in was cancelled"', async () => {
    const { listener, state } = await listen()
    const page = await (await callback(listener, `?error=access_denied&state=${state}`)).text()
    expect(page).toMatch(/close this tab/i)
    await expect(listener.code).rejects.toMatchObject({ code: 'AUTH_REQUIRED', message: 'Sign-in was cancelled.' })
    await listener.closed
  })

  it('reports another error code without echoing anything odd', async () => {
    const { listener, state } = await listen()
    await callback(listener, `?error=${encodeURIComponent('<script>x</script>')}&state=${state}`)
    await expect(listener.code).rejects.toMatchObject({ code: 'AUTH_REQUIRED', message: expect.stringContaining('(unknown_error)') })
  })

  it('ignores an error callback that does not carry the state', async () => {
    const { listener } = await listen()
    expect((await callback(listener, '?error=access_denied')).status).toBe(400)
    expect(await stillPending(listener.code)).toBe(true)
  })

  it('gives up after 5 minutes and closes (fake timers)', async () => {
    const state = createState()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { listener, outcome } = await listen(state)
    await vi.advanceTimersByTimeAsync(SIGN_IN_TIMEOUT_MS - 1)
    expect(outcome).toEqual({ code: null, error: null })
    await vi.advanceTimersByTimeAsync(1)
    expect(outcome.error).toMatchObject({ code: 'TIMEOUT', message: expect.stringMatching(/5 minutes/) })
    vi.useRealTimers()
    await listener.closed
    await expect(callback(listener, `?code=late&state=${state}`)).rejects.toThrow()
  })

  it('uses an injected schedule for its timeout', async () => {
    const scheduled: { run: () => void; ms: number; cancelled: boolean }[] = []
    const listener = await openLoopbackCallback({
      state: createState(),
      schedule: (run, ms) => {
        const entry = { run, ms, cancelled: false }
        scheduled.push(entry)
        return () => (entry.cancelled = true)
      },
    })
    expect(scheduled.map((entry) => entry.ms)).toEqual([SIGN_IN_TIMEOUT_MS])
    scheduled[0]?.run()
    await expect(listener.code).rejects.toMatchObject({ code: 'TIMEOUT' })
    await listener.closed
  })

  it('closes on cancel with the given error', async () => {
    const { listener, state } = await listen()
    listener.cancel(signInCancelled())
    await expect(listener.code).rejects.toMatchObject({ message: 'Sign-in was cancelled.' })
    await listener.closed
    await expect(callback(listener, `?code=c&state=${state}`)).rejects.toThrow()
  })
})
