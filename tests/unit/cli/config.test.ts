/** Configuration from the environment, and the one mapping from outcomes to exit codes and stderr lines. */
import { describe, expect, it } from 'vitest'
import { configFromEnv } from '../../../src/cli/env-config.ts'
import { EXIT, exitCodeOf, failureLine, outcomeOfError } from '../../../src/cli/outcome.ts'
import { AppError } from '../../../src/shared/errors.ts'

const CONNECT = {
  CONNECT_API_URL: 'https://api.mediaconnect.no/capi/',
  CONNECTID_URL: 'https://connectid.no/user',
  CONNECT_CLIENT_ID: 'client',
  CONNECT_CLIENT_SECRET: 'secret-value-123',
}
const SWEDBANKPAY = { SWEDBANKPAY_API_URL: 'https://api.payex.com', SWEDBANKPAY_TOKEN: 'merchant-token-456' }

const refusal = (env: Record<string, string>): string => {
  try {
    configFromEnv(env, '1.0.0')
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION') return error.message
    throw error
  }
  throw new Error('expected a refusal')
}

describe('configFromEnv', () => {
  it('both APIs from their variables (trailing slash dropped)', () => {
    const config = configFromEnv({ ...CONNECT, ...SWEDBANKPAY }, '1.0.0')
    expect(config.sandbox).toBe(false)
    expect(config.connect).toEqual({
      apiUrl: 'https://api.mediaconnect.no/capi',
      loginUrl: 'https://connectid.no/user',
      clientId: 'client',
      clientSecret: 'secret-value-123',
    })
    expect(config.swedbankPay).toEqual({ apiUrl: 'https://api.payex.com', accessToken: 'merchant-token-456' })
  })

  it('one API alone leaves the other null', () => {
    expect(configFromEnv(SWEDBANKPAY, '1.0.0').connect).toBeNull()
    expect(configFromEnv(CONNECT, '1.0.0').swedbankPay).toBeNull()
  })

  it('nothing set: says which variables, or --sandbox', () => {
    expect(refusal({})).toMatch(/CONNECT_API_URL.*SWEDBANKPAY_TOKEN.*--sandbox/)
    expect(refusal({ CONNECT_API_URL: '  ' })).toMatch(/--sandbox/)
  })

  it('a partial set names what is missing, never a value', () => {
    const message = refusal({ ...SWEDBANKPAY, CONNECT_API_URL: CONNECT.CONNECT_API_URL, CONNECT_CLIENT_SECRET: CONNECT.CONNECT_CLIENT_SECRET })
    expect(message).toMatch(/^Connect is partly configured: CONNECTID_URL and CONNECT_CLIENT_ID are not set/)
    expect(message).not.toContain('secret-value-123')
    expect(refusal({ SWEDBANKPAY_API_URL: 'https://api.payex.com' })).toMatch(/SWEDBANKPAY_TOKEN is not set/)
  })

  it('refuses URLs that are not https (except to this machine) or carry credentials', () => {
    expect(refusal({ ...SWEDBANKPAY, SWEDBANKPAY_API_URL: 'http://api.payex.com' })).toMatch(/^SWEDBANKPAY_API_URL must be an https/)
    expect(refusal({ ...SWEDBANKPAY, SWEDBANKPAY_API_URL: 'not a url' })).toBe('SWEDBANKPAY_API_URL is not a URL.')
    expect(refusal({ ...SWEDBANKPAY, SWEDBANKPAY_API_URL: 'https://u:p@api.payex.com' })).toMatch(/plain base URL/)
    expect(configFromEnv({ ...SWEDBANKPAY, SWEDBANKPAY_API_URL: 'http://127.0.0.1:4000' }, '1').swedbankPay?.apiUrl).toBe('http://127.0.0.1:4000')
  })
})

describe('exit codes', () => {
  it('0 without failures, 2 when every failure is VALIDATION, 1 otherwise', () => {
    expect(exitCodeOf({ stdout: '[]' })).toBe(EXIT.done)
    expect(exitCodeOf({ notes: ['klarna: not configured'] })).toBe(0)
    expect(exitCodeOf({ failures: [{ code: 'VALIDATION', message: 'x' }] })).toBe(2)
    expect(exitCodeOf({ failures: [{ code: 'PROVIDER_UNAVAILABLE', message: 'x' }] })).toBe(1)
    expect(exitCodeOf({ failures: [{ code: 'VALIDATION', message: 'x' }, { code: 'TIMEOUT', message: 'y' }] })).toBe(1)
  })

  it('anything but an AppError is INTERNAL, without its message', () => {
    expect(outcomeOfError(new TypeError('secret-ish detail'))).toEqual({
      failures: [{ code: 'INTERNAL', message: 'Something went wrong in the console.' }],
    })
    expect(outcomeOfError(new AppError('NOT_FOUND', 'No such payer.', { provider: 'swedbankpay', httpStatus: 404 }))).toEqual({
      failures: [{ code: 'NOT_FOUND', message: 'No such payer.', provider: 'swedbankpay', httpStatus: 404 }],
    })
  })

  it('failure lines: provider, code, status, message on one line', () => {
    expect(failureLine({ code: 'NOT_FOUND', message: 'No such payer.', provider: 'swedbankpay', httpStatus: 404 })).toBe(
      'error: swedbankpay: NOT_FOUND, HTTP 404: No such payer.',
    )
    expect(failureLine({ code: 'OUTCOME_UNKNOWN', message: 'It may or may not\nhave been done.', provider: 'connect' })).toBe(
      'error: connect: OUTCOME_UNKNOWN (outcome unknown): It may or may not have been done.',
    )
    expect(failureLine({ code: 'VALIDATION', message: 'Give --customer.' })).toBe('error: VALIDATION: Give --customer.')
    expect(failureLine({ code: 'INTERNAL', message: 'Broke.' })).toMatch(/--verbose/)
  })
})
