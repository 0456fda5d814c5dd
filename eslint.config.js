// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import globals from 'globals'

const electronOnlyInMain = {
  paths: [{ name: 'electron', message: 'Electron APIs belong in src/main (or src/preload) only.' }],
  patterns: [{ group: ['electron/*'], message: 'Electron APIs belong in src/main (or src/preload) only.' }],
}

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.ci-out/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='ipcMain'][property.name=/^(handle|handleOnce|on|once)$/]",
          message: 'Register IPC only through src/main/ipc/registrar.ts.',
        },
        { selector: "Property[key.name='webSecurity'][value.value=false]", message: 'Never disable webSecurity.' },
        { selector: "Property[key.name='nodeIntegration'][value.value=true]", message: 'Never enable nodeIntegration.' },
        { selector: "Property[key.name='contextIsolation'][value.value=false]", message: 'Never disable contextIsolation.' },
        { selector: "Property[key.name='webPreferences'] Property[key.name='sandbox'][value.value=false]", message: 'Never disable the sandbox.' },
        // Anywhere, not only inside a literal webPreferences object: options are also built in constants.
        { selector: "Property[key.name=/^(nodeIntegrationInWorker|nodeIntegrationInSubFrames|allowRunningInsecureContent|experimentalFeatures|webviewTag)$/][value.value=true]", message: 'Keep this webPreference off.' },
      ],
    },
  },
  { files: ['src/main/ipc/registrar.ts'], rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...electronOnlyInMain.paths, { name: 'vue', message: 'src/shared is framework-free.' }],
          patterns: [{ group: ['node:*', 'electron/*'], message: 'src/shared is pure TypeScript: no Node, DOM or Electron.' }],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/sandbox/**/*.ts', 'src/cli/**/*.ts', 'src/devhost/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', electronOnlyInMain] },
  },
  {
    files: ['src/renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: electronOnlyInMain.paths,
          patterns: [
            { group: ['node:*'], message: 'The renderer is sandboxed: talk to window.api only.' },
            { group: ['**/core/**', '**/main/**', '**/sandbox/**'], message: 'The renderer reaches services through window.api only.' },
          ],
        },
      ],
    },
  },
  { files: ['tests/component/**/*.ts', 'tests/e2e/**/*.ts'], languageOptions: { globals: { ...globals.browser } } },
)
