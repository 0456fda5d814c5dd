import { describe, expect, it } from 'vitest'
import { createLogger, memorySink } from '../../../src/core/log.ts'

function setup() {
  const sink = memorySink()
  const logger = createLogger({ sinks: [sink] })
  return { sink, logger }
}

describe('logger redaction', () => {
  it('masks registered secrets in messages and fields, also URL-encoded', () => {
    const { sink, logger } = setup()
    logger.addSecret('s3cr3t+/value')
    logger.info('the secret is s3cr3t+/value', { nested: { text: 'again s3cr3t%2B%2Fvalue' } })
    expect(sink.text()).not.toContain('s3cr3t')
    expect(sink.text()).toContain('***')
  })

  it('masks bearer tokens and OAuth token fields wherever they appear', () => {
    const { sink, logger } = setup()
    logger.warn('Authorization: Bearer abc.def-ghi_jkl=', {
      body: 'grant_type=client_credentials&client_id=x&client_secret=hunter22',
      json: '{"access_token":"eyJhbGciOi","refresh_token": "rt-123456"}',
    })
    const text = sink.text()
    for (const leaked of ['abc.def', 'hunter22', 'eyJhbGciOi', 'rt-123456']) expect(text).not.toContain(leaked)
    expect(text).toContain('client_id=x')
  })

  it('masks emails and runs of 12 or more digits, but not shorter numbers', () => {
    const { sink, logger } = setup()
    logger.info('kari.nordmann+test@example.no paid with 4925000000000004, customer 100001')
    const text = sink.text()
    expect(text).not.toContain('kari.nordmann')
    expect(text).not.toContain('4925000000000004')
    expect(text).toContain('customer 100001')
  })

  it('masks fields named like secrets whole, keeps tokenType', () => {
    const { sink, logger } = setup()
    logger.info('call', { authorization: 'Basic Zm9v', clientSecret: 'x', accessToken: 'y', tokenType: 'Payment' })
    expect(sink.records[0]?.fields).toEqual({ authorization: '***', clientSecret: '***', accessToken: '***', tokenType: 'Payment' })
  })

  it('logs an error by name, message and stack only: never its attached config or headers', () => {
    const { sink, logger } = setup()
    const error = Object.assign(new Error('boom'), {
      code: 'ECONNRESET',
      config: { headers: { Authorization: 'Bearer leaked-token-value' } },
    })
    logger.error('failed', { error })
    const text = sink.text()
    expect(text).toContain('boom')
    expect(text).toContain('ECONNRESET')
    expect(text).not.toContain('leaked-token-value')
  })

  it('ignores secrets too short to mask safely, and survives a throwing sink', () => {
    const sink = memorySink()
    const logger = createLogger({ sinks: [{ write: () => { throw new Error('disk full') } }, sink] })
    logger.addSecret('ab')
    logger.addSecret(null)
    logger.info('about a cab')
    expect(sink.records[0]?.message).toBe('about a cab')
  })

  it('redact() is the same masking, for text that leaves by other ways', () => {
    const { logger } = setup()
    logger.addSecret('merchant-token-123')
    expect(logger.redact('x merchant-token-123 y')).toBe('x *** y')
  })
})
