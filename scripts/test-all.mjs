// `npm test`: every layer in order: typecheck, lint, unit + component (vitest), build, e2e (Playwright).
// Runs all steps even when one fails, prints a table with times, and closes with the plain line
// "N passed, N failed" (counted from the vitest and Playwright JSON reports).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

mkdirSync('.ci-out', { recursive: true })
for (const report of ['.ci-out/vitest.json', '.ci-out/playwright.json']) rmSync(report, { force: true })

const steps = [
  ['typecheck', 'npm', ['run', '-s', 'typecheck']],
  ['lint', 'npm', ['run', '-s', 'lint']],
  ['unit+component', 'vitest', ['run', '--reporter=default', '--reporter=json', '--outputFile.json=.ci-out/vitest.json']],
  ['build', 'npm', ['run', '-s', 'build']],
  ['e2e', 'playwright', ['test']],
]

const results = []
for (const [name, command, args] of steps) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`)
  const started = Date.now()
  const run = spawnSync(command, args, { stdio: 'inherit' })
  results.push({ name, ok: run.status === 0, seconds: (Date.now() - started) / 1000 })
}

function counts() {
  let passed = 0
  let failed = 0
  let skipped = 0
  if (existsSync('.ci-out/vitest.json')) {
    const v = JSON.parse(readFileSync('.ci-out/vitest.json', 'utf8'))
    passed += v.numPassedTests ?? 0
    failed += v.numFailedTests ?? 0
    // A file that failed to load has no failed test of its own: count it once.
    failed += (v.testResults ?? []).filter(
      (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((t) => t.status === 'failed'),
    ).length
    skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0)
  }
  if (existsSync('.ci-out/playwright.json')) {
    const p = JSON.parse(readFileSync('.ci-out/playwright.json', 'utf8')).stats ?? {}
    passed += (p.expected ?? 0) + (p.flaky ?? 0)
    failed += p.unexpected ?? 0
    skipped += p.skipped ?? 0
  }
  return { passed, failed, skipped }
}

console.log('\n=== summary')
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(15)} ${r.seconds.toFixed(1)} s`)
const { passed, failed, skipped } = counts()
const stepFailures = results.filter((r) => !r.ok).length
// A failed step that produced no test failure (typecheck, lint, build) still counts as a failure.
const failedTotal = failed + (failed === 0 ? stepFailures : 0)
console.log(`\n${passed} passed, ${failedTotal} failed, ${skipped} skipped`)
process.exit(stepFailures > 0 ? 1 : 0)
