/**
 * The ConnectID / Connect paths the agent's sign-in uses (the token endpoint is connectEndpoints.token).
 * `authorize` is a browser page on the login server ({loginUrl}); `profile` is on the Connect API base.
 * Sources: /work/shared/api/connect.md §2.2 and §2.5.
 */
import type { Endpoint } from '../http/endpoint.ts'

export const agentEndpoints = {
  /** Opened in the system browser, never called by the console. PKCE parameters: RFC 7636 (not in the Connect docs). */
  authorize: { method: 'GET', path: '/oauth/authorize', base: 'login', status: 'confirmed', source: 'MC-UNITE cancel-sharing page, ivarbergman (§2.2)' },
  /** The "resource owner" of a user-mode token: who signed in. */
  profile: { method: 'GET', path: '/v1/customer/profile', status: 'confirmed', source: '[C-client] OC ConnectIdProfile.php, omniauth (§2.5)' },
} as const satisfies Record<string, Endpoint>
