/** Small timing helpers shared by every benchmark (wall clock via performance.now, milliseconds). */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]!
}

export const median = (samples: readonly number[]): number => percentile(samples, 50)

/** Runs `run` and returns how long it took in milliseconds. */
export async function timed(run: () => unknown): Promise<number> {
  const started = performance.now()
  await run()
  return performance.now() - started
}

export const round = (value: number, digits = 3): number => Number(value.toFixed(digits))
