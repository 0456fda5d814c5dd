import { describe, expect, it } from 'vitest'
import { createClientCredentials } from '../../../src/core/auth/client-credentials.ts'
import type { HttpClient, HttpRequest } from '../../../src/core/http/client.ts'
import { createLogger, memorySink } from '../../../src/core/log.ts'
import { AppError } from '../../../src/shared/errors.ts'

/** A stand-in for the ConnectID HTTP client: records requests, answers from a queue. */
function fakeLogin(answers: (() => Promise<unknown>)[]) {
  const requests: HttpRequest[] = []
  const http: HttpClient = {
    provider: 'connectid',
    async send(request, schema) {
      requests.push(request)
      const next = answers.shift()
      if (next === undefined) throw new Error('unexpected token request')
      return schema.parse(await next())
    },
  }
  return { http, requests }
}

const tokenBody = (access_token: string, expires_in: number | string = 3600) => async () => ({ access_token, expires_in, token_type: 'bearer' })

describe('client credentials', () => {
  it('posts the documented form to the token endpoint, marked safe to repeat', async () => {
    const { http, requests } = fakeLogin([tokenBody('tok-1')])
    await createClientCredentials({ http, clientId: 'console', clientSecret: 'shh-very-secret' }).token()
    expect(requests).toEqual([
      {
        endpoint: expect.objectContaining({ method: 'POST', path: '/oauth/token' }),
        form: { grant_type: 'client_credentials', client_id: 'console', client_secret: 'shh-very-secret' },
        write: false,
      },
    ])
  })

  it('keeps the token until 60 s before it expires', async () => {
    let now = 0
    const { http, requests } = fakeLogin([tokenBody('tok-1', 3600), tokenBody('tok-2', '3600')])
    const source = createClientCredentials({ http, clientId: 'c', clientSecret: 's', now: () => now })
    expect(await source.token()).toBe('tok-1')
    now = 3_539_000
    expect(await source.token()).toBe('tok-1')
    now = 3_540_000
    expect(await source.token()).toBe('tok-2')
    expect(requests).toHaveLength(2)
  })

  it('shares one in-flight request between concurrent callers', async () => {
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => (release = resolve))
    const { http, requests } = fakeLogin([
      async () => {
        await gate
        return { access_token: 'tok-shared', expires_in: 3600 }
      },
    ])
    const source = createClientCredentials({ http, clientId: 'c', clientSecret: 's' })
    const all = Promise.all([source.token(), source.token(), source.token()])
    release()
    expect(await all).toEqual(['tok-shared', 'tok-shared', 'tok-shared'])
    expect(requests).toHaveLength(1)
  })

  it('fetches again after invalidate() and after a failure', async () => {
    const { http, requests } = fakeLogin([
      async () => {
        throw new AppError('PROVIDER_UNAVAILABLE', 'down')
      },
      tokenBody('tok-1'),
      tokenBody('tok-2'),
    ])
    const source = createClientCredentials({ http, clientId: 'c', clientSecret: 's' })
    await expect(source.token()).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' })
    expect(await source.token()).toBe('tok-1')
    source.invalidate()
    expect(await source.token()).toBe('tok-2')
    expect(requests).toHaveLength(3)
  })

  it('registers the secret and every access token with the logger', async () => {
    const sink = memorySink()
    const logger = createLogger({ sinks: [sink] })
    const { http } = fakeLogin([tokenBody('access-token-abc')])
    await createClientCredentials({ http, clientId: 'c', clientSecret: 'client-secret-xyz', logger }).token()
    logger.info('oops client-secret-xyz access-token-abc')
    expect(sink.records[0]?.message).toBe('oops *** ***')
  })

  it('refuses a token answer without an access_token', async () => {
    const { http } = fakeLogin([async () => ({ token_type: 'bearer' })])
    await expect(createClientCredentials({ http, clientId: 'c', clientSecret: 's' }).token()).rejects.toThrow()
  })
})
