/**
 * The session layer's composition root: profiles, the agent's sign-in and the services of the active
 * profile, behind one set of handlers for every channel. Service channels are delegated to whatever
 * profile is running when the call arrives, so a switch takes effect for the next call. Profile changes
 * run one at a time. main (with Electron's platform) and the dev host (with the Node twins) use it alike.
 * It also holds what outlives a profile (session-records.ts): the lookup cache, wiped on sign-out and on
 * every profile switch, and the audit log, which records sign-in, sign-out and profile changes here.
 */
import { CHANNELS } from '../shared/api-shape.ts'
import type { Channel } from '../shared/api-shape.ts'
import type { Handlers, ServiceChannel, ServiceHandlers, SessionHandlers } from '../shared/contract.ts'
import type { AuthStatus, EditableProfileId, ProfileKind, ProfilesState } from '../shared/domain.ts'
import { AppError } from '../shared/errors.ts'
import { DOCS_ONLY_POLICY } from './platform/link-policy.ts'
import type { LinkPolicy } from './platform/link-policy.ts'
import { createProfiles } from './profiles/profiles.ts'
import { rebuildServices, startProfile, stopProfile } from './profiles/running-profile.ts'
import type { HostDeps, ProfileDeps, RunningProfile } from './profiles/running-profile.ts'
import { openSessionRecords, recordsHandlers } from './session-records.ts'
import { audited, errorCodeOf } from './write-audit.ts'

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
  const records = openSessionRecords({ dataDir: options.dataDir, platform: options.platform, logger })
  const deps: ProfileDeps = { ...options, profiles, records }

  let activeKind: ProfileKind = initialProfile()
  let latest: RunningProfile | null = null
  let disposed = false
  let running: Promise<RunningProfile> = track(records.ready.then(() => startFirst(activeKind)))
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
    const from = activeKind
    let failure: unknown = null
    // Who asked: the agent of the profile running now (the switch signs them out).
    const agent = latest === null ? null : agentOf(latest)
    running = track(
      (async () => {
        const previous = await before.catch(() => null)
        if (previous !== null) await stopProfile(previous, deps, options)
        // Nothing looked up under the previous profile stays on this machine.
        records.wipe(`switch to the ${kind} profile`)
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
    records.recorder(started.kind).record({
      agent,
      action: 'profile.change',
      outcome: failure === null ? 'ok' : 'failed',
      errorCode: failure === null ? null : errorCodeOf(failure),
      detail: `from=${from} to=${kind}`,
    })
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

  /** A change of a profile's settings or secrets, audited under that profile (never the secret). */
  const edit = (id: EditableProfileId, detail: string, run: () => Promise<void>): Promise<ProfilesState> =>
    change(() => audited(records.recorder(id), latest === null ? null : agentOf(latest), { action: 'profile.change', detail }, run))

  /** Audited, unless it joins a sign-in already under way (that one is recorded when it ends). */
  async function signIn(): Promise<AuthStatus> {
    const profile = await current()
    if ((await profile.signIn.status()).pending) return profile.signIn.signIn()
    const recorder = records.recorder(profile.kind)
    try {
      const status = await profile.signIn.signIn()
      recorder.record({ agent: status.agent?.userId ?? null, action: 'auth.signIn', outcome: 'ok' })
      return status
    } catch (error) {
      recorder.record({ agent: null, action: 'auth.signIn', outcome: 'failed', errorCode: errorCodeOf(error) })
      throw error
    }
  }

  async function signOut(): Promise<AuthStatus> {
    const profile = await current()
    try {
      return await audited(records.recorder(profile.kind), agentOf(profile), { action: 'auth.signOut' }, () => profile.signIn.signOut())
    } finally {
      records.wipe('the agent signed out')
    }
  }

  const session: SessionHandlers = {
    'auth:status': async () => (await current()).signIn.status(),
    'auth:signIn': signIn,
    'auth:cancelSignIn': async () => (await current()).signIn.cancelSignIn(),
    'auth:signOut': signOut,
    'profiles:get': async () => profiles.state(activeKind),
    'profiles:save': ({ id, settings }) =>
      edit(id, 'settings saved', async () => {
        await afterProfileChange(id, profiles.save(id, settings))
      }),
    'profiles:setSecret': ({ id, name, value }) =>
      edit(id, `secret set name=${name}`, async () => {
        logger.addSecret(value)
        await profiles.setSecret(id, name, value)
        await afterProfileChange(id, { signInChanged: false })
      }),
    'profiles:clearSecret': ({ id, name }) =>
      edit(id, `secret cleared name=${name}`, async () => {
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
    ...recordsHandlers(records, async () => {
      const profile = await current()
      return { profile: profile.kind, cache: profile.cache, agent: agentOf(profile) }
    }, logger),
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
      records.close()
    },
  }
}

function agentOf(profile: RunningProfile): string | null {
  return profile.signIn.session.current()?.userId ?? null
}

/** Every service channel, answered by the services of the profile running when the call arrives. */
function delegatedServiceHandlers(current: () => Promise<RunningProfile>): ServiceHandlers {
  const isServiceChannel = (channel: Channel): channel is ServiceChannel => !/^(auth|profiles|localData|audit):/.test(channel)
  const entries = CHANNELS.filter(isServiceChannel).map((channel) => {
    const delegate = async (request: unknown) => {
      const handler = (await current()).services.handlers[channel] as (request: unknown) => Promise<unknown>
      return handler(request)
    }
    return [channel, delegate] as const
  })
  return Object.fromEntries(entries) as unknown as ServiceHandlers
}
