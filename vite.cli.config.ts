import { chmod } from 'node:fs/promises'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import type { Plugin } from 'vite'

/**
 * `support-console`: src/cli/index.ts (with core, shared and the sandbox) bundled into ONE ESM file for
 * Node 24, out/cli/index.js. Node builtins and the dependencies (axios, zod, commander) stay external
 * (SSR build), resolved from the repository's node_modules at run time.
 */
const root = import.meta.dirname
const outDir = resolve(root, 'out/cli')

/** Lets `./out/cli/index.js` run on its own (the banner names node). */
const executable: Plugin = {
  name: 'support-console:executable',
  apply: 'build',
  async writeBundle() {
    await chmod(resolve(outDir, 'index.js'), 0o755)
  },
}

export default defineConfig({
  publicDir: false,
  plugins: [executable],
  build: {
    ssr: resolve(root, 'src/cli/index.ts'),
    outDir,
    emptyOutDir: true,
    target: 'node24',
    minify: false,
    sourcemap: false,
    rolldownOptions: {
      output: { format: 'es', entryFileNames: 'index.js', banner: '#!/usr/bin/env node' },
    },
  },
})
