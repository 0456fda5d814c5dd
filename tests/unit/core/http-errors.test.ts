import { AxiosError } from 'axios'
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios'
import { describe, expect, it } from 'vitest'
import { errorDetail, retryAfterMs } from '../../../src/core/http/error-details.ts'
import { toAppError } from '../../../src/core/http/errors.ts'
import { tokenInactiveProblem } from './fixtures/swedbankpay.ts'

const config = { headers: { Authorization: 'Bearer SECRET-ACCESS-TOKEN' }, url: '/x?email=a@b.no' } as unknown as InternalAxiosRequestConfig

function httpError(status: number, body: unknown, headers: Record<string, string> = {}): AxiosError {
  const data = typeof body === 'string' ? body : JSON.stringify(body)
  const response = { status, statusText: '', data, headers, config } as AxiosResponse
  return new AxiosError(`Request failed with status code ${status}`, 'ERR_BAD_RESPONSE', config, {}, response)
}

function networkError(code: string): AxiosError {
  return new AxiosError(`network ${code}`, code, config, {})
}

const read = { provider: 'swedbankpay', write: false } as const
const write = { provider: 'swedbankpay', write: true } as const

describe('toAppError: HTTP statuses', () => {
  it.each([
    [400, 'PROVIDER_ERROR'],
    [401, 'AUTH_REQUIRED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [405, 'PROVIDER_ERROR'],
    [409, 'CONFLICT'],
    [422, 'CONFLICT'],
    [429, 'RATE_LIMITED'],
    [500, 'PROVIDER_UNAVAILABLE'],
    [502, 'PROVIDER_UNAVAILABLE'],
    [503, 'PROVIDER_UNAVAILABLE'],
    [302, 'PROVIDER_ERROR'],
  ])('a read answered %i is %s', (status, code) => {
    const error = toAppError(httpError(status, ''), read)
    expect(error.code).toBe(code)
    expect(error.httpStatus).toBe(status)
    expect(error.provider).toBe('swedbankpay')
    expect(error.message).toContain('Swedbank Pay')
    expect(error.message).toContain(`HTTP ${status}`)
  })

  it('a write answered 5xx is OUTCOME_UNKNOWN; a write answered 4xx keeps its code', () => {
    expect(toAppError(httpError(500, ''), write).code).toBe('OUTCOME_UNKNOWN')
    expect(toAppError(httpError(504, ''), write).code).toBe('OUTCOME_UNKNOWN')
    expect(toAppError(httpError(422, tokenInactiveProblem), write).code).toBe('CONFLICT')
  })

  it('uses the problem title and description for the agent', () => {
    const error = toAppError(httpError(422, tokenInactiveProblem), write)
    expect(error.message).toBe('Swedbank Pay refused the request (HTTP 422): Payment token is inactive: The token is archived')
  })

  it("uses Connect's errorMessage and OAuth's error_description", () => {
    const connect = toAppError(httpError(400, { exceptionType: 'InvalidQuery', errorMessage: 'The query is too short' }), {
      provider: 'connect',
      write: false,
    })
    expect(connect.message).toBe('Connect refused the request (HTTP 400): The query is too short')
    const oauth = toAppError(httpError(400, { error: 'invalid_request', error_description: 'Missing grant_type' }), {
      provider: 'connectid',
      write: false,
    })
    expect(oauth).toMatchObject({ code: 'PROVIDER_ERROR', message: 'ConnectID refused the request (HTTP 400): Missing grant_type' })
  })

  it('an OAuth invalid_client / invalid_grant at any 4xx is AUTH_REQUIRED', () => {
    const error = toAppError(httpError(400, { error: 'invalid_grant', error_description: 'Bad credentials' }), {
      provider: 'connectid',
      write: false,
    })
    expect(error.code).toBe('AUTH_REQUIRED')
  })

  it('names the subject of a 404', () => {
    expect(toAppError(httpError(404, ''), { provider: 'connect', write: false, subject: 'customer 42' }).message).toBe(
      'Connect has no customer 42 (HTTP 404).',
    )
  })

  it('never puts header values, the URL query or XML noise in the message', () => {
    const error = toAppError(httpError(500, '<html><body>Bearer SECRET-ACCESS-TOKEN</body></html>'), read)
    expect(error.message).not.toContain('SECRET')
    expect(error.message).not.toContain('email')
    const withQuery = toAppError(httpError(400, { title: 'Bad', detail: 'see https://h/p?token=abc#frag for more' }), read)
    expect(withQuery.message).toContain('https://h/p for more')
    expect(withQuery.message).not.toContain('token=abc')
  })

  it('bounds a long provider detail', () => {
    const error = toAppError(httpError(400, { detail: 'x'.repeat(10_000) }), read)
    expect(error.message.length).toBeLessThan(300)
  })
})

describe('toAppError: rate limits', () => {
  it('reads Retry-After in seconds', () => {
    const error = toAppError(httpError(429, '', { 'retry-after': '7' }), read)
    expect(error).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 7000 })
    expect(error.message).toContain('in 7 s')
  })

  it('reads Retry-After as an HTTP date', () => {
    const at = new Date(Date.now() + 30_000).toUTCString()
    const ms = toAppError(httpError(429, '', { 'retry-after': at }), read).retryAfterMs
    expect(ms).toBeGreaterThan(25_000)
    expect(ms).toBeLessThanOrEqual(30_000)
  })

  it("reads Connect's X-RateLimit-Reset seconds when there is no Retry-After", () => {
    expect(toAppError(httpError(429, '', { 'x-ratelimit-reset': '42' }), { provider: 'connect', write: false }).retryAfterMs).toBe(42_000)
  })

  it('has no retryAfterMs when the provider does not say', () => {
    expect(toAppError(httpError(429, ''), read).retryAfterMs).toBeUndefined()
  })
})

