/**
 * A real lookup cache (node:sqlite file in a temp folder, data key wrapped by a Node cipher) for tests,
 * opened in a beforeAll and cleared before each test; `binding(profile)` is what services get.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { openLookupCache } from '../../../../src/core/cache/lookup-cache.ts'
import type { LookupCache } from '../../../../src/core/cache/lookup-cache.ts'
import { bindProfileCache } from '../../../../src/core/cache/profile-cache.ts'
import type { ProfileCache } from '../../../../src/core/cache/profile-cache.ts'
import { silentLogger } from '../../../../src/core/log.ts'
import { NodeSecretCipher } from '../../../../src/core/platform/node-secret-cipher.ts'
import type { ProfileKind } from '../../../../src/shared/domain.ts'

export interface TempCache {
  /** The open cache (throws before the beforeAll ran). */
  cache(): LookupCache
  binding(profile?: ProfileKind): ProfileCache
  dir(): string
}

/** Registers the hooks: open once for the file, clear before each test, close and delete after. */
export function useTempCache(): TempCache {
  let dir: string | null = null
  let cache: LookupCache | null = null
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'offline-cache-'))
    let wrapped: string | null = null
    const opened = await openLookupCache({
      file: join(dir, 'cache', 'lookups.sqlite'),
      cipher: new NodeSecretCipher(randomBytes(32)),
      keyStore: { get: () => wrapped, set: (value) => void (wrapped = value) },
    })
    cache = opened.cache
  })
  beforeEach(() => {
    cache?.clear()
  })
  afterAll(() => {
    cache?.close()
    if (dir !== null) rmSync(dir, { recursive: true, force: true })
  })
  const open = (): LookupCache => {
    if (cache === null) throw new Error('the temp cache is not open yet')
    return cache
  }
  return {
    cache: open,
    binding: (profile = 'sandbox') => bindProfileCache(() => cache, profile, silentLogger()),
    dir: () => {
      if (dir === null) throw new Error('the temp cache is not open yet')
      return dir
    },
  }
}
