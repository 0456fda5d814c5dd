/**
 * Writes are never retried blindly: Pay invoice sends exactly one POST under 429, 503, 504, a reset and a
 * timeout (the sandbox counts POSTs per invoice); an archive or rename whose outcome is unclear is
 * reconciled by reading the token again, and its PATCH is never sent again.
 */
import { describe, expect, it } from 'vitest'
import { createLogger, memorySink } from '../../../../src/core/log.ts'
import { createSwedbankPayAdapter } from '../../../../src/core/providers/swedbankpay.ts'
import type { PayerApi } from '../../../../src/core/swedbankpay/payer-api.ts'
import type { PayerToken } from '../../../../src/core/swedbankpay/token-reader.ts'
import { createTokenService } from '../../../../src/core/tokens.ts'
import { SHOWCASE_TOKENS } from '../../../../src/sandbox/index.ts'
import { AppError } from '../../../../src/shared/errors.ts'
import { agentTokens } from '../../sandbox/agent-client.ts'
import { ROUTES, TEST_AGENT, core, useCoreOnSandbox } from '../support/sandbox.ts'
import { tinyRetry } from './support.ts'

const TIMEOUT_MS = 300
useCoreOnSandbox({ tweak: tinyRetry({ timeoutMs: TIMEOUT_MS }) })

const pay = { customerNumber: '100001', invoiceNumber: '7435368', productCode: 'AP001', companyCode: '68979834', paymentMethod: 'creditcardPayex' } as const
const postsFor = async (invoiceNumber: string) =>
  ((await core.admin('GET', '/transactions')) as { postsPerInvoice: Record<string, number> }).postsPerInvoice[invoiceNumber] ?? 0

describe('Pay invoice: exactly one POST per agent action', () => {
  const faults: [string, Record<string, unknown>][] = [
    ['429', { status: 429 }],
    ['429 with Retry-After: 0 (come back at once)', { status: 429, retryAfter: { seconds: 0, form: 'seconds' } }],
    ['503', { status: 503 }],
    ['504', { status: 504 }],
    ['a connection reset', { reset: true }],
    ['a timeout', { delayMs: TIMEOUT_MS * 3 }],
  ]
  for (const [name, fault] of faults) {
    it(`under ${name}: one POST, and the agent is told`, async () => {
      core.actAs(TEST_AGENT, (await agentTokens(core.sandbox)).access_token)
      // Every time, not once: a second POST would meet the fault again instead of going through unseen.
      await core.fault({ route: ROUTES.payInvoice, ...fault } as Parameters<typeof core.fault>[0])
      const result = await core.call('invoices:pay', pay)
      expect(result.ok).toBe(false)
      expect(await postsFor('7435368')).toBe(1)
    })
  }
})

const archive = { provider: 'swedbankpay', payerReference: '100001', token: SHOWCASE_TOKENS.kariVisaRecurrence, tokenType: 'Recurrence', reason: 'asked' } as const
const sentTo = async (method: string, pathPart: string) =>
  (await core.requests()).filter((request) => request.method === method && request.path.includes(pathPart)).length

