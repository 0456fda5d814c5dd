// `npm start`: build, then open the console in Electron. With no credentials configured the app
// starts its embedded sandbox itself. Where the Electron binary is missing, say so plainly.
import { spawnSync } from 'node:child_process'
import { electronBinaryPath, electronVersion } from './lib/electron-binary.mjs'

if (!electronBinaryPath()) {
  console.error(
    [
      '',
      `Support Console needs the Electron ${electronVersion()} binary, and it is not installed on this machine`,
      '(npm install tries to download it; here that download failed or was skipped).',
      '',
      '  * On a machine with internet access: npm run electron:install, then npm start again.',
      '  * Without it: npm run web  - the same console in your browser, against the embedded sandbox.',
      '',
    ].join('\n'),
  )
  process.exit(1)
}

const run = (args) => spawnSync('electron-vite', args, { stdio: 'inherit', shell: process.platform === 'win32' })
const result = run(['preview'])
process.exit(result.status ?? 1)
