/**
 * The demo customer-service agents one can sign in as on the sandbox's ConnectID authorize page.
 * Invented people; the same on every start. `id` is what the page's form posts (and its data-testid, agent-<id>).
 */

export interface DemoAgent {
  /** Short, stable id: the form value and the data-testid suffix. */
  id: string
  firstName: string
  lastName: string
  office: string
  /** ConnectID's userId (profile "userId", required by the PHP clients). */
  userId: string
  uniqueId: string
  /** Agents are ConnectID users too, so they have a customer number (outside the demo customers' range). */
  customerNumber: number
  email: string
}

export const DEMO_AGENTS: readonly DemoAgent[] = [
  {
    id: 'silje',
    firstName: 'Silje',
    lastName: 'Haugen',
    office: 'Oslo',
    userId: '7100001',
    uniqueId: 'a9e0c6b2-1f4d-4c3a-9b7e-710000000001',
    customerNumber: 900001,
    email: 'silje.haugen@kundeservice.example.no',
  },
  {
    id: 'erik',
    firstName: 'Erik',
    lastName: 'Johansson',
    office: 'Stockholm',
    userId: '7100002',
    uniqueId: 'a9e0c6b2-1f4d-4c3a-9b7e-710000000002',
    customerNumber: 900002,
    email: 'erik.johansson@kundtjanst.example.se',
  },
  {
    id: 'mari',
    firstName: 'Mari',
    lastName: 'Olsen',
    office: 'Bergen',
    userId: '7100003',
    uniqueId: 'a9e0c6b2-1f4d-4c3a-9b7e-710000000003',
    customerNumber: 900003,
    email: 'mari.olsen@kundeservice.example.no',
  },
]

export function findAgent(id: string): DemoAgent | undefined {
  return DEMO_AGENTS.find((agent) => agent.id === id)
}

/** "Silje Haugen (Oslo)", as the authorize page lists them. */
export const agentLabel = (agent: DemoAgent): string => `${agent.firstName} ${agent.lastName} (${agent.office})`