describe('toAppError: network failures', () => {
  it('connection refused is PROVIDER_UNAVAILABLE, also for writes (nothing was sent)', () => {
    expect(toAppError(networkError('ECONNREFUSED'), read).code).toBe('PROVIDER_UNAVAILABLE')
    expect(toAppError(networkError('ECONNREFUSED'), write).code).toBe('PROVIDER_UNAVAILABLE')
  })

  it('a timeout is TIMEOUT for a read and OUTCOME_UNKNOWN for a write', () => {
    expect(toAppError(networkError('ETIMEDOUT'), read).code).toBe('TIMEOUT')
    expect(toAppError(networkError('ECONNABORTED'), read).code).toBe('TIMEOUT')
    expect(toAppError(new DOMException('The operation timed out.', 'TimeoutError'), read).code).toBe('TIMEOUT')
    expect(toAppError(networkError('ETIMEDOUT'), write).code).toBe('OUTCOME_UNKNOWN')
  })

  it('a reset is PROVIDER_UNAVAILABLE for a read and OUTCOME_UNKNOWN for a write', () => {
    expect(toAppError(networkError('ECONNRESET'), read).code).toBe('PROVIDER_UNAVAILABLE')
    expect(toAppError(networkError('ECONNRESET'), write).code).toBe('OUTCOME_UNKNOWN')
  })

  it('a broken network is OFFLINE', () => {
    expect(toAppError(networkError('ENETUNREACH'), read).code).toBe('OFFLINE')
  })

  it('anything that is not an HTTP failure is INTERNAL; an AppError passes through', () => {
    expect(toAppError(new TypeError('x is undefined'), read).code).toBe('INTERNAL')
    const passed = toAppError(toAppError(httpError(404, ''), read), write)
    expect(passed.code).toBe('NOT_FOUND')
  })
})

describe('error details', () => {
  it('returns null for bodies with nothing human in them', () => {
    expect(errorDetail('')).toBeNull()
    expect(errorDetail('<error/>')).toBeNull()
    expect(errorDetail({ status: 500 })).toBeNull()
  })

  it('clamps retry delays to zero and to a day, and reads epoch resets', () => {
    const now = 1_700_000_000_000
    expect(retryAfterMs({ 'Retry-After': new Date(now - 5000).toUTCString() }, now)).toBe(0)
    expect(retryAfterMs({ 'retry-after': '999999999' }, now)).toBe(86_400_000)
    expect(retryAfterMs({ 'x-ratelimit-reset': String(now / 1000 + 10) }, now)).toBe(10_000)
  })
})
