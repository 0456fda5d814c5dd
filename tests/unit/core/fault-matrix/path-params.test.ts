/**
 * Path parameters, checked on the sandbox's side: every value of every endpoint with a path parameter
 * (customerNumber, payerReference, token id, token type, productCode) is either refused before any request
 * (VALIDATION, and the sandbox's request log stays empty) or arrives as exactly one raw path segment whose
 * decoded value is the value the contract accepted (it trims). Hand-picked hostile values first, then
 * fast-check's arbitrary strings, 200 runs per endpoint.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExpectStatic } from 'vitest'
import type { Channel } from '../../../../src/shared/api-shape.ts'
import { contract } from '../../../../src/shared/contract.ts'
import { ERROR_CODES } from '../../../../src/shared/errors.ts'
import type { Result } from '../../../../src/shared/errors.ts'
import { SHOWCASE_TOKENS } from '../../../../src/sandbox/index.ts'
import { startCoreOnSandbox } from '../support/sandbox.ts'
import type { CoreOnSandbox } from '../support/sandbox.ts'
import { unhandledRejections } from './run-cell.ts'

interface PathFamily {
  name: string
  channel: Channel
  request: (value: string) => Record<string, unknown>
  /** The request field that carries the value. */
  field: string
  /** Every path (decoded segments) a request for this value may take; `v` is the value as the contract accepted it. */
  paths: (v: string) => string[][]
}

const KARI = '100001'
const KARI_TOKEN = SHOWCASE_TOKENS.kariVisaRecurrence
const payerToken = (segment: string) => [['online', 'payers', 'tokens', segment], ['online', 'payers', 'tokens', segment, 'archives']]

const FAMILIES: readonly PathFamily[] = [
  { name: 'customers:get customerNumber', channel: 'customers:get', field: 'customerNumber', request: (v) => ({ customerNumber: v }), paths: (v) => [['capi', 'v1', 'client', 'customer', v]] },
  {
    name: 'invoices:list customerNumber',
    channel: 'invoices:list',
    field: 'customerNumber',
    request: (v) => ({ customerNumber: v, productCode: 'AP001' }),
    paths: (v) => [['capi', 'v1', 'client', 'customer', 'invoice', 'payment', v, 'AP001']],
  },
  {
    name: 'invoices:list productCode',
    channel: 'invoices:list',
    field: 'productCode',
    request: (v) => ({ customerNumber: KARI, productCode: v }),
    paths: (v) => [['capi', 'v1', 'client', 'customer', 'invoice', 'payment', KARI, v]],
  },
  {
    name: 'tokens:list payerReference',
    channel: 'tokens:list',
    field: 'payerReference',
    request: (v) => ({ payerReference: v, providers: ['swedbankpay'], includeArchived: true }),
    paths: (v) => [['online', 'payers', v], ['online', 'payers', v, 'archives']],
  },
  {
    name: 'tokens:archiveAll payerReference',
    channel: 'tokens:archiveAll',
    field: 'payerReference',
    request: (v) => ({ provider: 'swedbankpay', payerReference: v, reason: 'r' }),
    paths: (v) => [['online', 'payers', v, 'archives']],
  },
  {
    name: 'tokens:archive token',
    channel: 'tokens:archive',
    field: 'token',
    request: (v) => ({ provider: 'swedbankpay', payerReference: KARI, token: v, tokenType: 'Recurrence', reason: 'r' }),
    paths: (v) => payerToken(`${v}-Recurrence`),
  },
  {
    name: 'tokens:archive tokenType',
    channel: 'tokens:archive',
    field: 'tokenType',
    request: (v) => ({ provider: 'swedbankpay', payerReference: '100002', token: KARI_TOKEN, tokenType: v, reason: 'r' }),
    paths: (v) => payerToken(`${KARI_TOKEN}-${v}`),
  },
  {
    name: 'tokens:rename token',
    channel: 'tokens:rename',
    field: 'token',
    request: (v) => ({ provider: 'swedbankpay', token: v, tokenType: 'Recurrence', displayName: 'd' }),
    paths: (v) => [['online', 'payers', 'tokens', `${v}-Recurrence`], ['online', 'payers', 'tokens', `${v}-Recurrence`, 'displaynames']],
  },
  {
    name: 'tokens:legacyDelete token',
    channel: 'tokens:legacyDelete',
    field: 'token',
    request: (v) => ({ kind: 'recurrence', token: v, comment: 'c' }),
    paths: (v) => [['psp', 'paymentorders', 'recurrenceTokens', v]],
  },
  {
    name: 'tokens:legacyDelete payerReference',
    channel: 'tokens:legacyDelete',
    field: 'payerReference',
    request: (v) => ({ kind: 'payerOwned', payerReference: v, comment: 'c' }),
    paths: (v) => [['psp', 'paymentorders', 'payerownedtokens', v]],
  },
]

