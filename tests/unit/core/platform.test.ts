import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { PresetSaveDialog } from '../../../src/core/platform/node-dialog.ts'
import { RecordingExternalOpener } from '../../../src/core/platform/node-external-opener.ts'
import { NodeSecretCipher } from '../../../src/core/platform/node-secret-cipher.ts'
import { NodeSettingsStore } from '../../../src/core/platform/node-settings-store.ts'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'core-platform-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

describe('NodeSecretCipher', () => {
  const key = new Uint8Array(32).fill(7)

  it('round-trips, never stores the plain text, and uses a fresh IV each time', async () => {
    const cipher = new NodeSecretCipher(key)
    expect(await cipher.availability()).toEqual({ available: true })
    const a = await cipher.encrypt('merchant-token-ø')
    const b = await cipher.encrypt('merchant-token-ø')
    expect(Buffer.from(a).toString('utf8')).not.toContain('merchant-token')
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false)
    expect(await cipher.decrypt(a)).toBe('merchant-token-ø')
  })

  it('refuses tampered data, another key, and a wrong key size', async () => {
    const data = await new NodeSecretCipher(key).encrypt('x')
    const tampered = new Uint8Array(data)
    tampered[tampered.length - 1]! ^= 1
    await expect(new NodeSecretCipher(key).decrypt(tampered)).rejects.toThrow()
    await expect(new NodeSecretCipher(new Uint8Array(32)).decrypt(data)).rejects.toThrow()
    expect(() => new NodeSecretCipher(new Uint8Array(16))).toThrow(/32-byte/)
  })
})

describe('NodeSettingsStore', () => {
  it('persists across instances, returns copies, deletes', () => {
    const file = join(tempDir(), 'nested', 'settings.json')
    const store = new NodeSettingsStore(file)
    store.set('window', { width: 800 })
    const copy = store.get('window') as { width: number }
    copy.width = 1
    expect(new NodeSettingsStore(file).get('window')).toEqual({ width: 800 })
    store.delete('window')
    expect(new NodeSettingsStore(file).get('window')).toBeUndefined()
  })

  it('writes atomically: no temp file is left behind', () => {
    const dir = tempDir()
    new NodeSettingsStore(join(dir, 's.json')).set('a', 1)
    expect(readdirSync(dir)).toEqual(['s.json'])
  })

  it('moves a corrupt file aside and starts empty', () => {
    const dir = tempDir()
    const file = join(dir, 's.json')
    writeFileSync(file, '{"a": 1,,,')
    const store = new NodeSettingsStore(file)
    expect(store.get('a')).toBeUndefined()
    expect(store.movedAside).not.toBeNull()
    expect(readFileSync(store.movedAside!, 'utf8')).toBe('{"a": 1,,,')
    store.set('b', 2)
    expect(new NodeSettingsStore(file).get('b')).toBe(2)
  })
})

describe('PresetSaveDialog and RecordingExternalOpener', () => {
  it('answers the preset path and records what was asked', async () => {
    const dialog = new PresetSaveDialog('/tmp/out.csv')
    expect(await dialog.chooseSavePath({ defaultName: 'tokens.csv', filters: [] })).toBe('/tmp/out.csv')
    expect(dialog.asked).toEqual(['tokens.csv'])
    expect(await new PresetSaveDialog(null).chooseSavePath({ defaultName: 'x', filters: [] })).toBeNull()
  })

  it('records https URLs and refuses anything else', async () => {
    const printed: string[] = []
    const opener = new RecordingExternalOpener((line) => printed.push(line))
    await opener.open('https://connectid.no/user/payment/invoice/pay?transactionId=1')
    expect(opener.opened).toEqual(['https://connectid.no/user/payment/invoice/pay?transactionId=1'])
    expect(printed).toHaveLength(1)
    for (const url of ['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      await expect(opener.open(url)).rejects.toMatchObject({ code: 'VALIDATION' })
    }
    expect(opener.opened).toHaveLength(1)
  })
})
