/** `--sandbox` (an embedded sandbox per run) and the `sandbox` command (one in the foreground). */
import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import type { PaymentToken } from '../../../src/shared/domain.ts'
import { CLI, createCliRunner } from './support.ts'

const { run } = createCliRunner()

describe('--sandbox', () => {
  it('answers from the embedded sandbox and ignores the environment', async () => {
    const result = await run(['--sandbox', 'customers', 'search', 'Nordmann', '--format', 'json'], {
      CONNECT_API_URL: 'https://connect.invalid/capi', // partial on purpose: ignored with --sandbox
    })
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect((JSON.parse(result.stdout) as { customerNumber: string }[]).map((customer) => customer.customerNumber).sort()).toEqual(['100001', '100002'])
  })

  it('works after the command too, and a write changes its state within the run', async () => {
    const result = await run(['archive', '--payer-reference', '100003', '--all', '--reason', 'Test', '--sandbox'])
    expect(result.code).toBe(0)
    expect((JSON.parse(result.stdout) as PaymentToken[]).every((token) => token.state === 'Archived')).toBe(true)
  })

  it('validates before starting anything', async () => {
    const result = await run(['--sandbox', 'tokens', '--customer', '12x'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^error: VALIDATION: .*customerNumber/)
  })

  it('invalid input with no configuration at all still reports the input (checked first)', async () => {
    const result = await run(['tokens', '--customer', 'abc'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/customerNumber/)
    expect(result.stderr).not.toMatch(/CONNECT_API_URL/)
  })
})

describe('support-console sandbox', () => {
  it('prints the URLs and the variables for the CLI, serves them, and stops on SIGTERM with exit 0', async () => {
    const child = spawn(process.execPath, [CLI, 'sandbox', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner: ${output}`)), 8_000)
        child.stdout.on('data', () => {
          if (output.includes('Press Ctrl+C')) {
            clearTimeout(timer)
            resolve()
          }
        })
      })
      const exported = Object.fromEntries([...output.matchAll(/^ {2}export ([A-Z_]+)=(\S+)$/gm)].map((match) => [match[1]!, match[2]!]))
      expect(Object.keys(exported).sort()).toEqual(
        ['CONNECTID_URL', 'CONNECT_API_URL', 'CONNECT_CLIENT_ID', 'CONNECT_CLIENT_SECRET', 'SWEDBANKPAY_API_URL', 'SWEDBANKPAY_TOKEN'].sort(),
      )
      const search = await run(['customers', 'search', 'Lindqvist', '--format', 'json'], exported)
      expect(search.code).toBe(0)
      expect((JSON.parse(search.stdout) as { customerNumber: string }[])[0]?.customerNumber).toBe('100003')

      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  }, 20_000)

  it('refuses a bad --port with exit 2', async () => {
    const result = await run(['sandbox', '--port', '99999'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('port')
  })
})
