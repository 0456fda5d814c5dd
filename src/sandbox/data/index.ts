/** The sandbox's seed data: the fixed showcase customers first, then generated ones. */
import { addGeneratedCustomers } from './generate.ts'
import { createRandom } from './random.ts'
import { showcaseData } from './showcase.ts'
import type { SandboxData } from './types.ts'

export { SHOWCASE_TOKENS } from './showcase.ts'
export { ALL_PRODUCTS, findProduct } from './catalog.ts'
export type { Product } from './catalog.ts'
export { DEMO_AGENTS, agentLabel, findAgent } from './agents.ts'
export type { DemoAgent } from './agents.ts'
export type * from './types.ts'

export const DEFAULT_SEED = 20260617
export const GENERATED_CUSTOMER_COUNT = 32

export function buildSeedData(seed: number = DEFAULT_SEED): SandboxData {
  const data = showcaseData()
  addGeneratedCustomers(data, createRandom(seed), 100_005, GENERATED_CUSTOMER_COUNT)
  return data
}
