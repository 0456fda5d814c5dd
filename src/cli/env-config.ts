/**
 * The CLI's configuration from the environment (the app's profiles live in Electron's safeStorage,
 * which a plain Node process cannot read). Connect is configured when its four variables are set,
 * Swedbank Pay when its two are; a partial set, a bad URL or nothing at all is a usage error (exit 2).
 * Optional: PAYER_REFERENCE_TEMPLATE, the Swedbank Pay payerReference of a customer (as in the app's
 * profile settings, e.g. `NO-{customerNumber}`; default the customer number itself).
 * Messages name variables, never their values.
 */
import { httpSettings } from '../core/config.ts'
import type { ConsoleConfig } from '../core/config.ts'
import { AppError } from '../shared/errors.ts'

export const CONNECT_VARIABLES = ['CONNECT_API_URL', 'CONNECTID_URL', 'CONNECT_CLIENT_ID', 'CONNECT_CLIENT_SECRET'] as const
export const SWEDBANKPAY_VARIABLES = ['SWEDBANKPAY_API_URL', 'SWEDBANKPAY_TOKEN'] as const

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

type Env = Readonly<Record<string, string | undefined>>

/** The profile the environment variables configure. */
export const ENV_PROFILE = { kind: 'production', label: 'Environment variables (CLI)' } as const satisfies ConsoleConfig['profile']

export function configFromEnv(env: Env, version: string): ConsoleConfig {
  const connect = group(env, 'Connect', CONNECT_VARIABLES)
  const swedbankPay = group(env, 'Swedbank Pay', SWEDBANKPAY_VARIABLES)
  if (connect === null && swedbankPay === null) {
    throw new AppError(
      'VALIDATION',
      `Nothing to connect to: set ${list(CONNECT_VARIABLES)} (Connect) and/or ${list(SWEDBANKPAY_VARIABLES)} (Swedbank Pay), or pass --sandbox to use the embedded sandbox.`,
    )
  }
  return {
    version,
    profile: ENV_PROFILE,
    sandbox: false,
    connect:
      connect === null
        ? null
        : {
            apiUrl: url(connect, 'CONNECT_API_URL'),
            loginUrl: url(connect, 'CONNECTID_URL'),
            clientId: connect.CONNECT_CLIENT_ID,
            clientSecret: connect.CONNECT_CLIENT_SECRET,
          },
    swedbankPay:
      swedbankPay === null ? null : { apiUrl: url(swedbankPay, 'SWEDBANKPAY_API_URL'), accessToken: swedbankPay.SWEDBANKPAY_TOKEN },
    http: httpSettings(version),
  }
}

export const PAYER_REFERENCE_TEMPLATE = 'PAYER_REFERENCE_TEMPLATE'

/** The template as set, or undefined; core checks it (createServices refuses a bad one with VALIDATION). */
export function payerReferenceTemplateFromEnv(env: Env): string | undefined {
  const value = env[PAYER_REFERENCE_TEMPLATE]?.trim() ?? ''
  return value === '' ? undefined : value
}

/** All of the group's variables (trimmed, non-empty), none of them (null), or a usage error naming the missing ones. */
function group<const N extends string>(env: Env, label: string, names: readonly N[]): Record<N, string> | null {
  const values = names.map((name) => [name, env[name]?.trim() ?? ''] as const)
  const missing = values.filter(([, value]) => value === '').map(([name]) => name)
  if (missing.length === names.length) return null
  if (missing.length > 0) {
    throw new AppError('VALIDATION', `${label} is partly configured: ${list(missing)} ${missing.length > 1 ? 'are' : 'is'} not set (${label} needs ${list(names)}).`)
  }
  return Object.fromEntries(values) as Record<N, string>
}

function url<N extends string>(values: Record<N, string>, name: N): string {
  let parsed: URL
  try {
    parsed = new URL(values[name])
  } catch {
    throw new AppError('VALIDATION', `${name} is not a URL.`)
  }
  // Plain http only to this machine (a local sandbox): credentials never cross a network unencrypted.
  const local = parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)
  if (parsed.protocol !== 'https:' && !local) throw new AppError('VALIDATION', `${name} must be an https:// URL (http only for 127.0.0.1 or localhost).`)
  if (parsed.username !== '' || parsed.password !== '' || parsed.search !== '' || parsed.hash !== '') {
    throw new AppError('VALIDATION', `${name} must be a plain base URL (no credentials, query or fragment).`)
  }
  return values[name].replace(/\/+$/, '')
}

const list = (names: readonly string[]): string =>
  names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
