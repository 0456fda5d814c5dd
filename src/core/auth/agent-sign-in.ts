/**
 * The agent's ConnectID session for one profile: sign-in in the system browser (Authorization Code +
 * PKCE S256 + state, loopback redirect), the access token in memory only, the refresh token rotated on
 * every use and persisted through a RefreshTokenVault (encrypted, or not at all), sign-out, and a
 * silent restore from the stored refresh token. Electron-free: the app, the dev host and tests run it.
 */
import type { Agent, AuthStatus } from '../../shared/domain.ts'
import { AppError, isAppError } from '../../shared/errors.ts'
import type { HttpSettings } from '../config.ts'
import type { HttpClientOptions } from '../http/client.ts'
import type { Logger } from '../log.ts'
import type { ExternalOpener } from '../platform/ports.ts'
import type { AgentSession } from './agent-session.ts'
import { createConnectIdAgentApi } from './connectid-agent.ts'
import type { AgentLogin, AgentTokens, ConnectIdAgentApi } from './connectid-agent.ts'
import { openLoopbackCallback, signInCancelled } from './loopback-callback.ts'
import type { LoopbackCallback, Schedule } from './loopback-callback.ts'
import { createPkce, createState } from './pkce.ts'
import { tokenTiming } from './token-lifetime.ts'

/** Where the refresh token lives between runs. Implementations encrypt it, or keep nothing. */
export interface RefreshTokenVault {
  load(): Promise<string | null>
  /** Replaces the stored token in one write. Never throws; says in the log when it cannot store. */
  save(refreshToken: string): Promise<void>
  clear(): Promise<void>
}

/** Persists nothing: the sign-in ends with the process (the sandbox profile). */
export const memoryOnlyVault: RefreshTokenVault = {
  load: async () => null,
  save: async () => undefined,
  clear: async () => undefined,
}

/** The agent's sign-in has ended (refused, revoked or expired): what the agent reads, and why the UI asks to sign in. */
function signInAgain(): AppError {
  return new AppError('AUTH_REQUIRED', 'Your ConnectID sign-in has expired or was revoked: sign in again.', { provider: 'connectid' })
}

export interface AgentSignInOptions {
  login: AgentLogin
  http: HttpSettings
  adapter?: HttpClientOptions['adapter']
  opener: ExternalOpener
  vault: RefreshTokenVault
  logger: Logger
  loopbackHost?: '127.0.0.1'
  /** How long a sign-in waits for the browser; 5 minutes by default. */
  timeoutMs?: number
  schedule?: Schedule
  now?: () => number
  /** Replaces the HTTP side (tests). */
  api?: ConnectIdAgentApi
}

export interface AgentSignIn {
  readonly session: AgentSession
  status(): Promise<AuthStatus>
  /** Resolves when signed in; a call while one is pending joins it. */
  signIn(): Promise<AuthStatus>
  cancelSignIn(): Promise<AuthStatus>
  /** Forgets the access token, the refresh token (stored one too) and the agent. */
  signOut(): Promise<AuthStatus>
  /** Rotates the refresh token now; false when there is no session left afterwards. */
  refresh(): Promise<boolean>
  /** Signs in silently from the stored refresh token, if there is one. */
  restore(): Promise<void>
  /** Stops a pending sign-in and forgets what is held in memory; the stored refresh token stays. */
  dispose(): void
}

interface Held {
  agent: Agent
  accessToken: string
  refreshToken: string | null
  refreshAt: number
  expiresAt: number
}

interface Attempt {
  cancelled: boolean
  listener: LoopbackCallback | null
}

