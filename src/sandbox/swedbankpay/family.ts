/**
 * The Swedbank Pay family (/online: the Payer API; /psp: the old PaymentOrder token endpoints):
 * the merchant token as bearer, its version headers, problem+json errors.
 */
import { bearerToken, sameSecret } from '../http/auth.ts'
import type { ApiFamily } from '../http/dispatcher.ts'
import type { Reply } from '../http/reply.ts'
import type { RequestContext } from '../http/router.ts'
import { payerRoutes } from './payers.ts'
import { paymentOrderRoutes } from './payment-orders.ts'
import { genericProblem } from './problems.ts'
import { PAYER_API_SUPPORTED_VERSIONS } from './views.ts'

function guard(ctx: RequestContext): Reply | undefined {
  const token = bearerToken(ctx.req)
  if (token !== undefined && sameSecret(token, ctx.state.credentials.merchantToken)) return undefined
  return genericProblem(401, token === undefined ? 'Missing Authorization: Bearer <AccessToken>' : 'The access token is not valid')
}

const owns = (rawPath: string, prefix: string): boolean => rawPath === prefix || rawPath.startsWith(`${prefix}/`)

export const swedbankPayFamily: ApiFamily = {
  name: 'swedbankpay',
  owns: (rawPath) => owns(rawPath, '/online') || owns(rawPath, '/psp'),
  routes: [...payerRoutes, ...paymentOrderRoutes],
  inspectable: true,
  guard,
  decorate: (_ctx, reply) => ({ ...reply, headers: { ...reply.headers, 'api-supported-versions': PAYER_API_SUPPORTED_VERSIONS } }),
  error: (_ctx, failure) => genericProblem(failure.status, failure.message, failure.problems),
}
