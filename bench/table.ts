/**
 * table10kFirstRenderMs: the renderer's token table with 10,000 rows, from data to first paint, in
 * Chromium (Debian's, as the e2e suite uses). The harness (bench/table) is built with Vite into a
 * temp folder, served on 127.0.0.1, and loaded fresh for each round; median of the rounds.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join, normalize, resolve } from 'node:path'
import { chromium } from '@playwright/test'
import vue from '@vitejs/plugin-vue'
import { build } from 'vite'
import { i18nPlugin } from '../electron.vite.config.ts'
import { median, round } from './stats.ts'

const ROWS = 10_000
/** What the harness page leaves behind (bench/table/main.ts). */
type BenchWindow = { __benchResult?: number }
const ROUNDS = 5
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' }

export interface TableBench {
  rows: number
  table10kFirstRenderMs: number
  samplesMs: number[]
}

export async function benchTable(): Promise<TableBench | { skipped: string }> {
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)
  const outDir = mkdtempSync(join(tmpdir(), 'bench-table-'))
  await build({
    root: resolve(import.meta.dirname, 'table'),
    base: './',
    plugins: [vue(), i18nPlugin()],
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true },
  })
  const server = createServer((request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://127.0.0.1').pathname).replace(/^\/+/, '')
    const file = join(outDir, path === '' ? 'index.html' : path)
    if (!file.startsWith(outDir) || !existsSync(file)) {
      response.writeHead(404).end()
      return
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file))
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  let browser
  try {
    browser = await chromium.launch({ ...(executablePath === undefined ? {} : { executablePath }), args: ['--disable-gpu', '--no-first-run'] })
  } catch (error) {
    server.close()
    rmSync(outDir, { recursive: true, force: true })
    return { skipped: `no Chromium to run in (${error instanceof Error ? error.message.split('\n')[0] : 'unknown'})` }
  }
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } })
    const samples: number[] = []
    for (let round = 0; round < ROUNDS + 1; round += 1) {
      await page.goto(`http://127.0.0.1:${port}/index.html?rows=${ROWS}`)
      await page.waitForFunction(() => (globalThis as BenchWindow).__benchResult !== undefined, undefined, { timeout: 60_000 })
      const ms = await page.evaluate(() => (globalThis as BenchWindow).__benchResult ?? Number.NaN)
      const rendered = await page.locator('[data-testid="token-row"]').count()
      if (rendered === 0) throw new Error('bench: the token table rendered no rows')
      if (round > 0) samples.push(ms) // the first load warms the browser's caches
    }
    return { rows: ROWS, table10kFirstRenderMs: round(median(samples), 1), samplesMs: samples.map((ms) => round(ms, 1)) }
  } finally {
    await browser.close()
    server.close()
    rmSync(outDir, { recursive: true, force: true })
  }
}
