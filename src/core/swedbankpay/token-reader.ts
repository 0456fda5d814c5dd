/**
 * Tolerant reader for Swedbank Pay Payer API tokens (swedbankpay.md §1.4, §1.8). Accepts every
 * documented spelling: tokenList / tokenlist / tokensList, displayName / instrumentDisplayName,
 * correlationId / correlationsId, cardholderType / cardHolderType, accountId / AccountId;
 * archivedBy / archiveReason absent on active tokens; the single-token envelope or a bare token.
 * Unknown fields are ignored; a list item that cannot be read is skipped and counted.
 */
import { z } from 'zod'
import type { TokenState } from '../../shared/domain.ts'
import { lastDigits, wireText } from '../http/wire.ts'

/** Everything the Payer API tells about a token; PaymentToken (the table row) is a subset. */
export interface PayerToken {
  token: string
  tokenType: string
  state: TokenState
  payerReference: string | null
  instrument: string | null
  displayName: string | null
  correlationId: string | null
  archivedBy: string | null
  archiveReason: string | null
  networkTokenized: boolean | null
  cardBrand: string | null
  cardType: string | null
  cardholderType: string | null
  /** Last four digits of the card, or of the Trustly account number. */
  lastFour: string | null
  /** MM/YYYY */
  expiry: string | null
  accountId: string | null
}

export interface PayerTokenList {
  payerReference: string | null
  tokens: PayerToken[]
  skipped: number
}

const LIST_KEYS = ['tokenList', 'tokenlist', 'tokensList'] as const

const text = wireText

const Parameters = z.looseObject({
  cardBrand: text,
  cardType: text,
  cardholderType: text,
  cardHolderType: text,
  lastFourPan: text,
  expiryDate: text,
  expiryPan: text,
  maskedAccountNumber: text,
  accountId: text,
  AccountId: text,
})
const NO_PARAMETERS = Parameters.parse({})

const TokenFields = z.looseObject({
  token: z.string().trim().min(1),
  tokenType: z.string().trim().min(1),
  state: text,
  payerReference: text,
  instrument: text,
  displayName: text,
  instrumentDisplayName: text,
  correlationId: text,
  correlationsId: text,
  archivedBy: text,
  archiveReason: text,
  networkTokenized: z.unknown().optional().transform((value) => (typeof value === 'boolean' ? value : null)),
  instrumentParameters: z.unknown().optional().transform((value) => {
    const parsed = Parameters.safeParse(value)
    return parsed.success ? parsed.data : NO_PARAMETERS
  }),
})

/** Reads one token object; `fallbackState` applies when it carries neither `state` nor archive fields. */
export function readToken(value: unknown, fallbackState: TokenState, fallbackPayer: string | null = null): PayerToken | null {
  const parsed = TokenFields.safeParse(value)
  if (!parsed.success) return null
  const wire = parsed.data
  const p = wire.instrumentParameters
  return {
    token: wire.token,
    tokenType: wire.tokenType,
    state: readState(wire.state, wire.archivedBy ?? wire.archiveReason, fallbackState),
    payerReference: wire.payerReference ?? fallbackPayer,
    instrument: wire.instrument,
    displayName: wire.displayName ?? wire.instrumentDisplayName,
    correlationId: wire.correlationId ?? wire.correlationsId,
    archivedBy: wire.archivedBy,
    archiveReason: wire.archiveReason,
    networkTokenized: wire.networkTokenized,
    cardBrand: p.cardBrand,
    cardType: p.cardType,
    cardholderType: p.cardholderType ?? p.cardHolderType,
    lastFour: p.lastFourPan ?? lastDigits(p.maskedAccountNumber),
    expiry: normaliseExpiry(p.expiryDate ?? p.expiryPan),
    accountId: p.accountId ?? p.AccountId,
  }
}

function readState(raw: string | null, archiveField: string | null, fallback: TokenState): TokenState {
  // Anything but "active" (Archived, Deleted, Inactive...) is not usable: show it as archived.
  if (raw !== null) return raw.toLowerCase() === 'active' ? 'Active' : 'Archived'
  return archiveField !== null ? 'Archived' : fallback
}

/** "12/2028" stays; "1/2028" → "01/2028"; an ISO date (the .NET SDK's DateTime) → "MM/YYYY". */
function normaliseExpiry(value: string | null): string | null {
  if (value === null) return null
  const slash = /^(\d{1,2})\/(\d{4})$/.exec(value)
  if (slash) return `${slash[1]!.padStart(2, '0')}/${slash[2]}`
  const iso = /^(\d{4})-(\d{2})-\d{2}/.exec(value)
  if (iso) return `${iso[2]}/${iso[1]}`
  return value
}

/**
 * The list envelope `{tokens:{payerReference, tokenList:[…]}, operations}` in any documented
 * spelling, a `tokens` object without a list (no tokens), a top-level list, or a bare array.
 */
export function tokenListReader(fallbackState: TokenState) {
  return z.unknown().transform((body, ctx): PayerTokenList => {
    const found = findList(body)
    if (found === null) {
      ctx.addIssue({ code: 'custom', message: 'no token list in the body' })
      return z.NEVER
    }
    const tokens: PayerToken[] = []
    for (const item of found.items) {
      const token = readToken(item, fallbackState, found.payerReference)
      if (token !== null) tokens.push(token)
    }
    return { payerReference: found.payerReference, tokens, skipped: found.items.length - tokens.length }
  })
}

function findList(body: unknown): { items: unknown[]; payerReference: string | null } | null {
  if (Array.isArray(body)) return { items: body, payerReference: null }
  if (!isObject(body)) return null
  if (Array.isArray(body.tokens)) return { items: body.tokens, payerReference: text.parse(body.payerReference) }
  const inner = isObject(body.tokens) ? body.tokens : body
  const payerReference = text.parse(inner.payerReference ?? body.payerReference)
  for (const key of LIST_KEYS) {
    const list = inner[key]
    if (Array.isArray(list)) return { items: list, payerReference }
  }
  // A `tokens` object with no list in it: a payer without tokens.
  return inner === body ? null : { items: [], payerReference }
}

/** The single-token envelope `{id, payerReference, token:{…}}`, or a bare token. */
export function singleTokenReader(fallbackState: TokenState = 'Active') {
  return z.unknown().transform((body, ctx): PayerToken => {
    const envelope = isObject(body) && isObject(body.token) ? body : null
    const fallbackPayer = envelope === null ? null : text.parse(envelope.payerReference)
    const token = readToken(envelope === null ? body : envelope.token, fallbackState, fallbackPayer)
    if (token === null) {
      ctx.addIssue({ code: 'custom', message: 'no readable token in the body' })
      return z.NEVER
    }
    return token
  })
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
