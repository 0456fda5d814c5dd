/**
 * The `support-console` executable (built to out/cli/index.js; `node src/cli/index.ts` runs the
 * source on Node 24). Everything it does goes through core's services and dispatcher.
 */
import packageJson from '../../package.json' with { type: 'json' }
import { EXIT, outcomeOfError, report } from './outcome.ts'
import { runCli } from './program.ts'

// `support-console tokens … | head -1`: a closed pipe ends the output, not the process with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.exitCode = EXIT.failed
  })
}

const io = {
  out: (text: string) => void process.stdout.write(text),
  err: (text: string) => void process.stderr.write(text),
  env: process.env,
}

try {
  process.exitCode = await runCli(process.argv.slice(2), io, packageJson.version)
} catch (error) {
  process.exitCode = report(outcomeOfError(error), io)
}
// Everything is closed by now; should a stray handle (a keep-alive socket) remain, do not wait for it.
setTimeout(() => process.exit(), 2_000).unref()
