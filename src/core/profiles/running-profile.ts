/**
 * What runs for the active profile: its configuration, the agent's sign-in, the services built on both,
 * and, for the sandbox profile, the embedded sandbox itself. Started, rebuilt and stopped as a unit by
 * the runtime.
 */
import type { EditableProfileId, ProfileKind } from '../../shared/domain.ts'
import { createAgentSignIn, memoryOnlyVault } from '../auth/agent-sign-in.ts'
import type { AgentSignIn, RefreshTokenVault } from '../auth/agent-sign-in.ts'
import type { AgentLogin } from '../auth/connectid-agent.ts'
import type { Schedule } from '../auth/loopback-callback.ts'
import { sandboxConfig } from '../config.ts'
import type { ConsoleConfig, RunningSandbox } from '../config.ts'
import type { HttpClientOptions } from '../http/client.ts'
import type { Logger } from '../log.ts'
import { DEFAULT_PAYER_REFERENCE_TEMPLATE } from '../payer-reference.ts'
import { linkPolicyFor } from '../platform/link-policy.ts'
import type { LinkPolicy } from '../platform/link-policy.ts'
import type { Platform } from '../platform/ports.ts'
import { createServices } from '../services.ts'
import type { Services } from '../services.ts'
import type { ProfileCache } from '../cache/profile-cache.ts'
import type { SessionRecords } from '../session-records.ts'
import type { Profiles } from './profiles.ts'

/** What the host gives the runtime (see createRuntime). */
export interface HostDeps {
  platform: Platform
  logger: Logger
  version: string
  /** Where the console keeps its files (the lookup cache, the audit log): userData in the app. */
  dataDir: string
  /** Starts the embedded sandbox for the sandbox profile (loaded lazily by the caller). */
  startSandbox: () => Promise<RunningSandbox>
  httpAdapter?: HttpClientOptions['adapter']
  /** Where the sign-in's and the payment return's loopback listeners bind. */
  loopbackHost?: '127.0.0.1'
  /** Sign-in timing (tests). */
  signIn?: { timeoutMs?: number; schedule?: Schedule }
}

export interface ProfileDeps extends HostDeps {
  profiles: Profiles
  /** The lookup cache and the audit log of this run. */
  records: SessionRecords
}

export interface RunningProfile {
  kind: ProfileKind
  config: ConsoleConfig
  signIn: AgentSignIn
  services: Services
  /** The lookup cache bound to this profile (what its services keep and answer offline). */
  cache: ProfileCache
  linkPolicy: LinkPolicy
  sandbox: RunningSandbox | null
}

interface ProfileInputs {
  config: ConsoleConfig
  login: AgentLogin
  vault: RefreshTokenVault
  payerReferenceTemplate: string
  sandbox: RunningSandbox | null
}

export async function startProfile(kind: ProfileKind, deps: ProfileDeps): Promise<RunningProfile> {
  const inputs = kind === 'sandbox' ? await sandboxInputs(deps) : await editableInputs(kind, deps)
  try {
    registerSecrets(inputs.config, deps.logger)
    const signIn = createAgentSignIn({
      login: inputs.login,
      http: inputs.config.http,
      opener: deps.platform.external,
      vault: inputs.vault,
      logger: deps.logger,
      ...(deps.httpAdapter === undefined ? {} : { adapter: deps.httpAdapter }),
      ...(deps.loopbackHost === undefined ? {} : { loopbackHost: deps.loopbackHost }),
      ...(deps.signIn?.timeoutMs === undefined ? {} : { timeoutMs: deps.signIn.timeoutMs }),
      ...(deps.signIn?.schedule === undefined ? {} : { schedule: deps.signIn.schedule }),
    })
    // In the background: auth:status and the agent's token wait for it, nothing else does.
    void signIn.restore()
    const cache = deps.records.profileCache(kind)
    const services = buildServices(kind, inputs, signIn, cache, deps)
    return { kind, config: inputs.config, signIn, services, cache, linkPolicy: linkPolicyFor(inputs.config), sandbox: inputs.sandbox }
  } catch (error) {
    await inputs.sandbox?.close().catch(() => undefined)
    throw error
  }
}

/** New services from the profile's current secrets; the agent stays signed in. */
export async function rebuildServices(running: RunningProfile, deps: ProfileDeps): Promise<RunningProfile> {
  if (running.kind === 'sandbox') return running
  const inputs = await editableInputs(running.kind, deps)
  registerSecrets(inputs.config, deps.logger)
  const services = buildServices(running.kind, inputs, running.signIn, running.cache, deps)
  await disposeServices(running, deps.logger)
  return { ...running, config: inputs.config, services, linkPolicy: linkPolicyFor(inputs.config) }
}

/** Stops everything of the profile; `signOut` also forgets the agent's stored sign-in. Never rejects. */
export async function stopProfile(running: RunningProfile, deps: ProfileDeps, options: { signOut: boolean }): Promise<void> {
  if (options.signOut) await running.signIn.signOut().catch((error: unknown) => deps.logger.warn('signing out failed', { error }))
  running.signIn.dispose()
  await disposeServices(running, deps.logger)
  await running.sandbox?.close().catch((error: unknown) => deps.logger.warn('closing the sandbox failed', { error }))
}

function buildServices(kind: ProfileKind, inputs: ProfileInputs, signIn: AgentSignIn, cache: ProfileCache, deps: ProfileDeps): Services {
  return createServices(inputs.config, {
    logger: deps.logger,
    agentSession: signIn.session,
    opener: deps.platform.external,
    payerReferenceTemplate: inputs.payerReferenceTemplate,
    profile: kind,
    cache,
    audit: deps.records.recorder(kind),
    auditLog: deps.records.auditLog,
    saveDialog: deps.platform.dialog,
    ...(deps.httpAdapter === undefined ? {} : { httpAdapter: deps.httpAdapter }),
    ...(deps.loopbackHost === undefined ? {} : { paymentReturnHost: deps.loopbackHost }),
  })
}

async function disposeServices(running: RunningProfile, logger: Logger): Promise<void> {
  try {
    await running.services.dispose()
  } catch (error) {
    logger.warn('disposing the services failed', { error })
  }
}

async function sandboxInputs(deps: ProfileDeps): Promise<ProfileInputs> {
  const sandbox = await deps.startSandbox()
  return {
    config: sandboxConfig(sandbox, deps.version),
    login: { loginUrl: sandbox.connectIdUrl, apiUrl: sandbox.connectApiUrl, clientId: sandbox.credentials.clientId },
    // The sandbox forgets every token when it stops: storing the agent's would only fail next time.
    vault: memoryOnlyVault,
    payerReferenceTemplate: DEFAULT_PAYER_REFERENCE_TEMPLATE,
    sandbox,
  }
}

async function editableInputs(kind: EditableProfileId, deps: ProfileDeps): Promise<ProfileInputs> {
  const settings = deps.profiles.settings(kind)
  if (settings === null) throw new Error(`the ${kind} profile has no saved settings`)
  return {
    config: await deps.profiles.consoleConfig(kind, deps.version),
    login: { loginUrl: settings.connect.loginUrl, apiUrl: settings.connect.apiUrl, clientId: settings.connect.clientId },
    vault: deps.profiles.refreshTokens(kind),
    payerReferenceTemplate: settings.payerReferenceTemplate,
    sandbox: null,
  }
}

function registerSecrets(config: ConsoleConfig, logger: Logger): void {
  logger.addSecret(config.connect?.clientSecret)
  logger.addSecret(config.swedbankPay?.accessToken)
}
