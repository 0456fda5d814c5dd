/**
 * Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security, the 20 items; summarised
 * in the shared design notes, examples.md Part 2), each mapped to the tests that cover it. This file fails when an
 * item has no covering test, when a covering test is renamed or removed, or when a hardening test carries a
 * number that is not an item. Every item applies to this app: 11-12 (<webview>) by keeping webviews off, 19 (fuses)
 * through the installer's afterPack hook (issue 6, tests/unit/main/packaging.test.ts) and a check that nothing needs them.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const repoRoot = join(import.meta.dirname, '../../../..')

/** The checklist, in Electron's order and words. */
const ELECTRON_CHECKLIST = [
  'Only load secure content',
  'Do not enable Node.js integration for remote content',
  'Enable context isolation',
  'Enable process sandboxing',
  'Handle session permission requests from remote content',
  'Do not disable webSecurity',
  'Define a Content-Security-Policy',
  'Do not enable allowRunningInsecureContent',
  'Do not enable experimental features',
  'Do not use enableBlinkFeatures',
  '<webview>: Do not use allowpopups',
  '<webview>: Verify options and params',
  'Disable or limit navigation',
  'Disable or limit creation of new windows',
  'Do not use shell.openExternal with untrusted content',
  'Use a current version of Electron',
  'Validate the sender of all IPC messages',
  'Avoid usage of the file:// protocol and prefer usage of custom protocols',
  'Check which fuses you can change',
  'Do not expose Electron APIs to untrusted web content',
] as const

/** A test (or describe block, or lint message) by its file and its exact name as written in the source. */
type Cover = readonly [file: string, name: string]

const MAIN = 'tests/unit/main'
const H = `${MAIN}/hardening`
const app = (name: string): Cover => [`${H}/app-window.test.ts`, name]
const built = (name: string): Cover => [`${H}/built-output.test.ts`, name]
const source = (name: string): Cover => [`${H}/source.test.ts`, name]
const lint = (message: string): Cover => ['eslint.config.js', message]

const NO_INSECURE_SOURCE = source('2-10. no insecure webPreferences value anywhere in src (the lint rule only sees literals inside a `webPreferences:` property)')
const ONE_WINDOW_FACTORY = source('2-10. one window factory: new BrowserWindow only in src/main/window.ts, with the locked options; webPreferences only in window-options.ts')
const NO_INSECURE_BUNDLE = built('2-10. main: no insecure webPreferences, command-line switch, remote module or certificate bypass in the bundle')
const LOCKED = [`${MAIN}/window-options.test.ts`, 'locks every webPreferences flag'] as const
const FRESH = [`${MAIN}/window-options.test.ts`, 'returns a fresh object each time, so no caller can loosen the shared defaults'] as const

