import { describe, expect, it } from 'vitest'
import { createDispatcher } from '../../../src/core/dispatch.ts'
import { createLogger, memorySink } from '../../../src/core/log.ts'
import type { Handlers } from '../../../src/shared/contract.ts'
import type { Customer, PaymentToken } from '../../../src/shared/domain.ts'
import { AppError } from '../../../src/shared/errors.ts'
import { handlersWith } from './support/handlers.ts'

const kari: Customer = {
  customerNumber: '100001',
  firstName: 'Kari',
  middleName: null,
  lastName: 'Nordmann',
  companyName: null,
  emails: [],
  phoneNumbers: [],
  payerReference: '100001',
}

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return handlersWith({ 'customers:search': async () => [kari], ...overrides })
}

function setup(overrides: Partial<Handlers> = {}) {
  const sink = memorySink()
  const logger = createLogger({ sinks: [sink] })
  return { dispatch: createDispatcher(handlers(overrides), { logger }), sink, logger }
}

describe('dispatcher', () => {
  it('passes a valid request to its handler and returns the data', async () => {
    const { dispatch } = setup()
    await expect(dispatch('customers:search', { query: 'kari' })).resolves.toEqual({ ok: true, data: [kari] })
  })

  it('refuses an unknown channel with VALIDATION, without echoing a long name', async () => {
    const { dispatch } = setup()
    const result = await dispatch(`evil:${'x'.repeat(5000)}`, {})
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    if (!result.ok) expect(result.error.message.length).toBeLessThan(120)
    expect((await dispatch('__proto__', {})).ok).toBe(false)
    expect((await dispatch('toString', {})).ok).toBe(false)
  })

  it('refuses malformed arguments with a short message naming the field', async () => {
    const { dispatch } = setup()
    for (const request of [null, 'kari', { query: 42 }, { query: '' }, {}]) {
      const result = await dispatch('customers:search', request)
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    }
    const result = await dispatch('customers:search', { query: 42 })
    if (!result.ok) expect(result.error.message).toMatch(/^The request was refused: query: /)
  })

  it('refuses oversize strings and unknown keys without echoing them', async () => {
    const { dispatch } = setup()
    const huge = 'A'.repeat(1_000_000)
    const oversize = await dispatch('customers:search', { query: huge })
    expect(oversize).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    if (!oversize.ok) {
      expect(oversize.error.message).toContain('query')
      expect(oversize.error.message.length).toBeLessThanOrEqual(300)
    }
    const extra = await dispatch('customers:search', { query: 'kari', [`k${huge}`]: 1 })
    expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    if (!extra.ok) expect(extra.error.message.length).toBeLessThanOrEqual(300)
  })

  it('refuses control characters and a tokens:list request with neither customer nor payer', async () => {
    const { dispatch } = setup()
    expect(await dispatch('customers:search', { query: 'a\u0000b' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(await dispatch('tokens:list', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })

  it('turns an AppError into its data', async () => {
    const { dispatch } = setup({
      'customers:search': async () => {
        throw new AppError('RATE_LIMITED', 'Connect is limiting', { retryAfterMs: 5000, provider: 'connect', httpStatus: 429 })
      },
    })
    expect(await dispatch('customers:search', { query: 'x' })).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: 'Connect is limiting', retryAfterMs: 5000, provider: 'connect', httpStatus: 429 },
    })
  })

  it('turns any other throw into INTERNAL, logs it redacted, and returns no stack', async () => {
    const { dispatch, sink, logger } = setup({
      'customers:search': async () => {
        throw new Error('db password=hunter22 failed for Bearer abc123def')
      },
    })
    logger.addSecret('hunter22')
    const result = await dispatch('customers:search', { query: 'x' })
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Something went wrong in the console; details are in the log.' },
    })
    expect(sink.text()).toContain('internal error')
    expect(sink.text()).not.toContain('hunter22')
    expect(sink.text()).not.toContain('abc123def')
  })

  it('redacts secrets from AppError messages', async () => {
    const { dispatch, logger } = setup({
      'customers:search': async () => {
        throw new AppError('PROVIDER_ERROR', 'refused key merchant-secret-1')
      },
    })
    logger.addSecret('merchant-secret-1')
    const result = await dispatch('customers:search', { query: 'x' })
    expect(JSON.stringify(result)).not.toContain('merchant-secret-1')
  })

  it('strips fields the contract does not know from answers', async () => {
    const { dispatch } = setup({ 'customers:search': async () => [{ ...kari, internalNote: 'x' } as Customer] })
    const result = await dispatch('customers:search', { query: 'x' })
    expect(result.ok && result.data).toEqual([kari])
  })

  it('an answer outside the contract is INTERNAL and logged', async () => {
    const broken = { provider: 'swedbankpay', token: 't' } as unknown as PaymentToken
    const { dispatch, sink } = setup({ 'tokens:archive': async () => broken })
    const result = await dispatch('tokens:archive', {
      provider: 'swedbankpay',
      payerReference: 'p',
      token: 't',
      tokenType: 'Payment',
      reason: 'asked',
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(sink.text()).toContain('outside the contract')
  })

  it('treats a missing request as an empty one (app:info takes none)', async () => {
    const info = { version: '1', profile: { kind: 'sandbox', label: 'S' }, sandbox: true, providers: [] } as const
    const { dispatch } = setup({ 'app:info': async () => ({ ...info, providers: [] }) })
    expect(await dispatch('app:info', undefined)).toMatchObject({ ok: true })
    expect(await dispatch('app:info', { extra: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })
})

describe('dispatcher robustness', () => {
  it('never throws, even for a thrown value whose description throws', async () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('trap')
        },
        ownKeys() {
          throw new Error('trap')
        },
        getPrototypeOf() {
          throw new Error('trap')
        },
      },
    )
    const { dispatch } = setup({
      'customers:search': async () => {
        throw hostile
      },
    })
    await expect(dispatch('customers:search', { query: 'x' })).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    await expect(dispatch('customers:search', hostile)).resolves.toMatchObject({ ok: false })
  })
})
