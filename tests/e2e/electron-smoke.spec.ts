import { _electron as electron, expect, test } from '@playwright/test'
// @ts-expect-error -- a plain .mjs helper shared with the npm scripts
import { electronBinaryPath } from '../../scripts/lib/electron-binary.mjs'

const binary = (electronBinaryPath as () => string | null)()
const reason = 'the Electron binary is not installed on this machine (it cannot be downloaded here); run `npm run electron:install` on a desktop'

test('the real window opens sandboxed, with the sandbox profile', async () => {
  if (!binary) console.log(`[electron-smoke] skipped: ${reason}`)
  test.skip(!binary, reason)
  const app = await electron.launch({ executablePath: binary!, args: ['.'] })
  try {
    const window = await app.firstWindow()
    await expect(window.getByTestId('profile-banner')).toHaveAttribute('data-profile-kind', 'sandbox')
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const web = BrowserWindow.getAllWindows()[0]!.webContents as unknown as {
        getLastWebPreferences(): { contextIsolation?: boolean; sandbox?: boolean; nodeIntegration?: boolean } | null
      }
      return web.getLastWebPreferences()
    })
    expect(prefs?.contextIsolation).toBe(true)
    expect(prefs?.sandbox).toBe(true)
    expect(prefs?.nodeIntegration).toBe(false)
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined')
  } finally {
    await app.close()
  }
})
