// postinstall: fetch the Electron binary if it is missing. Electron >= 42 no longer does this at install
// time, so without this step `npm run dev` / `npm start` would die with "Electron uninstall".
// Where the binary cannot be downloaded (no internet) it warns and exits 0, so `npm install` still
// succeeds and everything but the real window works (`npm run web`, `npm test`).
//   --strict  exit 1 instead of warning (used before commands that need the window)
//   ELECTRON_SKIP_BINARY_DOWNLOAD=1 skips the attempt
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { electronBinaryPath, electronPackageDir, electronVersion } from './lib/electron-binary.mjs'

const strict = process.argv.includes('--strict')
const tag = '[ensure-electron]'

const existing = electronBinaryPath()
if (existing) {
  if (!strict) console.log(`${tag} Electron ${electronVersion()} binary ready: ${existing}`)
  process.exit(0)
}

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1' && !strict) {
  console.log(`${tag} ELECTRON_SKIP_BINARY_DOWNLOAD=1: not fetching the Electron binary.`)
  process.exit(0)
}

console.log(`${tag} fetching the Electron ${electronVersion()} binary...`)
const result = spawnSync(process.execPath, [join(electronPackageDir(), 'install.js')], {
  stdio: ['ignore', 'pipe', 'pipe'],
  encoding: 'utf8',
  timeout: 15 * 60 * 1000,
})

if (result.status === 0 && electronBinaryPath()) {
  console.log(`${tag} Electron binary ready: ${electronBinaryPath()}`)
  process.exit(0)
}

const firstLine = `${result.stderr ?? ''}${result.error?.message ?? ''}`
  .split('\n')
  .map((line) => line.trim())
  .find((line) => line.length > 0 && !line.startsWith('at '))
console.warn(
  [
    `${tag} WARNING: could not download the Electron ${electronVersion()} binary${firstLine ? ` (${firstLine})` : ''}.`,
    `${tag} Everything except the desktop window still works: \`npm test\`, and \`npm run web\` runs the console in a browser.`,
    `${tag} Retry with: npm run electron:install`,
  ].join('\n'),
)
process.exit(strict ? 1 : 0)
