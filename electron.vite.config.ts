import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite'
import type { Plugin } from 'vite'

/**
 * `npm run dev` only: Vite's dev server injects <style> tags and talks to its HMR websocket, which the
 * shipped CSP forbids. Loosen exactly those two directives while serving; builds keep the strict policy.
 */
const devServerCsp: Plugin = {
  name: 'support-console:dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html
      .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
      .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*"),
}

const root = import.meta.dirname

/**
 * The message files are compiled to functions at build time, and vue-i18n's runtime-only build is
 * bundled: no message compiler (and no `new Function`) ever runs under the renderer's CSP.
 */
export const i18nPlugin = (): Plugin[] =>
  [VueI18nPlugin({ include: [resolve(root, 'src/renderer/src/locales/*.json')], runtimeOnly: true, strictMessage: true, escapeHtml: false })].flat() as Plugin[]

export default defineConfig({
  main: {
    build: {
      rolldownOptions: { input: { index: resolve(root, 'src/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed renderer can only load a CommonJS preload, with every import bundled in.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    base: './',
    build: {
      rolldownOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
    },
    plugins: [vue(), i18nPlugin(), devServerCsp],
  },
})
