import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineConfig } from '@playwright/test'

// One port pair per run, chosen once in the runner process (workers inherit the environment).
process.env.E2E_PORT ??= String(41_000 + Math.floor(Math.random() * 8_000))
process.env.E2E_SANDBOX_PORT ??= String(Number(process.env.E2E_PORT) + 1)
const port = Number(process.env.E2E_PORT)
const sandboxPort = Number(process.env.E2E_SANDBOX_PORT)
// Fresh folders per run, outside test-results (which Playwright empties): the console's data folder (scanned for
// plaintext leaks by data-folder-scan.spec.ts) and where its save dialog "saves" exports. Kept after the run.
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'support-console-e2e-data-'))
process.env.E2E_EXPORT_DIR ??= mkdtempSync(join(tmpdir(), 'support-console-e2e-exports-'))
const dirs = `--data-dir ${JSON.stringify(process.env.E2E_DATA_DIR)} --export-dir ${JSON.stringify(process.env.E2E_EXPORT_DIR)}`

// Debian's Chromium where it exists (CI, these machines); Playwright's own browser elsewhere.
const chromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: '.ci-out/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    headless: !process.env.HEADED,
    viewport: { width: 1360, height: 860 },
    // The specs read English texts: the console follows navigator.language, so pin it whatever the OS says.
    locale: 'en-US',
    launchOptions: {
      ...(chromium ? { executablePath: chromium } : {}),
      args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `node src/devhost/main.ts --port ${port} --sandbox-port ${sandboxPort} ${dirs}`,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