describe('an archive or rename with an unclear outcome, read again (sandbox)', () => {
  it('archive answered 502, not applied: OUTCOME_UNKNOWN saying it is not archived; one PATCH, and one more GET of the token', async () => {
    await core.fault({ route: ROUTES.archiveToken, status: 502 })
    const result = await core.call('tokens:archive', archive)
    expect(result).toMatchObject({ ok: false, error: { code: 'OUTCOME_UNKNOWN', httpStatus: 502, provider: 'swedbankpay' } })
    if (!result.ok) expect(result.error.message).toMatch(/reading the token again shows it not archived \(yet\).*you may try again/)
    expect(await sentTo('PATCH', '/archives')).toBe(1)
    // The check before the archive, and the reconciling read.
    expect(await sentTo('GET', `/online/payers/tokens/${archive.token}`)).toBe(2)
  })

  it('rename answered 503, not applied: OUTCOME_UNKNOWN saying it is not renamed; one PATCH', async () => {
    await core.fault({ route: 'PATCH /online/payers/tokens/:tokenId/displaynames', status: 503 })
    const result = await core.call('tokens:rename', { provider: 'swedbankpay', token: archive.token, tokenType: 'Recurrence', displayName: 'Work card' })
    expect(result).toMatchObject({ ok: false, error: { code: 'OUTCOME_UNKNOWN' } })
    if (!result.ok) expect(result.error.message).toContain('not renamed (yet)')
    expect(await sentTo('PATCH', '/displaynames')).toBe(1)
  })

  it('the reconciling read fails too: the first OUTCOME_UNKNOWN as it was', async () => {
    await core.fault({ route: 'PATCH /online/payers/tokens/:tokenId/displaynames', status: 500 })
    await core.fault({ route: ROUTES.getToken, status: 500 })
    const result = await core.call('tokens:rename', { provider: 'swedbankpay', token: archive.token, tokenType: 'Recurrence', displayName: 'Work card' })
    expect(result).toMatchObject({ ok: false, error: { code: 'OUTCOME_UNKNOWN', httpStatus: 500 } })
    if (!result.ok) expect(result.error.message).toContain('it may or may not have been done')
    expect(await sentTo('PATCH', '/displaynames')).toBe(1)
  })
})

describe('an archive or rename with an unclear outcome, read again (the change was made)', () => {
  const unclear = new AppError('OUTCOME_UNKNOWN', 'Swedbank Pay did not confirm the change in time; it may or may not have been done.', { provider: 'swedbankpay' })
  const stored: PayerToken = {
    token: 't-1',
    tokenType: 'Payment',
    state: 'Active',
    payerReference: '100001',
    instrument: 'CreditCard',
    displayName: 'Old name',
    correlationId: null,
    archivedBy: null,
    archiveReason: null,
    networkTokenized: null,
    cardBrand: 'Visa',
    cardType: null,
    cardholderType: null,
    lastFour: '1234',
    expiry: '12/2030',
    accountId: null,
  }

  /** A Payer API whose PATCHes are carried out but never confirmed (the answer is lost). */
  function lostAnswers() {
    const token = { ...stored }
    const calls: string[] = []
    const api: PayerApi = {
      listActive: async () => [],
      listArchived: async () => [],
      getToken: async () => {
        calls.push('GET')
        return { ...token }
      },
      archiveToken: async (_ref, reason) => {
        calls.push('PATCH archive')
        Object.assign(token, { state: 'Archived', archivedBy: 'PAYEE', archiveReason: reason })
        throw unclear
      },
      renameToken: async (_ref, displayName) => {
        calls.push('PATCH rename')
        token.displayName = displayName
        throw unclear
      },
      archiveAll: async () => [],
    }
    const service = createTokenService({
      adapters: [],
      swedbankPay: createSwedbankPayAdapter(api),
      logger: createLogger({ sinks: [memorySink()] }),
    })
    return { service, calls }
  }

  it('archive: the token reads archived, so the archive succeeded; the PATCH was sent once', async () => {
    const { service, calls } = lostAnswers()
    const archived = await service.archiveToken({ provider: 'swedbankpay', payerReference: '100001', token: 't-1', tokenType: 'Payment', reason: 'asked' })
    expect(archived).toMatchObject({ token: 't-1', state: 'Archived', archiveReason: 'asked' })
    expect(calls).toEqual(['GET', 'PATCH archive', 'GET'])
  })

  it('rename: the token reads with the new name, so the rename succeeded; the PATCH was sent once', async () => {
    const { service, calls } = lostAnswers()
    const renamed = await service.rename({ provider: 'swedbankpay', token: 't-1', tokenType: 'Payment', displayName: 'Work card' })
    expect(renamed).toMatchObject({ token: 't-1', displayName: 'Work card' })
    expect(calls).toEqual(['PATCH rename', 'GET'])
  })
})
