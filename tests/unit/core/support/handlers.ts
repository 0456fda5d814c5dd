/** A full Handlers map for tests: every channel answers "not used" unless given. */
import { contract } from '../../../../src/shared/contract.ts'
import type { Handlers } from '../../../../src/shared/contract.ts'

export function handlersWith(given: Partial<Handlers>): Handlers {
  const unused = async () => {
    throw new Error('not used in this test')
  }
  const all = Object.fromEntries(Object.keys(contract).map((channel) => [channel, unused])) as unknown as Handlers
  return { ...all, ...given }
}
