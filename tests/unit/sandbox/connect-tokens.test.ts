import { describe, expect, it } from 'vitest'
import { agentTokens } from './agent-client.ts'
import { sandbox, token, useSandbox } from './sandbox-client.ts'

useSandbox({ token: true, reset: true })

const PATHS = {
  payex: '/v1/api/payment/payex/token',
  klarna: '/v1/customer/payment/klarna/token',
  vipps: '/v1/customer/payment/vipps/agreement',
  nexi: '/v1/api/payment/nexi/subscription',
} as const

function capi(method: string, path: string, body?: unknown, bearer = token, accept = 'application/json'): Promise<Response> {
  return fetch(`${sandbox.connectApiUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${bearer}`, Accept: accept, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
}

async function list(family: keyof typeof PATHS, customerNumber: number | string, bearer = token): Promise<Record<string, unknown[]>> {
  const response = await capi('GET', `${PATHS[family]}?customerNumber=${customerNumber}`, undefined, bearer)
  expect(response.status).toBe(200)
  return (await response.json()) as Record<string, unknown[]>
}

async function connectException(response: Response, status: number, exceptionType: string): Promise<string> {
  expect(response.status).toBe(status)
  const body = (await response.json()) as { exceptionType: string; errorMessage: string }
  expect(body).toEqual({ exceptionType, errorMessage: expect.any(String) })
  return body.errorMessage
}

describe('Connect token families: lists', () => {
  it('lists PayEx tokens in the documented shape, paymentProviderId a number', async () => {
    expect(await list('payex', 100001)).toEqual({
      paymentRecurrenceTokens: [
        {
          recurrenceToken: '4v8nwodhfja',
          paymentProviderId: 11,
          merchantId: '45723589',
          productCode: 'AP001',
          maskedCardNumber: 'xxxx-xxxxxx-x2348',
          expirationMonth: '12',
          expirationYear: '28',
          cardTypeName: 'VISA',
        },
      ],
    })
  })

  it('lists Klarna, Vipps and Nexi in their documented (Nexi: assumed) shapes', async () => {
    expect(await list('klarna', 100001)).toEqual({ recurringTokens: [{ token: '0b1d9815-165e-42e2-8867-35bc03789e00', paymentProviderId: 55, productCode: 'AP001' }] })
    expect(await list('vipps', 100001)).toEqual({ recurringAgreements: [{ agreementRef: 'agr_5kSeqz7', paymentProviderId: 25, productCode: 'AP001' }] })
    expect(await list('nexi', 100001)).toEqual({
      subscriptions: [
        {
          subscriptionId: 'a3f1c2e4b5d6978801234567890abcde',
          paymentProviderId: 70,
          productCode: 'AP001',
          maskedCardNumber: 'xxxx-xxxxxx-x5521',
          expiryMonth: '04',
          expiryYear: '29',
          cardType: 'VISA',
        },
      ],
    })
  })

  it('answers an empty list for a customer without tokens or an unknown one', async () => {
    for (const family of Object.keys(PATHS) as (keyof typeof PATHS)[]) {
      expect(Object.values(await list(family, 100004))).toEqual([[]])
      expect(Object.values(await list(family, 999999))).toEqual([[]])
    }
  })

  it('requires customerNumber (digits), with a client or an agent token', async () => {
    const agent = await agentTokens(sandbox)
    for (const bearer of [token, agent.access_token]) {
      await connectException(await capi('GET', PATHS.payex, undefined, bearer), 400, 'InvalidParameter')
      await connectException(await capi('GET', `${PATHS.klarna}?customerNumber=`, undefined, bearer), 400, 'InvalidParameter')
      await connectException(await capi('GET', `${PATHS.vipps}?customerNumber=kari`, undefined, bearer), 400, 'InvalidParameter')
    }
    expect((await list('payex', 100001, agent.access_token)).paymentRecurrenceTokens).toHaveLength(1)
  })

  it('answers XML without Accept: application/json, and carries the Connect headers', async () => {
    const response = await capi('GET', `${PATHS.klarna}?customerNumber=100003`, undefined, token, '*/*')
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/)
    expect(response.headers.get('x-mediaconnect-api-version')).toBeTruthy()
    expect(Number(response.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0)
    expect(await response.text()).toContain('<recurringTokens><recurringToken><token>7a4e2c91-58d3-4b6f-9e20-c1f83d5a6b74</token>')
  })

  it('refuses requests without a token', async () => {
    const response = await fetch(`${sandbox.connectApiUrl}${PATHS.payex}?customerNumber=100001`, { headers: { Accept: 'application/json' } })
    expect(response.status).toBe(401)
    expect(response.headers.get('x-ratelimit-reset')).toBeTruthy()
  })
})

describe('Connect token families: remove (PATCH)', () => {
  it('removes a PayEx token given paymentProviderId as a string; it leaves the list and stays in state as Removed', async () => {
    const response = await capi('PATCH', `${PATHS.payex}?customerNumber=100001`, { paymentProviderId: '11', recurrenceToken: '4v8nwodhfja' })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ success: true })
    expect((await list('payex', 100001)).paymentRecurrenceTokens).toEqual([])
    const inspected = (await (await fetch(`${sandbox.url}/__sandbox/customers/100001/tokens`)).json()) as { payex: { recurrenceToken: string; state: string }[] }
    expect(inspected.payex).toEqual([expect.objectContaining({ recurrenceToken: '4v8nwodhfja', state: 'Removed' })])
    // Twice: it is gone.
    const again = await capi('PATCH', `${PATHS.payex}?customerNumber=100001`, { paymentProviderId: 11, recurrenceToken: '4v8nwodhfja' })
    expect(await connectException(again, 400, 'TokenNotFound')).toContain('4v8nwodhfja')
  })

  it('removes Klarna, Vipps and Nexi tokens with paymentProviderId as a number', async () => {
    const removals: [keyof typeof PATHS, Record<string, unknown>][] = [
      ['klarna', { token: '0b1d9815-165e-42e2-8867-35bc03789e00', paymentProviderId: 55 }],
      ['vipps', { agreementRef: 'agr_5kSeqz7', paymentProviderId: 25 }],
      ['nexi', { subscriptionId: 'a3f1c2e4b5d6978801234567890abcde', paymentProviderId: '70' }],
    ]
    for (const [family, body] of removals) {
      const response = await capi('PATCH', `${PATHS[family]}?customerNumber=100001`, body)
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual({ success: true })
      expect(Object.values(await list(family, 100001))).toEqual([[]])
    }
    expect((await list('klarna', 100003)).recurringTokens).toHaveLength(1)
  })

  it('answers TokenNotFound for an unknown token or another customer\'s token', async () => {
    await connectException(await capi('PATCH', `${PATHS.payex}?customerNumber=100001`, { paymentProviderId: 11, recurrenceToken: 'nope' }), 400, 'TokenNotFound')
    await connectException(await capi('PATCH', `${PATHS.payex}?customerNumber=100002`, { paymentProviderId: 11, recurrenceToken: '4v8nwodhfja' }), 400, 'TokenNotFound')
    expect((await list('payex', 100001)).paymentRecurrenceTokens).toHaveLength(1)
  })

  it('refuses bad bodies with InvalidParameter and removes nothing', async () => {
    const path = `${PATHS.klarna}?customerNumber=100001`
    const id = '0b1d9815-165e-42e2-8867-35bc03789e00'
    for (const body of [{ token: id }, { token: id, paymentProviderId: 'eleven' }, { paymentProviderId: 55 }, { token: 7, paymentProviderId: 55 }, { token: id, paymentProviderId: 11 }]) {
      await connectException(await capi('PATCH', path, body), 400, 'InvalidParameter')
    }
    await connectException(await capi('PATCH', `${PATHS.klarna}`, { token: id, paymentProviderId: 55 }), 400, 'InvalidParameter')
    await connectException(await capi('PATCH', path, '[1]'), 400, 'InvalidParameter')
    expect((await list('klarna', 100001)).recurringTokens).toHaveLength(1)
  })

  it('lets a signed-in agent remove a token too', async () => {
    const agent = await agentTokens(sandbox, 'mari')
    const response = await capi('PATCH', `${PATHS.vipps}?customerNumber=100001`, { agreementRef: 'agr_5kSeqz7', paymentProviderId: 25 }, agent.access_token)
    expect(response.status).toBe(200)
  })
})

describe('inspection of a customer\'s tokens', () => {
  it('shows every family, Swedbank Pay included, with states', async () => {
    const body = (await (await fetch(`${sandbox.url}/__sandbox/customers/100001/tokens`)).json()) as Record<string, { state: string }[]>
    expect(Object.keys(body).sort()).toEqual(['customerNumber', 'klarna', 'nexi', 'payex', 'swedbankpay', 'vipps'])
    expect(body.swedbankpay?.map((t) => t.state)).toEqual(['Active', 'Active', 'Archived'])
    expect(body.nexi?.map((t) => t.state)).toEqual(['Active'])
    expect((await fetch(`${sandbox.url}/__sandbox/customers/abc/tokens`)).status).toBe(400)
  })
})
