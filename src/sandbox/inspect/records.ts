/** What the /__sandbox inspection routes show of the state: raw records, any state, for e2e assertions. */
import { TOKEN_FAMILIES } from '../connect/tokens.ts'
import { DEMO_AGENTS } from '../data/index.ts'
import { jsonReply } from '../http/reply.ts'
import type { Reply } from '../http/reply.ts'
import type { RequestContext } from '../http/router.ts'

/** GET /__sandbox/customers/<customerNumber>/tokens: every family's tokens of the customer, removed/archived/deleted too. */
export function customerTokens(ctx: RequestContext): Reply {
  const raw = ctx.params.customerNumber ?? ''
  if (!/^[0-9]{1,12}$/.test(raw)) return jsonReply(400, { error: 'The customer number must be 1 to 12 digits' })
  const customerNumber = Number(raw)
  const data = ctx.state.data
  const connect = Object.fromEntries(TOKEN_FAMILIES.map((family) => [family.name, family.all(data, customerNumber)]))
  // Swedbank Pay's payerReference is the customer number as a string (see data/types.ts).
  const swedbankpay = data.payerTokens.filter((token) => token.payerReference === String(customerNumber))
  return jsonReply(200, { customerNumber, swedbankpay, ...connect })
}

/** GET /__sandbox/transactions: invoice payments and the Pay invoice POSTs per invoiceNumber. */
export function transactions(ctx: RequestContext): Reply {
  const { transactions: all, postsPerInvoice } = ctx.state.payments
  return jsonReply(200, { transactions: [...all.values()], postsPerInvoice: Object.fromEntries(postsPerInvoice) })
}

/** GET /__sandbox/agents: the demo agents of the authorize page (id -> data-testid agent-<id>). */
export function agents(): Reply {
  return jsonReply(200, { agents: DEMO_AGENTS })
}

/** GET /__sandbox/customers/<customerNumber>: the raw customer record (names, emails, phones), for e2e leak scans. */
export function customer(ctx: RequestContext): Reply {
  const raw = ctx.params.customerNumber ?? ''
  if (!/^[0-9]{1,12}$/.test(raw)) return jsonReply(400, { error: 'The customer number must be 1 to 12 digits' })
  const found = ctx.state.data.customers.find((candidate) => candidate.customerNumber === Number(raw))
  return found ? jsonReply(200, found) : jsonReply(404, { error: `No customer ${raw}` })
}

/**
 * GET /__sandbox/secrets: every secret of this sandbox session, for leak scans of what a client stores or shows:
 * the client secret, the merchant token, and every access token, refresh token and remembered authorization
 * code issued so far (expired, rotated and revoked ones too).
 */
export function secrets(ctx: RequestContext): Reply {
  const { credentials, accessTokens, refreshTokens, authorizationCodes } = ctx.state
  return jsonReply(200, {
    clientSecret: credentials.clientSecret,
    merchantToken: credentials.merchantToken,
    accessTokens: [...accessTokens.keys()],
    refreshTokens: [...refreshTokens.keys()],
    authorizationCodes: [...authorizationCodes.keys()],
  })
}
