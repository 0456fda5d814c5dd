import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const CLI = fileURLToPath(new URL('../../../src/sandbox/cli.ts', import.meta.url))

describe('npm run sandbox (src/sandbox/cli.ts)', () => {
  it('prints its URLs and demo credentials, serves, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start banner: ${output}`)), 10_000)
        child.stdout.on('data', () => {
          if (output.includes('Press Ctrl+C')) {
            clearTimeout(timer)
            resolve()
          }
        })
      })
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1]
      const secret = /Connect client secret:\s+(\S+)/.exec(output)?.[1]
      expect(url).toBeDefined()
      expect(output).toContain(`${url}/capi`)
      expect(output).toContain('sandbox-console')
      expect(output).toContain('silje = Silje Haugen (Oslo), erik = Erik Johansson (Stockholm), mari = Mari Olsen (Bergen)')
      const routes = ((await (await fetch(`${url}/__sandbox/routes`)).json()) as { routes: string[] }).routes
      expect(routes.length).toBeGreaterThan(20)
      for (const route of routes) expect(output).toContain(`  ${route}\n`)
      const token = await fetch(`${url}/user/oauth/token`, {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'sandbox-console', client_secret: secret ?? '' }),
      })
      expect(token.status).toBe(200)
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  }, 15_000)

  it('refuses a bad --port', async () => {
    const child = spawn(process.execPath, [CLI, '--port', 'abc'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let errors = ''
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(1)
    expect(errors).toContain('--port')
  })
})
