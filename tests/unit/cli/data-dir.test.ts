/** Where the CLI keeps its audit log: SUPPORT_CONSOLE_DATA_DIR, else the app's own per-user folder. */
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { dataDirOf } from '../../../src/cli/data-dir.ts'

const home = () => '/home/kari'

describe('dataDirOf', () => {
  it('uses SUPPORT_CONSOLE_DATA_DIR (resolved, trimmed) when set', () => {
    expect(dataDirOf({ SUPPORT_CONSOLE_DATA_DIR: ' /srv/console ' }, 'linux', home)).toBe('/srv/console')
    expect(dataDirOf({ SUPPORT_CONSOLE_DATA_DIR: 'rel/dir' }, 'linux', home)).toBe(resolve('rel/dir'))
  })

  it("defaults to the app's userData folder per platform", () => {
    expect(dataDirOf({}, 'linux', home)).toBe('/home/kari/.config/Support Console')
    expect(dataDirOf({ XDG_CONFIG_HOME: '/xdg' }, 'linux', home)).toBe('/xdg/Support Console')
    expect(dataDirOf({ XDG_CONFIG_HOME: 'relative' }, 'linux', home)).toBe('/home/kari/.config/Support Console')
    expect(dataDirOf({}, 'darwin', home)).toBe('/home/kari/Library/Application Support/Support Console')
    expect(dataDirOf({}, 'win32', home)).toBe(join('/home/kari', 'AppData', 'Roaming', 'Support Console'))
  })

  it('refuses a path with control characters', () => {
    expect(() => dataDirOf({ SUPPORT_CONSOLE_DATA_DIR: '/tmp/a\nb' }, 'linux', home)).toThrow(/SUPPORT_CONSOLE_DATA_DIR/)
  })
})
