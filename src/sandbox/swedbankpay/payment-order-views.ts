/**
 * Response shapes of the old PaymentOrder token endpoints [C SP-OLD, swedbankpay.md §1.5]. The docs' unscheduled and
 * payment examples miss a comma after instrumentDisplayName; these bodies are valid JSON.
 */
import type { PayerToken, PayerTokenType } from '../data/index.ts'
import { operation } from './views.ts'

/** Old-API version of a body: the delete-all PATCH answers with version=3.1. */
export const PAYMENT_ORDER_V31_CONTENT_TYPE = 'application/json; charset=utf-8; version=3.1'

interface DeletableKind {
  tokenType: PayerTokenType
  /** Path segment of the delete request (camelCase in the docs' requests; any case is accepted). */
  segment: string
  /** Lowercase, as the docs' operation hrefs spell it. */
  hrefSegment: string
  rel: string
  /** The problems[].name of a 404 or 422 for this kind. */
  problemName: string
}

/** Token types the old API can delete one by one. TransactionOnFile has no documented delete path. */
export const DELETABLE_KINDS: readonly DeletableKind[] = [
  { tokenType: 'Payment', segment: 'paymentTokens', hrefSegment: 'paymenttokens', rel: 'delete-paymenttokens', problemName: 'PaymentToken' },
  { tokenType: 'Recurrence', segment: 'recurrenceTokens', hrefSegment: 'recurrencetokens', rel: 'delete-recurrencetokens', problemName: 'RecurrenceToken' },
  { tokenType: 'Unscheduled', segment: 'unscheduledTokens', hrefSegment: 'unscheduledtokens', rel: 'delete-unscheduledtokens', problemName: 'UnscheduledToken' },
]

const PREFIX = '/psp/paymentorders'

export const payerOwnedTokensPath = (payerReference: string): string => `${PREFIX}/payerownedtokens/${encodeURIComponent(payerReference)}`

/** Card tokens show brand and expiry; other instruments their own parameters. */
function shortParameters(token: PayerToken): Record<string, string> {
  if (token.instrument !== 'CreditCard') return { ...token.instrumentParameters }
  const { cardBrand = '', expiryDate = '' } = token.instrumentParameters
  return { cardBrand, expiryDate }
}

/** One item of payerOwnedTokens.tokens; `baseUrl` adds its delete operation (absent once deleted). */
export function payerOwnedTokenView(token: PayerToken, baseUrl?: string) {
  const kind = DELETABLE_KINDS.find((candidate) => candidate.tokenType === token.tokenType)
  const operations =
    kind === undefined ? [] : [operation(baseUrl ?? '', `${PREFIX}/${kind.hrefSegment}/${encodeURIComponent(token.token)}`, kind.rel, 'PATCH')]
  return {
    token: token.token,
    tokenType: token.tokenType,
    ...(token.networkTokenized ? { networkTokenized: true } : {}),
    instrument: token.instrument,
    instrumentDisplayName: token.displayName,
    correlationId: token.correlationId,
    instrumentParameters: { ...token.instrumentParameters },
    ...(baseUrl === undefined ? {} : { operations }),
  }
}

/** GET: the active tokens with their delete operations, and the documented delete-payerownedtokens operation. */
export function payerOwnedTokensEnvelope(baseUrl: string, payerReference: string, tokens: readonly PayerToken[]) {
  return {
    payerOwnedTokens: {
      id: payerOwnedTokensPath(payerReference),
      payerReference,
      tokens: tokens.map((token) => payerOwnedTokenView(token, baseUrl)),
    },
    // The docs' href for this operation is the payerOwnedPaymentTokens spelling; the sandbox serves it too.
    operations: [operation(baseUrl, `${PREFIX}/payerOwnedPaymentTokens/${encodeURIComponent(payerReference)}`, 'delete-payerownedtokens', 'PATCH')],
  }
}

/** PATCH all: the tokens just deleted, without operations, as in the docs' example. */
export function deletedPayerOwnedTokensEnvelope(payerReference: string, tokens: readonly PayerToken[]) {
  return {
    payerOwnedTokens: {
      id: payerOwnedTokensPath(payerReference),
      payerReference,
      tokens: tokens.map((token) => payerOwnedTokenView(token)),
    },
  }
}

/** The answer to a single delete differs by type: recurrence is terse, payment names its token `paymentToken`. */
export function deletedTokenBody(token: PayerToken) {
  if (token.tokenType === 'Recurrence') return { token: token.token, isDeleted: true }
  const details = {
    instrument: token.instrument,
    instrumentDisplayName: token.displayName,
    correlationId: token.correlationId,
    instrumentParameters: shortParameters(token),
  }
  return token.tokenType === 'Payment' ? { paymentToken: token.token, ...details } : { token: token.token, ...details }
}
