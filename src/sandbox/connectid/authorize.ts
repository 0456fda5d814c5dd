/**
 * ConnectID's authorize page for agents (Authorization Code + PKCE, RFC 6749 §4.1, RFC 7636, RFC 8252):
 *   GET  /user/oauth/authorize?client_id&response_type=code&scope=read&state&redirect_uri&code_challenge&code_challenge_method=S256
 *        -> an HTML page listing the demo agents to sign in as, and "Deny"
 *   POST /user/oauth/authorize (form: the same parameters + agent=<id> or deny)
 *        -> 302 redirect_uri?code=…&state=…  or  redirect_uri?error=access_denied&state=…
 * Every request is validated before anything is shown or redirected; a bad one gets a 400 page and never a
 * redirect, since its redirect_uri cannot be trusted. Only loopback redirect URIs exist for this sandbox client.
 */
import { DEMO_AGENTS, agentLabel, findAgent } from '../data/index.ts'
import { errorPage, escapeHtml, formPageRoutes, hiddenFields, htmlPage, redirectReply } from '../http/html.ts'
import type { Refusable } from '../http/html.ts'
import type { Reply } from '../http/reply.ts'
import type { RequestContext, Route } from '../http/router.ts'
import { isLoopbackHttpUrl, withQuery } from '../http/urls.ts'
import { PKCE_VALUE } from './grants.ts'
import { SCOPE, issueAuthorizationCode } from './issue.ts'

export const AUTHORIZE_PATH = '/user/oauth/authorize'

const FIELDS = ['client_id', 'response_type', 'scope', 'state', 'redirect_uri', 'code_challenge', 'code_challenge_method'] as const
const MAX_STATE_LENGTH = 500

interface AuthorizeRequest {
  clientId: string
  redirectUri: string
  scope: string
  state: string
  codeChallenge: string
}

/** The validated request, or why it is refused. */
function readRequest(ctx: RequestContext, params: URLSearchParams): Refusable<AuthorizeRequest> {
  const repeated = FIELDS.find((name) => params.getAll(name).length > 1)
  if (repeated) return { refused: `The parameter ${repeated} is repeated` }
  const get = (name: (typeof FIELDS)[number]): string => params.get(name) ?? ''
  if (get('client_id') !== ctx.state.credentials.clientId) return { refused: 'Unknown client_id' }
  if (get('response_type') !== 'code') return { refused: 'response_type must be "code"' }
  if (!isLoopbackHttpUrl(get('redirect_uri'), true)) {
    return { refused: 'redirect_uri must be a loopback URL: http://127.0.0.1:<port>/<path> or http://[::1]:<port>/<path>' }
  }
  const scope = params.get('scope') ?? SCOPE
  if (scope !== SCOPE) return { refused: `scope must be "${SCOPE}"` }
  const state = get('state')
  if (state === '' || state.length > MAX_STATE_LENGTH) return { refused: `state is required (1 to ${MAX_STATE_LENGTH} characters)` }
  if (!PKCE_VALUE.test(get('code_challenge'))) return { refused: 'code_challenge is required: 43 to 128 characters [A-Za-z0-9-._~]' }
  if (get('code_challenge_method') !== 'S256') return { refused: 'code_challenge_method must be S256 (plain is not accepted)' }
  return { clientId: get('client_id'), redirectUri: get('redirect_uri'), scope, state, codeChallenge: get('code_challenge') }
}

function page(request: AuthorizeRequest): Reply {
  const fields = hiddenFields({
    client_id: request.clientId,
    response_type: 'code',
    scope: request.scope,
    state: request.state,
    redirect_uri: request.redirectUri,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
  })
  const agents = DEMO_AGENTS.map(
    (agent) =>
      `<button type="submit" name="agent" value="${escapeHtml(agent.id)}" data-testid="agent-${escapeHtml(agent.id)}" class="primary">` +
      `Sign in as ${escapeHtml(agentLabel(agent))}</button>`,
  ).join('\n')
  return htmlPage(
    200,
    'Sign in – ConnectID sandbox',
    `<h1>Sign in to ConnectID</h1>
<p><strong>${escapeHtml(request.clientId)}</strong> asks to act for a customer-service agent (scope <code>${escapeHtml(request.scope)}</code>).
This is the local sandbox: pick a demo agent, no password needed.</p>
<form method="post" action="${AUTHORIZE_PATH}">
${fields}
<fieldset><legend>Demo agents</legend>
${agents}
</fieldset>
<button type="submit" name="deny" value="1" data-testid="deny">Deny</button>
</form>`,
  )
}

function decide(ctx: RequestContext, request: AuthorizeRequest, form: URLSearchParams): Reply {
  if (form.has('deny')) return redirectReply(withQuery(request.redirectUri, { error: 'access_denied', state: request.state }))
  const agent = findAgent(form.get('agent') ?? '')
  if (!agent) return errorPage(400, 'Choose one of the demo agents, or Deny')
  const code = issueAuthorizationCode(ctx.state, request, agent.id)
  return redirectReply(withQuery(request.redirectUri, { code, state: request.state }))
}

export const authorizeRoutes: readonly Route[] = formPageRoutes(AUTHORIZE_PATH, readRequest, page, decide)
