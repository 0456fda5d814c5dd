/**
 * Tolerant readers of Swedbank Pay's older PaymentOrder token bodies (swedbankpay.md §1.5, §1.10):
 * `{payerOwnedTokens:{id, payerReference, tokens:[{token, tokenType, instrument, instrumentDisplayName,
 * correlationId, instrumentParameters, isDeleted?}]}, operations}` (the hrefs' `payerOwnedPaymentTokens`
 * spelling accepted too), and the answers to a single-token delete, which differ by kind:
 * `{token, isDeleted:true}` (recurrence), `{token, instrument, …}` (unscheduled), `{paymentToken, …}` (payment).
 */
import { z } from 'zod'
import { wireText } from '../http/wire.ts'
import { readToken } from './token-reader.ts'
import type { PayerToken } from './token-reader.ts'

const ENVELOPE_KEYS = ['payerOwnedTokens', 'payerOwnedPaymentTokens'] as const

export interface PayerOwnedTokens {
  payerReference: string | null
  /** Tokens the body marks `isDeleted: true` read as Archived (not usable), the others as Active. */
  tokens: PayerToken[]
  skipped: number
}

export const payerOwnedTokensReader = z.unknown().transform((body, ctx): PayerOwnedTokens => {
  const envelope = isObject(body) ? ENVELOPE_KEYS.map((key) => body[key]).find(isObject) : undefined
  if (envelope === undefined) {
    ctx.addIssue({ code: 'custom', message: 'no payerOwnedTokens in the body' })
    return z.NEVER
  }
  const payerReference = wireText.parse(envelope.payerReference)
  const items = Array.isArray(envelope.tokens) ? envelope.tokens : []
  const tokens: PayerToken[] = []
  for (const item of items) {
    const deleted = isObject(item) && item.isDeleted === true
    const token = readToken(item, deleted ? 'Archived' : 'Active', payerReference)
    if (token !== null) tokens.push(token)
  }
  return { payerReference, tokens, skipped: items.length - tokens.length }
})

/** The answer to deleting a payer's tokens: how many it lists, or null when it lists none we can read. */
export const payerOwnedDeleteCount = z.unknown().transform((body): number | null => {
  const parsed = payerOwnedTokensReader.safeParse(body)
  return parsed.success ? parsed.data.tokens.length + parsed.data.skipped : null
})

export interface LegacyDeleteAnswer {
  /** The token the provider names, if it does. */
  token: string | null
  /** `isDeleted` where the body says it (recurrence), else null. */
  isDeleted: boolean | null
}

/** Any JSON object (the documented examples are even invalid JSON in places: we only need these two fields). */
export const legacyDeleteAnswerReader = z.unknown().transform((body, ctx): LegacyDeleteAnswer => {
  if (!isObject(body)) {
    ctx.addIssue({ code: 'custom', message: 'the delete answer is not an object' })
    return z.NEVER
  }
  return {
    token: wireText.parse(body.token) ?? wireText.parse(body.paymentToken),
    isDeleted: typeof body.isDeleted === 'boolean' ? body.isDeleted : null,
  }
})

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
