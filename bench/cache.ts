/**
 * The lookup cache's cost as it grows: two cache files, one holding 1,000 entries and one 50,000, and
 * the same batches of writes (upserts of realistic token lists) and reads run on both, interleaved
 * batch by batch so that the machine's noise hits both alike. Write cost is the median per-write time
 * over the batches; read cost is the p95 of single reads.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openLookupCache } from '../src/core/cache/lookup-cache.ts'
import type { LookupCache } from '../src/core/cache/lookup-cache.ts'
import { NodeSecretCipher } from '../src/core/platform/node-secret-cipher.ts'
import { median, percentile, round } from './stats.ts'

const SMALL = 1_000
const LARGE = 50_000
const BATCH = 250
const BATCHES = 15
const READS_PER_BATCH = 400

export interface CacheBench {
  writeMsAt1k: number
  writeMsAt50k: number
  cacheWriteScaling: number
  lookupP95MsAt1k: number
  cacheLookupP95Ms: number
}

/** A token list of one provider for one customer, about the size the sandbox's showcase customers have. */
function tokenList(customerNumber: number): unknown {
  return Array.from({ length: 4 }, (_, index) => ({
    provider: 'swedbankpay',
    token: `${customerNumber}-${index}-${randomBytes(8).toString('hex')}`,
    tokenType: 'Recurrence',
    state: 'Active',
    displayName: `Visa ending ${1000 + index}`,
    instrument: 'CreditCard',
    cardBrand: 'Visa',
    lastFour: String(1000 + index),
    expiry: '12/2029',
    payerReference: String(customerNumber),
    customerNumber: String(customerNumber),
    archivedBy: null,
    archiveReason: null,
  }))
}

const payloads = Array.from({ length: 64 }, (_, index) => tokenList(100_000 + index))
const keyOf = (n: number) => `swedbankpay:${n}:active`

async function filledCache(dir: string, name: string, size: number): Promise<LookupCache> {
  let wrapped: string | null = null
  const { cache } = await openLookupCache({
    file: join(dir, `${name}.sqlite`),
    cipher: new NodeSecretCipher(randomBytes(32)),
    keyStore: { get: () => wrapped, set: (next: string) => void (wrapped = next) },
    maxEntries: LARGE * 2,
  })
  for (let n = 0; n < size; n += 1) cache.put('sandbox', 'tokens', keyOf(n), String(n), payloads[n % payloads.length])
  return cache
}

/** Per-write time of one batch of upserts over existing keys (the size stays put). */
function writeBatch(cache: LookupCache, size: number): number {
  const started = performance.now()
  for (let i = 0; i < BATCH; i += 1) {
    const n = Math.floor(Math.random() * size)
    cache.put('sandbox', 'tokens', keyOf(n), String(n), payloads[n % payloads.length])
  }
  return (performance.now() - started) / BATCH
}

function readBatch(cache: LookupCache, size: number, samples: number[]): void {
  for (let i = 0; i < READS_PER_BATCH; i += 1) {
    const n = Math.floor(Math.random() * size)
    const started = performance.now()
    const hit = cache.get('sandbox', 'tokens', keyOf(n))
    samples.push(performance.now() - started)
    if (hit === null) throw new Error(`bench: entry ${n} missing`)
  }
}

export async function benchCache(): Promise<CacheBench> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-cache-'))
  const small = await filledCache(dir, 'small', SMALL)
  const large = await filledCache(dir, 'large', LARGE)
  try {
    const writes = { small: [] as number[], large: [] as number[] }
    const reads = { small: [] as number[], large: [] as number[] }
    // One warm-up round each, not counted.
    writeBatch(small, SMALL)
    writeBatch(large, LARGE)
    for (let batch = 0; batch < BATCHES; batch += 1) {
      writes.small.push(writeBatch(small, SMALL))
      writes.large.push(writeBatch(large, LARGE))
      readBatch(small, SMALL, reads.small)
      readBatch(large, LARGE, reads.large)
    }
    const writeMsAt1k = median(writes.small)
    const writeMsAt50k = median(writes.large)
    return {
      writeMsAt1k: round(writeMsAt1k, 4),
      writeMsAt50k: round(writeMsAt50k, 4),
      cacheWriteScaling: round(writeMsAt50k / writeMsAt1k),
      lookupP95MsAt1k: round(percentile(reads.small, 95), 4),
      cacheLookupP95Ms: round(percentile(reads.large, 95), 4),
    }
  } finally {
    small.close()
    large.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