const HOSTILE = [
  'a/b', '/', '..', '.', '../100002', 'a/../b', '%', '%2F', '%2e%2e', '%zz', 'a?b=c', '?', 'a#b', '#', 'ø', 'Bjørnstjerne',
  '😀', '👩‍👩‍👧', '\u200F100001', '\u202Eabc', ' 100001 ', 'a b', '+', '&x=1', ';a', '\\', '\uD800', 'x'.repeat(10_000),
  'é'.repeat(50), '😀'.repeat(64), 'a'.repeat(128), 'a'.repeat(129), '123456789012', '1234567890123', 'Recurrence', KARI,
]

const fragment = fc.oneof(
  fc.constantFrom('/', '..', '.', '%', '%2F', '%2e', '?', '#', '&', '=', '+', ' ', 'ø', '😀', '\u200F', '\uD800', '\\', '-'),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
  fc.stringMatching(/^[0-9]{1,12}$/),
  fc.stringMatching(/^[A-Za-z]{1,12}$/),
)
const anyValue = fc.oneof(
  { weight: 4, arbitrary: fc.array(fragment, { maxLength: 8 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 40, maxLength: 300 }) },
  // Plausible values (what a strict parameter accepts), so every endpoint also sends some.
  { weight: 1, arbitrary: fc.stringMatching(/^ ?([0-9]{1,12}|[A-Za-z]{1,32}) ?$/) },
)

/** The value as the contract accepts it (it trims), or null when the contract refuses the request. */
function accepted(family: PathFamily, value: string): string | null {
  const parsed = contract[family.channel].request.safeParse(family.request(value))
  return parsed.success ? ((parsed.data as Record<string, string>)[family.field] ?? null) : null
}

/** 'refused' before any request, or 'sent' as one segment each time. */
async function check(expect: ExpectStatic, core: CoreOnSandbox, family: PathFamily, value: string): Promise<'refused' | 'sent'> {
  core.sandbox.state.requests.length = 0
  const result = (await core.call(family.channel, family.request(value) as never)) as Result<unknown>
  // The request log (GET /__sandbox/requests), without the client-credentials token a Connect call may fetch first.
  const seen = core.sandbox.state.requests.filter((request) => request.path !== '/user/oauth/token')
  if (!result.ok) expect(ERROR_CODES).toContain(result.error.code)
  if (!result.ok && result.error.code === 'VALIDATION') {
    expect(core.sandbox.state.requests).toEqual([])
    return 'refused'
  }
  const sentValue = accepted(family, value)
  expect(sentValue, 'the contract refused it, yet it was not VALIDATION').not.toBeNull()
  expect(seen.length).toBeGreaterThan(0)
  const allowed = family.paths(sentValue!)
  for (const request of seen) {
    const segments = request.path.split('/').slice(1).map((segment) => decodeURIComponent(segment))
    expect(allowed, `${request.method} ${request.path}`).toContainEqual(segments)
  }
  return 'sent'
}

let cores: CoreOnSandbox[] = []
beforeAll(async () => {
  cores = await Promise.all(FAMILIES.map(() => startCoreOnSandbox()))
})
afterAll(async () => {
  await Promise.all(cores.map((core) => core.close()))
  expect(unhandledRejections).toEqual([])
})

const families = FAMILIES.map((family, index) => ({ family, index }))

describe('path parameters reach the sandbox as one segment, or not at all', () => {
  // One test per endpoint, on its own sandbox (its request log is read after every call): the hostile values
  // first (fast-check's examples), then arbitrary strings.
  it.concurrent.for(families)('$family.name: hostile values, then 200 arbitrary strings', { timeout: 60_000 }, async ({ family, index }, { expect: local }) => {
    const core = cores[index]!
    const outcomes = { refused: 0, sent: 0 }
    await fc.assert(
      fc.asyncProperty(anyValue, async (value) => {
        outcomes[await check(local, core, family, value)] += 1
      }),
      { numRuns: HOSTILE.length + 200, examples: HOSTILE.map((value) => [value]) },
    )
    // Both branches taken: a property that only ever saw refusals (or only sends) would prove half of it.
    local(outcomes.refused).toBeGreaterThanOrEqual(10)
    local(outcomes.sent).toBeGreaterThanOrEqual(10)
    local(core.sandbox.listening()).toBe(true)
  })

  it('the hostile values are refused where the contract or the path encoder says so, and sent otherwise', async () => {
    // Guards the guard: a check that always took the VALIDATION branch would prove nothing.
    const core = await startCoreOnSandbox()
    const sent: string[] = []
    try {
      for (const value of ['a/b', '..', '%2e%2e', 'a?b=c', 'a#b', 'ø', '😀', '\u200F1', '\uD800', 'x'.repeat(129)]) {
        core.sandbox.state.requests.length = 0
        await core.call('tokens:legacyDelete', { kind: 'recurrence', token: value, comment: 'c' })
        sent.push(core.sandbox.state.requests.map((request) => request.path.split('/').at(-1)).join(','))
      }
    } finally {
      await core.close()
    }
    expect(sent).toEqual(['a%2Fb', '', '%252e%252e', 'a%3Fb%3Dc', 'a%23b', '%C3%B8', '%F0%9F%98%80', '%E2%80%8F1', '', ''])
  })
})
