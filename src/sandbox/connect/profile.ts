/**
 * GET /capi/v1/customer/profile (user mode): who is signed in [C-client OC ConnectIdProfile.php, omniauth].
 * With an agent's token it answers the agent's profile; a client token gets 401 invalid_token. XML root `profile`.
 */
import { findAgent } from '../data/index.ts'
import { ClientError } from '../http/reply.ts'
import type { Reply } from '../http/reply.ts'
import type { RequestContext, Route } from '../http/router.ts'
import { connectReply } from './respond.ts'

function profile(ctx: RequestContext): Reply {
  const agent = ctx.agentId === undefined ? undefined : findAgent(ctx.agentId)
  if (!agent) throw new ClientError(401, 'The profile is a user-mode endpoint: it needs the token of a signed-in agent')
  return connectReply(
    ctx,
    200,
    {
      userId: agent.userId,
      uniqueId: agent.uniqueId,
      customerNumber: agent.customerNumber,
      name: { firstName: agent.firstName, lastName: agent.lastName },
      emails: [agent.email],
      credential: { credential: agent.email, credentialType: 'A' },
    },
    'profile',
  )
}

export const profileRoutes: readonly Route[] = [{ method: 'GET', pattern: '/capi/v1/customer/profile', handle: profile }]