export function createAgentSignIn(options: AgentSignInOptions): AgentSignIn {
  const { logger, vault } = options
  const now = options.now ?? Date.now
  const api = options.api ?? createConnectIdAgentApi(options)
  let held: Held | null = null
  let pending: { attempt: Attempt; promise: Promise<AuthStatus> } | null = null
  let refreshing: Promise<string | null> | null = null
  let restoring: Promise<void> = Promise.resolve()
  // Bumped by sign-out, invalid_grant and dispose: a request started before cannot bring a session back.
  let generation = 0

  const snapshot = (): AuthStatus => ({ signedIn: held !== null, agent: held?.agent ?? null, pending: pending !== null })

  const adopt = async (agent: Agent, tokens: AgentTokens, previousRefresh: string | null): Promise<void> => {
    const refreshToken = tokens.refreshToken ?? previousRefresh
    // One assignment: the rotated refresh token replaces the old one together with its access token.
    held = { agent, accessToken: tokens.accessToken, refreshToken, ...tokenTiming(now(), tokens.expiresIn) }
    if (tokens.refreshToken !== null) await vault.save(tokens.refreshToken)
  }

  const wipe = async (why: string): Promise<void> => {
    generation += 1
    held = null
    refreshing = null
    await vault.clear()
    logger.info(`agent signed out: ${why}`)
  }

  const staleError = () => signInCancelled()

  async function runSignIn(attempt: Attempt): Promise<void> {
    await restoring
    if (held !== null) return
    const startedIn = generation
    const pkce = createPkce()
    const state = createState()
    logger.addSecret(pkce.verifier)
    logger.addSecret(state)
    const listener = await openLoopbackCallback({
      state,
      ...(options.loopbackHost === undefined ? {} : { host: options.loopbackHost }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.schedule === undefined ? {} : { schedule: options.schedule }),
    })
    attempt.listener = listener
    try {
      if (attempt.cancelled) throw staleError()
      await options.opener.open(api.authorizeUrl({ state, challenge: pkce.challenge, redirectUri: listener.redirectUri }))
      const code = await listener.code
      logger.addSecret(code)
      const tokens = await api.exchangeCode({ code, verifier: pkce.verifier, redirectUri: listener.redirectUri })
      if (attempt.cancelled || startedIn !== generation) throw staleError()
      const agent = await api.agentProfile(tokens.accessToken)
      if (attempt.cancelled || startedIn !== generation) throw staleError()
      await adopt(agent, tokens, null)
      logger.info('agent signed in', { userId: agent.userId })
    } finally {
      listener.cancel(staleError())
    }
  }

  /** One rotation: the old refresh token is sent once, its successor is held and stored. */
  async function rotate(): Promise<string | null> {
    const current = held
    if (current === null) return null
    if (current.refreshToken === null) {
      if (now() < current.expiresAt) return current.accessToken
      await wipe('the access token expired and ConnectID gave no refresh token')
      return null
    }
    const startedIn = generation
    try {
      const tokens = await api.refresh(current.refreshToken)
      if (startedIn !== generation) return null
      await adopt(current.agent, tokens, current.refreshToken)
      return tokens.accessToken
    } catch (error) {
      if (isAppError(error) && error.code === 'AUTH_REQUIRED' && startedIn === generation) {
        await wipe('ConnectID refused the refresh token')
        return null
      }
      throw error
    }
  }

  const rotateOnce = (): Promise<string | null> => {
    refreshing ??= rotate().finally(() => {
      refreshing = null
    })
    return refreshing
  }

  async function accessToken(): Promise<string | null> {
    await restoring
    const current = held
    if (current === null) return null
    if (now() < current.refreshAt) return current.accessToken
    try {
      return await rotateOnce()
    } catch (error) {
      // A network failure while renewing early: the held token is still good until it expires.
      if (held === current && now() < current.expiresAt) return current.accessToken
      throw error
    }
  }

  /** Connect refused the agent's access token: one refresh; when ConnectID refuses it, signed out. */
  async function renewAfterRefusal(refused: string): Promise<void> {
    await restoring
    const current = held
    if (current === null) throw signInAgain()
    // Another call renewed it meanwhile: the replay takes the new one.
    if (current.accessToken !== refused) return
    if (current.refreshToken === null) {
      await wipe('Connect refused the access token and ConnectID gave no refresh token')
      throw signInAgain()
    }
    // A network failure of the refresh passes on as it is: the refresh token is still good.
    const renewed = await rotateOnce()
    if (renewed === null || renewed === refused) throw signInAgain()
  }

  async function restoreFromVault(): Promise<void> {
    const startedIn = generation
    try {
      const stored = await vault.load()
      if (stored === null || held !== null) return
      logger.addSecret(stored)
      const tokens = await api.refresh(stored)
      if (startedIn !== generation) return
      // Store the successor at once: the stored one is used up whatever happens next.
      if (tokens.refreshToken !== null) await vault.save(tokens.refreshToken)
      const agent = await api.agentProfile(tokens.accessToken)
      if (startedIn !== generation) return
      await adopt(agent, tokens, stored)
      logger.info('agent sign-in restored', { userId: agent.userId })
    } catch (error) {
      if (isAppError(error) && error.code === 'AUTH_REQUIRED') await wipe('the saved sign-in is no longer valid')
      else logger.warn('the saved sign-in could not be restored now', { code: isAppError(error) ? error.code : 'INTERNAL' })
    }
  }

  const cancelPending = (): void => {
    if (pending === null) return
    pending.attempt.cancelled = true
    pending.attempt.listener?.cancel(signInCancelled())
    pending = null
  }

  return {
    session: { current: () => held?.agent ?? null, accessToken, renewAfterRefusal },
    async status() {
      await restoring
      return snapshot()
    },
    signIn() {
      if (pending !== null) return pending.promise
      const attempt: Attempt = { cancelled: false, listener: null }
      const promise = runSignIn(attempt)
        .finally(() => {
          if (pending?.attempt === attempt) pending = null
        })
        .then(snapshot)
      // A caller that stopped waiting (a closed window) must not leave an unhandled rejection behind.
      promise.catch(() => undefined)
      pending = { attempt, promise }
      return promise
    },
    async cancelSignIn() {
      cancelPending()
      return snapshot()
    },
    async signOut() {
      cancelPending()
      await wipe('signed out by the agent')
      return snapshot()
    },
    async refresh() {
      await restoring
      return (await rotateOnce()) !== null
    },
    restore() {
      restoring = restoreFromVault()
      return restoring
    },
    dispose() {
      cancelPending()
      generation += 1
      held = null
    },
  }
}
