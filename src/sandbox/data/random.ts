/** A small seeded PRNG (mulberry32) so the demo data is the same on every start with the same seed. */

export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number
  pick<T>(items: readonly T[]): T
  chance(probability: number): boolean
  digits(count: number): string
  hex(count: number): string
  /** A version-4-shaped GUID, lowercase. */
  guid(): string
  alphanumeric(count: number): string
}

export function createRandom(seed: number): Random {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const fromAlphabet = (alphabet: string, count: number): string =>
    Array.from({ length: count }, () => alphabet[int(0, alphabet.length - 1)]).join('')
  const hex = (count: number): string => fromAlphabet('0123456789abcdef', count)

  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(0, items.length - 1)]
      if (item === undefined) throw new Error('pick from an empty list')
      return item
    },
    chance: (probability) => next() < probability,
    digits: (count) => fromAlphabet('0123456789', count),
    hex,
    guid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${fromAlphabet('89ab', 1)}${hex(3)}-${hex(12)}`,
    alphanumeric: (count) => fromAlphabet('abcdefghijklmnopqrstuvwxyz0123456789', count),
  }
}
