/**
 * The session layer's composition root: profiles, the agent's sign-in and the services of the active
 * profile, behind one set of handlers for every channel. Service channels are delegated to whatever
 * profile is running when the call arrives, so a switch takes effect for the next call. Profile changes
 * run one at a time. main (with Electron's platform) and the dev host (with the Node twins) use it alike.
 */
import { CHANNELS } from '../shared/api-shape.ts'
import type { Channel } from '../shared/api-shape.ts'
import type { Handlers, ServiceChannel, ServiceHandlers, SessionHandlers } from '../shared/contract.ts'
import type { EditableProfileId, ProfileKind, ProfilesState } from '../shared/domain.ts'
import { AppError } from '../shared/errors.ts'
import { DOCS_ONLY_POLICY } from './platform/link-policy.ts'
import type { LinkPolicy } from './platform/link-policy.ts'
import { createProfiles } from './profiles/profiles.ts'
import { rebuildServices, startProfile, stopProfile } from './profiles/running-profile.ts'
import type { HostDeps, ProfileDeps, RunningProfile } from './profiles/running-profile.ts'

export type RuntimeOptions = HostDeps

export interface Runtime {
  handlers: Handlers
  /** Resolves once the first profile runs; rejects when even that failed. */
  ready: Promise<void>
  /** What the system browser may be sent to now (the active profile's hosts, the sandbox's pages). */
  linkPolicy(): LinkPolicy
  /** Stops the sign-in, the services and the sandbox. Never rejects. */
  dispose(): Promise<void>
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const { logger } = options
  const profiles = createProfiles({ store: options.platform.settings, cipher: options.platform.secrets, logger })
  const deps: ProfileDeps = { ...options, profiles }

  let activeKind: ProfileKind = initialProfile()
  let latest: RunningProfile | null = null
  let disposed = false
  let running: Promise<RunningProfile> = track(startFirst(activeKind))
  const ready = running.then(() => undefined)
  // Profile changes, one after the other; a failed one does not block the next.
  let changes: Promise<unknown> = Promise.resolve()

  function initialProfile(): ProfileKind {
    const stored = profiles.storedActive()
    if (stored === 'sandbox' || profiles.canRun(stored)) return stored
    logger.warn(`the ${stored} profile has no usable credentials; the sandbox is used`)
    profiles.setActive('sandbox')
    return 'sandbox'
  }

  /** The stored profile, unless its secrets turned out unusable (another key, tampering): then the sandbox. */
  async function startFirst(kind: ProfileKind): Promise<RunningProfile> {
    const profile = await startProfile(kind, deps)
    if (kind === 'sandbox' || profiles.canRun(kind)) return profile
    logger.warn(`the ${kind} profile's secrets could not be read; the sandbox is used`)
    await stopProfile(profile, deps, { signOut: false })
    activeKind = 'sandbox'
    profiles.setActive('sandbox')
    return startProfile('sandbox', deps)
  }

  function track(next: Promise<RunningProfile>): Promise<RunningProfile> {
    next.then((profile) => (latest = profile)).catch(() => undefined)
    return next
  }

  const current = async (): Promise<RunningProfile> => {
    if (disposed) throw new AppError('INTERNAL', 'The console is shutting down.')
    return running
  }

  const change = (run: () => Promise<void>): Promise<ProfilesState> => {
    const next = changes.then(async () => {
      if (disposed) throw new AppError('INTERNAL', 'The console is shutting down.')
      await run()
      return profiles.state(activeKind)
    })
    changes = next.catch(() => undefined)
    return next
  }

  /**
   * Stops the running profile and starts `kind`. Calls arriving meanwhile wait for the new one. If it
   * cannot start, the previous profile is started again and the error is passed on.
   */
  async function switchTo(kind: ProfileKind, options: { signOut: boolean }): Promise<void> {
    const before = running
    let failure: unknown = null
    running = track(
      (async () => {
        const previous = await before.catch(() => null)
        if (previous !== null) await stopProfile(previous, deps, options)
        try {
          return await startProfile(kind, deps)
        } catch (error) {
          failure = error
          logger.error(`the ${kind} profile could not start`, { error })
          return startProfile(previous?.kind ?? 'sandbox', deps)
        }
      })(),
    )
    const started = await running
    activeKind = started.kind
    profiles.setActive(started.kind)
    if (failure !== null) throw failure
    logger.info(`profile switched to ${kind}`)
  }

  /**
   * A profile's settings or secrets changed. If it is the active one: new services, the agent staying
   * signed in, unless the login changed (then a fresh start) or nothing is left to run with (the sandbox).
   */
  async function afterProfileChange(id: EditableProfileId, change: { signInChanged: boolean }): Promise<void> {
    if (activeKind !== id) return
    if (!profiles.canRun(id)) return switchTo('sandbox', { signOut: true })
    if (change.signInChanged) return switchTo(id, { signOut: true })
    const before = running
    running = track(before.then((profile) => rebuildServices(profile, deps).catch(() => profile)))
    await running
  }

  const session: SessionHandlers = {
    'auth:status': async () => (await current()).signIn.status(),
    'auth:signIn': async () => (await current()).signIn.signIn(),
    'auth:cancelSignIn': async () => (await current()).signIn.cancelSignIn(),
    'auth:signOut': async () => (await current()).signIn.signOut(),
    'profiles:get': async () => profiles.state(activeKind),
    'profiles:save': ({ id, settings }) =>
      change(async () => {
        await afterProfileChange(id, profiles.save(id, settings))
      }),
    'profiles:setSecret': ({ id, name, value }) =>
      change(async () => {
        logger.addSecret(value)
        await profiles.setSecret(id, name, value)
        await afterProfileChange(id, { signInChanged: false })
      }),
    'profiles:clearSecret': ({ id, name }) =>
      change(async () => {
        profiles.clearSecret(id, name)
        await afterProfileChange(id, { signInChanged: false })
      }),
    'profiles:activate': ({ id }) =>
      change(async () => {
        if (id === activeKind) return
        if (id !== 'sandbox' && !profiles.canRun(id)) {
          throw new AppError('NOT_CONFIGURED', `Save the ${id} profile's settings and at least one secret before switching to it.`)
        }
        await switchTo(id, { signOut: true })
      }),
  }

  const handlers = { ...delegatedServiceHandlers(current), ...session } as Handlers

  return {
    handlers,
    ready,
    linkPolicy: () => (disposed || latest === null ? DOCS_ONLY_POLICY : latest.linkPolicy),
    async dispose() {
      if (disposed) return
      disposed = true
      await changes
      const last = await running.catch(() => null)
      if (last !== null) await stopProfile(last, deps, { signOut: false })
    },
  }
}

/** Every service channel, answered by the services of the profile running when the call arrives. */
function delegatedServiceHandlers(current: () => Promise<RunningProfile>): ServiceHandlers {
  const isServiceChannel = (channel: Channel): channel is ServiceChannel => !/^(auth|profiles):/.test(channel)
  const entries = CHANNELS.filter(isServiceChannel).map((channel) => {
    const delegate = async (request: unknown) => {
      const handler = (await current()).services.handlers[channel] as (request: unknown) => Promise<unknown>
      return handler(request)
    }
    return [channel, delegate] as const
  })
  return Object.fromEntries(entries) as unknown as ServiceHandlers
}
