/**
 * The fake ConnectID login server (/user):
 *   POST /user/oauth/token               grants client_credentials, authorization_code (+PKCE), refresh_token (grants.ts)
 *   GET|POST /user/oauth/authorize       the agents' sign-in page (authorize.ts)
 *   GET|POST /user/payment/invoice/pay   the invoice payment page (payment-page.ts)
 * Token parameters come from the form body (application/x-www-form-urlencoded) or the query string; the real
 * server accepts both, and the PHP clients send them in both.
 */
import { formParams } from '../http/body.ts'
import type { ApiFamily } from '../http/dispatcher.ts'
import { errorPage } from '../http/html.ts'
import type { ClientError, Reply } from '../http/reply.ts'
import type { RequestContext, Route } from '../http/router.ts'
import { authorizeRoutes, AUTHORIZE_PATH } from './authorize.ts'
import { GRANTS } from './grants.ts'
import type { Params } from './grants.ts'
import { oauthError } from './issue.ts'
import { paymentPageRoutes, PAYMENT_PAGE_PATH } from './payment-page.ts'

async function token(ctx: RequestContext): Promise<Reply> {
  const form = await formParams(ctx)
  const param: Params = (name) => form.get(name) ?? ctx.query.get(name) ?? undefined

  const grantType = param('grant_type')
  if (grantType === undefined) return oauthError(400, 'invalid_request', 'Missing grant_type')
  const grant = Object.hasOwn(GRANTS, grantType) ? GRANTS[grantType] : undefined
  if (!grant) return oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grantType.slice(0, 64)}`)
  return grant(ctx, param)
}

const ERRORS: Record<number, string> = { 400: 'invalid_request', 401: 'invalid_client', 404: 'not_found', 405: 'method_not_allowed', 413: 'invalid_request' }
/** Browser pages answer their errors (faults included) as HTML pages; the rest of /user in OAuth JSON. */
const PAGES = new Set([AUTHORIZE_PATH, PAYMENT_PAGE_PATH])

const routes: readonly Route[] = [{ method: 'POST', pattern: '/user/oauth/token', handle: token }, ...authorizeRoutes, ...paymentPageRoutes]

function error(ctx: RequestContext, failure: ClientError): Reply {
  if (PAGES.has(ctx.rawPath)) return errorPage(failure.status, failure.message)
  return oauthError(failure.status, ERRORS[failure.status] ?? (failure.status >= 500 ? 'server_error' : 'invalid_request'), failure.message)
}

export const connectIdFamily: ApiFamily = {
  name: 'connectid',
  owns: (rawPath) => rawPath === '/user' || rawPath.startsWith('/user/'),
  routes,
  inspectable: true,
  // RFC 6749 §5.1: token responses must not be cached; nor are the pages that carry codes and transactions.
  decorate: (_ctx, reply) => ({ ...reply, headers: { ...reply.headers, 'Cache-Control': 'no-store', Pragma: 'no-cache' } }),
  error,
}
