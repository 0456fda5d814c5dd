/**
 * Writes a file so that the target holds either its old content or the whole new document, never a
 * part: a temp file in the same folder (`.<name>.<random>.tmp`, created exclusively with mode 0600),
 * filled through a write stream that honours backpressure, flushed to disk (fsync), then renamed into
 * place. On any error the temp file is removed and the error is raised as is.
 */
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** Buffered before a write waits for the disk: large enough that the CSV writer and the disk overlap. */
const HIGH_WATER_MARK = 4 * 1024 * 1024

export type ChunkWriter = (chunk: string) => Promise<void>

/** The temp file next to `target` (exported so tests can look for leftovers). */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`)
}

export const isTempFile = (name: string): boolean => /^\..+\.[0-9a-f]{12}\.tmp$/.test(name)

/** Runs `produce` with a writer into the temp file; resolves with the bytes written once the target is in place. */
export async function writeFileAtomically(target: string, produce: (write: ChunkWriter) => Promise<void>): Promise<{ bytes: number }> {
  const temp = tempPathFor(target)
  // flush: the data is fsync'ed before the file is closed, so the rename never exposes an unwritten file.
  const stream = createWriteStream(temp, { flags: 'wx', mode: 0o600, encoding: 'utf8', flush: true, highWaterMark: HIGH_WATER_MARK })
  let failure: unknown = null
  stream.on('error', (error) => {
    failure ??= error
  })
  let bytes = 0
  const write: ChunkWriter = async (chunk) => {
    if (failure !== null) throw failure
    bytes += Buffer.byteLength(chunk, 'utf8')
    // `once` rejects when the stream errors while we wait.
    if (!stream.write(chunk)) await once(stream, 'drain')
  }
  try {
    await once(stream, 'ready')
    await produce(write)
    stream.end()
    await once(stream, 'close')
    if (failure !== null) throw failure
    await rename(temp, target)
    return { bytes }
  } catch (error) {
    const cause = failure ?? error
    if (!stream.closed) {
      stream.destroy()
      await once(stream, 'close').catch(() => undefined)
    }
    await rm(temp, { force: true })
    throw cause
  }
}
