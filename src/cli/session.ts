/**
 * The CLI's answer to the session channels: the operator running it is the acting agent for writes
 * (through the services' AgentSession), nobody is signed in through ConnectID, and profiles are the
 * app's business (the CLI is configured by environment variables or --sandbox). The CLI keeps no
 * lookup cache, and reads its audit log through `export audit`.
 */
import { userInfo } from 'node:os'
import type { SessionHandlers } from '../shared/contract.ts'
import type { Agent, AuthStatus } from '../shared/domain.ts'
import { AppError } from '../shared/errors.ts'

export function cliAgent(env: Readonly<Record<string, string | undefined>> = process.env): Agent {
  const username = osUsername() ?? env.USER ?? env.USERNAME ?? 'unknown'
  return { userId: `cli:${username}`, name: `${username} (CLI)`, email: null }
}

function osUsername(): string | null {
  try {
    return userInfo().username || null
  } catch {
    return null // no passwd entry (some containers)
  }
}

const SIGNED_OUT: AuthStatus = { signedIn: false, agent: null, pending: false }

const unavailable = async (): Promise<never> => {
  throw new AppError('VALIDATION', 'Sign-in and profiles are not available in the CLI: use environment variables or --sandbox.')
}
const noLocalData = async (): Promise<never> => {
  throw new AppError('VALIDATION', 'The CLI keeps no local data (no lookup cache).')
}

export function cliSessionHandlers(): SessionHandlers {
  return {
    'auth:status': async () => SIGNED_OUT,
    'auth:signIn': unavailable,
    'auth:cancelSignIn': unavailable,
    'auth:signOut': unavailable,
    'profiles:get': unavailable,
    'profiles:save': unavailable,
    'profiles:setSecret': unavailable,
    'profiles:clearSecret': unavailable,
    'profiles:activate': unavailable,
    'localData:get': noLocalData,
    'localData:save': noLocalData,
    'localData:clear': noLocalData,
    'localData:recent': noLocalData,
    'audit:list': async () => {
      throw new AppError('VALIDATION', 'Read the audit log with `support-console export audit --out <file>`.')
    },
    'audit:reveal': async () => {
      throw new AppError('VALIDATION', 'The CLI shows no masked values; `export … --reveal` writes them unmasked (and audited).')
    },
  }
}
