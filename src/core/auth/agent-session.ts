/**
 * Who is acting, as the services see it. In the app this is the agent signed in through ConnectID
 * (src/core/auth, the session layer); in the CLI it is the operator running it.
 */
import type { Agent } from '../../shared/domain.ts'

export interface AgentSession {
  /** The acting agent, or null when nobody is signed in. Writes (archive, remove, rename, delete, pay) need one. */
  current(): Agent | null
  /**
   * The agent's ConnectID access token for user-mode calls (refreshed as needed), or null when there
   * is none; callers then use the client-credentials token (an assumption marked in the endpoint table).
   */
  accessToken(): Promise<string | null>
  /**
   * Connect refused `refused` (401): renew the agent's token once (a refresh), so the call can be sent once
   * more. Rejects with AUTH_REQUIRED ("sign in again") and signs the agent out when ConnectID refuses the
   * refresh. Absent (the CLI, tests): a refused agent token is final.
   */
  renewAfterRefusal?(refused: string): Promise<void>
}

/** A fixed actor with no user token: the CLI, and tests. */
export function fixedAgentSession(agent: Agent | null): AgentSession {
  return { current: () => agent, accessToken: async () => null }
}
