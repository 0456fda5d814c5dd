import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import { resolve } from 'node:path'
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite'

// Three layers, one run: services and sandbox in Node over real loopback HTTP; the Electron glue
// against a hand-written mock of `electron`; Vue components in happy-dom.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          environment: 'node',
          include: ['tests/unit/core/**/*.test.ts', 'tests/unit/sandbox/**/*.test.ts', 'tests/unit/devhost/**/*.test.ts', 'tests/unit/cli/**/*.test.ts'],
        },
      },
      {
        test: { name: 'main', environment: 'node', include: ['tests/unit/main/**/*.test.ts'] },
      },
      {
        // Messages precompiled as in the build (see electron.vite.config.ts).
        plugins: [vue(), VueI18nPlugin({ include: [resolve(import.meta.dirname, 'src/renderer/src/locales/*.json')], runtimeOnly: true, strictMessage: true, escapeHtml: false })],
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['tests/component/**/*.test.ts'],
          setupFiles: ['tests/component/setup.ts'],
        },
      },
    ],
  },
})
