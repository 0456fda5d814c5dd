/**
 * The Payer API's documented response shapes: TOKEN, the single-token envelope and the list envelope.
 * Field order follows the docs' examples; archivedBy/archiveReason are absent (not null) on active tokens.
 */
import type { PayerToken } from '../data/index.ts'
import type { Reply } from '../http/reply.ts'

export const PAYER_API_CONTENT_TYPE = 'application/json; charset=utf-8; version=3.x/2.0'
export const PAYER_API_SUPPORTED_VERSIONS = '3.x/2.0'

export function payerReply(status: number, body: unknown): Reply {
  return { status, headers: { 'Content-Type': PAYER_API_CONTENT_TYPE }, body: JSON.stringify(body) }
}

export interface Operation {
  href: string
  rel: string
  method: 'GET' | 'PATCH'
  contentType: 'application/json'
}

export const operation = (baseUrl: string, path: string, rel: string, method: 'GET' | 'PATCH'): Operation => ({
  href: `${baseUrl}${path}`,
  rel,
  method,
  contentType: 'application/json',
})

/** /online/payers/tokens/<token>-<tokenType> */
export function tokenPath(token: PayerToken): string {
  return `/online/payers/tokens/${encodeURIComponent(token.token)}-${token.tokenType}`
}

/** /online/payers/<payerReference>, the reference percent-encoded as one segment. */
export function payerPath(payerReference: string): string {
  return `/online/payers/${encodeURIComponent(payerReference)}`
}

export function tokenView(baseUrl: string, token: PayerToken) {
  const path = tokenPath(token)
  const operations = [operation(baseUrl, path, 'get-token', 'GET')]
  if (token.state === 'Active') {
    operations.push(operation(baseUrl, `${path}/archives`, 'archive-token', 'PATCH'))
    operations.push(operation(baseUrl, `${path}/displaynames`, 'update-displayname', 'PATCH'))
  }
  return {
    operations,
    id: path,
    payerReference: token.payerReference,
    token: token.token,
    tokenType: token.tokenType,
    instrument: token.instrument,
    displayName: token.displayName,
    correlationId: token.correlationId,
    state: token.state,
    ...(token.archivedBy === undefined ? {} : { archivedBy: token.archivedBy }),
    ...(token.archiveReason === undefined ? {} : { archiveReason: token.archiveReason }),
    networkTokenized: token.networkTokenized,
    instrumentParameters: { ...token.instrumentParameters },
  }
}

/** `{id, payerReference, migratedFromConsumerProfile, token:{TOKEN}}`; `suffix` is e.g. "/archives" for the archive answer. */
export function singleTokenEnvelope(baseUrl: string, token: PayerToken, suffix = '') {
  return {
    id: `${tokenPath(token)}${suffix}`,
    payerReference: token.payerReference,
    migratedFromConsumerProfile: false,
    token: tokenView(baseUrl, token),
  }
}

/** `{tokens:{id, payerReference, migratedFromConsumerProfile, tokenList:[…]}, operations:[…]}` */
export function listEnvelope(baseUrl: string, payerReference: string, tokens: readonly PayerToken[], list: 'active' | 'archives') {
  const path = payerPath(payerReference)
  const id = list === 'active' ? path : `${path}/archives`
  const operations =
    list === 'active'
      ? [operation(baseUrl, path, 'get-payer-tokens', 'GET'), operation(baseUrl, `${path}/archives`, 'archive-payer-tokens', 'PATCH')]
      : [operation(baseUrl, `${path}/archives`, 'get-archived-payer-tokens', 'GET')]
  return {
    tokens: {
      id,
      payerReference,
      migratedFromConsumerProfile: false,
      tokenList: tokens.map((token) => tokenView(baseUrl, token)),
    },
    operations,
  }
}