export const COVERAGE: Record<(typeof ELECTRON_CHECKLIST)[number], readonly Cover[]> = {
  'Only load secure content': [
    app('1. Only load secure content: the window loads app://console (a registered secure scheme), never http, https or file'),
    built('7. Define a Content Security Policy: index.html has the strict CSP as a meta tag, loads its own files only, and has no inline script'),
    [`${MAIN}/lifecycle.test.ts`, 'ignores ELECTRON_RENDERER_URL in a packaged app'],
  ],
  'Do not enable Node.js integration for remote content': [
    app('2. Do not enable Node.js integration for remote content: off in every window, its workers and its sub-frames'),
    LOCKED,
    NO_INSECURE_SOURCE,
    NO_INSECURE_BUNDLE,
    lint('Never enable nodeIntegration.'),
  ],
  'Enable context isolation': [app('3. Enable context isolation: on, explicitly, in every window'), LOCKED, NO_INSECURE_SOURCE, lint('Never disable contextIsolation.')],
  'Enable process sandboxing': [
    app('4. Enable process sandboxing: app.enableSandbox() before ready, and sandbox on in every window'),
    built('4. Enable process sandboxing: the preload is one CommonJS file requiring nothing but electron, as a sandboxed preload must be'),
    [`${MAIN}/lifecycle.test.ts`, 'enables the sandbox, registers the app scheme, takes the lock and guards new webContents'],
    FRESH,
    lint('Never disable the sandbox.'),
  ],
  'Handle session permission requests from remote content': [
    app('5. Handle session permission requests: every Electron permission is denied on the session the window uses, but clipboard-sanitized-write from the console'),
    source('5. Handle session permission requests: the app uses one session (the default one, whose handlers deny), no partition'),
    [`${MAIN}/guards.test.ts`, 'denies a request and a check for %s, even from the console'],
    [`${MAIN}/guards.test.ts`, 'allows clipboard-sanitized-write (copying a payment link) from the console only'],
  ],
  'Do not disable webSecurity': [
    app('6. Do not disable webSecurity: webSecurity is true in every window'),
    NO_INSECURE_SOURCE,
    NO_INSECURE_BUNDLE,
    lint('Never disable webSecurity.'),
  ],
  'Define a Content-Security-Policy': [
    built('7. Define a Content Security Policy: index.html has the strict CSP as a meta tag, loads its own files only, and has no inline script'),
    built('7. Define a Content Security Policy: app:// answers index.html and every built asset with the CSP header, equal to the meta tag, and nothing outside out/renderer'),
    built('7. Define a Content Security Policy: the renderer bundle needs no unsafe-eval (no eval, no Function constructor, no string timers)'),
    [`${MAIN}/window-options.test.ts`, 'is strict: nothing unsafe, nothing remote, no plugins, no framing'],
    [`${MAIN}/window-options.test.ts`, 'equals the meta tag in src/renderer/index.html'],
    [`${MAIN}/app-protocol.test.ts`, 'serves index.html with its content type and the CSP header'],
  ],
  'Do not enable allowRunningInsecureContent': [app('8. Do not enable allowRunningInsecureContent: false in every window'), LOCKED, NO_INSECURE_SOURCE, NO_INSECURE_BUNDLE],
  'Do not enable experimental features': [app('9. Do not enable experimental features: experimentalFeatures is false in every window'), LOCKED, NO_INSECURE_SOURCE, NO_INSECURE_BUNDLE],
  'Do not use enableBlinkFeatures': [app('10. Do not use enableBlinkFeatures: unset in every window'), LOCKED, NO_INSECURE_SOURCE, NO_INSECURE_BUNDLE],
  '<webview>: Do not use allowpopups': [
    app('11-12. <webview>: webviewTag off in every window, and every webview the page still tries to attach is prevented'),
    NO_INSECURE_SOURCE,
    NO_INSECURE_BUNDLE,
  ],
  '<webview>: Verify options and params': [
    app('11-12. <webview>: webviewTag off in every window, and every webview the page still tries to attach is prevented'),
    [`${MAIN}/guards.test.ts`, 'prevents every <webview> from attaching'],
  ],
  'Disable or limit navigation': [
    app('13. Disable or limit navigation: the window cannot leave app://console, by navigation, frame navigation or redirect'),
    [`${MAIN}/guards.test.ts`, 'prevents navigating to %s (every navigation event)'],
    [`${MAIN}/guards.test.ts`, 'guard every webContents the app creates'],
  ],
  'Disable or limit creation of new windows': [
    app('14. Disable or limit creation of new windows: window.open is denied, and an allowed https link goes to the system browser instead'),
    [`${MAIN}/guards.test.ts`, 'always denies and passes only https URLs to the external-link policy'],
  ],
  'Do not use shell.openExternal with untrusted content': [
    source('15. Do not use shell.openExternal with untrusted content: only external-links.ts calls it, with the URL its policy returned'),
    [`${MAIN}/external-links.test.ts`, 'refuses %s'],
    [`${MAIN}/guards.test.ts`, 'with the real policy only allowlisted https hosts reach shell.openExternal'],
    [`${MAIN}/lifecycle.test.ts`, 'signs in through the system browser (shell.openExternal), never in a window of its own'],
  ],
  'Use a current version of Electron': [source('16. Use a current version of Electron: pinned exactly, installed, and within the three supported majors')],
  'Validate the sender of all IPC messages': [
    app('17. Validate the sender of all IPC messages: every channel refuses a foreign sender before dispatch'),
    source('17. Validate the sender of all IPC messages: ipcMain handlers are registered in the registrar only, and only with handle'),
    [`${MAIN}/registrar.test.ts`, 'refuses a foreign sender without calling dispatch'],
    [`${MAIN}/lifecycle.test.ts`, 'refuses IPC from a frame that is not the app origin'],
    lint('Register IPC only through src/main/ipc/registrar.ts.'),
  ],
  'Avoid usage of the file:// protocol and prefer usage of custom protocols': [
    app('18. Prefer a custom protocol to file://: app:// is privileged before ready (no CSP bypass, no service workers) and served by protocol.handle'),
    [`${MAIN}/app-protocol.test.ts`, 'refuses %s: 400 on the raw URL, never the file once canonicalised'],
    [`${MAIN}/app-protocol.test.ts`, 'answers 404 for %s'],
    built('7. Define a Content Security Policy: app:// answers index.html and every built asset with the CSP header, equal to the meta tag, and nothing outside out/renderer'),
  ],
  'Check which fuses you can change': [
    source('19. Check fuses: an installer configuration (issue 6) comes with a test of the fuses it flips, and the app needs none of the fuses a release turns off'),
    [`${MAIN}/packaging.test.ts`, 'afterPack hook: Electron fuses'],
  ],
  'Do not expose Electron APIs to untrusted web content': [
    built('20. Do not expose Electron APIs to untrusted web content: the built preload exposes exactly one key, `api`, frozen, with the verbs of api-shape'),
    built('20. Do not expose Electron APIs to untrusted web content: the built preload never exposes ipcRenderer or its functions, at any depth'),
    built('20. Do not expose Electron APIs to untrusted web content: no generic invoke, every built verb calls its own channel whatever it is handed'),
    source('20. Do not expose Electron APIs to untrusted web content: only the preload touches contextBridge and ipcRenderer, once, through the verbs'),
    [`${MAIN}/preload.test.ts`, 'exposes exactly one frozen `api` object of domain verbs'],
    [`${MAIN}/preload.test.ts`, 'binds each verb to its fixed contract channel, whatever it is called with'],
  ],
}

