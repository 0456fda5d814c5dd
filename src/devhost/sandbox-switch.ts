/**
 * The dev host's hold on the embedded sandbox: wraps startSandbox so the latest running handle is known, and
 * stops or restarts it on request (POST /__dev/sandbox), so a test can take "the providers" down for real.
 */
import type { SandboxHandle } from '../sandbox/index.ts'

export const SANDBOX_STATES = ['stopped', 'running'] as const
export type SandboxRunState = (typeof SANDBOX_STATES)[number]

export interface SandboxSwitch {
  /** Starts a sandbox (as the runtime's startSandbox) and remembers it until it is closed. */
  start(): Promise<SandboxHandle>
  /** Suspends or resumes the latest sandbox; null when none is running (another profile is active). */
  set(state: SandboxRunState): Promise<SandboxRunState | null>
}

export function createSandboxSwitch(startSandbox: () => Promise<SandboxHandle>): SandboxSwitch {
  let latest: SandboxHandle | null = null
  return {
    async start() {
      const handle = await startSandbox()
      const close = handle.close
      const tracked: SandboxHandle = {
        ...handle,
        close: () => {
          if (latest === tracked) latest = null
          return close()
        },
      }
      latest = tracked
      return tracked
    },
    async set(state) {
      const handle = latest
      if (handle === null) return null
      await (state === 'stopped' ? handle.suspend() : handle.resume())
      return handle.listening() ? 'running' : 'stopped'
    },
  }
}

/** The body of POST /__dev/sandbox: exactly `{"state":"stopped"|"running"}`, else null. */
export function parseSandboxRequest(body: string): SandboxRunState | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null
  const keys = Object.keys(parsed)
  const state = (parsed as { state?: unknown }).state
  if (keys.length !== 1 || keys[0] !== 'state') return null
  return SANDBOX_STATES.find((candidate) => candidate === state) ?? null
}
