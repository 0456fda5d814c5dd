/**
 * The CLI's data folder (where the audit log lives): SUPPORT_CONSOLE_DATA_DIR when set, else the app's
 * own per-user folder (Electron's userData for "Support Console"), so the CLI and the app keep ONE
 * audit log per user:
 *   Linux    $XDG_CONFIG_HOME/Support Console, else ~/.config/Support Console
 *   macOS    ~/Library/Application Support/Support Console
 *   Windows  %APPDATA%\Support Console
 */
import { homedir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import { AppError } from '../shared/errors.ts'

export const DATA_DIR_VARIABLE = 'SUPPORT_CONSOLE_DATA_DIR'
const APP_FOLDER = 'Support Console'

type Env = Readonly<Record<string, string | undefined>>

export function dataDirOf(env: Env, platform: NodeJS.Platform = process.platform, home: () => string = homedir): string {
  const chosen = env[DATA_DIR_VARIABLE]?.trim() ?? ''
  if (chosen !== '') {
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f]/.test(chosen)) throw new AppError('VALIDATION', `${DATA_DIR_VARIABLE} is not a usable folder path.`)
    return resolve(chosen)
  }
  return join(appDataDir(env, platform, home), APP_FOLDER)
}

function appDataDir(env: Env, platform: NodeJS.Platform, home: () => string): string {
  const absolute = (value: string | undefined): string | null => (value !== undefined && isAbsolute(value) ? value : null)
  if (platform === 'win32') return absolute(env.APPDATA) ?? join(home(), 'AppData', 'Roaming')
  if (platform === 'darwin') return join(home(), 'Library', 'Application Support')
  return absolute(env.XDG_CONFIG_HOME) ?? join(home(), '.config')
}

/** For --help: where the data folder is by default on this kind of machine. */
export const DATA_DIR_HELP = `${DATA_DIR_VARIABLE}, the folder of the audit log (default: the app's own folder,
  ~/.config/Support Console on Linux, ~/Library/Application Support/Support Console on macOS,
  %APPDATA%\\Support Console on Windows)`