/** Beyond the checklist, what issue 5 §5 also asks for. */
const ALSO: Record<string, readonly Cover[]> = {
  'no preload other than ours': [
    app('no preload other than ours: the only preload is out/preload/index.cjs, next to out/main'),
    [`${MAIN}/window-options.test.ts`, 'resolves the preload next to out/main, as electron-vite builds it'],
  ],
  'no remote module': [source('no remote module: no @electron/remote dependency, no enableRemoteModule, no electron.remote')],
  'one window factory, with locked options': [ONE_WINDOW_FACTORY, FRESH],
}

const texts = new Map<string, string>()
const text = (file: string): string => {
  if (!texts.has(file)) texts.set(file, readFileSync(join(repoRoot, file), 'utf8'))
  return texts.get(file)!
}
/** The name as a string literal in its file (single, double or back quotes). */
const named = ([file, name]: Cover): boolean => ["'", '"', '`'].some((quote) => text(file).includes(`${quote}${name}${quote}`))
/** A covering test whose name starts with the item's number (alone or in a range such as 2-10 or 11-12). */
const numbered = (item: number, covers: readonly Cover[]): boolean =>
  covers.some(([file, name]) => {
    if (!file.startsWith(H)) return false
    const range = /^(\d+)(?:-(\d+))?\. /.exec(name)
    return range !== null && Number(range[1]) <= item && item <= Number(range[2] ?? range[1])
  })

describe("Electron's security checklist: every item is covered", () => {
  it('lists the 20 items of the checklist, in order', () => {
    expect(Object.keys(COVERAGE)).toEqual([...ELECTRON_CHECKLIST])
  })

  it.each(ELECTRON_CHECKLIST.map((title, index) => [index + 1, title] as const))('%i. %s', (number, title) => {
    const covers = COVERAGE[title]
    expect(covers.length, 'covering tests').toBeGreaterThan(0)
    for (const cover of covers) expect(named(cover), `"${cover[1]}" in ${cover[0]}`).toBe(true)
    expect(numbered(number, covers), `a hardening test named "${number}. …"`).toBe(true)
  })

  it.each(Object.entries(ALSO))('also: %s', (_what, covers) => {
    for (const cover of covers) expect(named(cover), `"${cover[1]}" in ${cover[0]}`).toBe(true)
  })

  it('every numbered hardening test belongs to an item and is in the table', () => {
    const listed = new Set([...Object.values(COVERAGE), ...Object.values(ALSO)].flat().map(([file, name]) => `${file} ${name}`))
    const files = readdirSync(join(repoRoot, H)).filter((file) => file.endsWith('.test.ts') && file !== 'checklist.test.ts')
    const unlisted: string[] = []
    for (const file of files) {
      for (const match of text(`${H}/${file}`).matchAll(/\b(?:it|describe)(?:\.each\([^)]*\))?\(\s*'((\d+)(?:-\d+)?\. [^']*)'/g)) {
        expect(Number(match[2]), match[1]).toBeLessThanOrEqual(ELECTRON_CHECKLIST.length)
        if (!listed.has(`${H}/${file} ${match[1]}`)) unlisted.push(`${file}: ${match[1]}`)
      }
    }
    expect(unlisted).toEqual([])
  })
})
