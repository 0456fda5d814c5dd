/**
 * Main-process entry. Only what must happen before the app is ready lives here; the rest of the
 * wiring is in lifecycle.ts.
 */
import { app } from 'electron'
import { runConsole } from './lifecycle.ts'
import { registerAppScheme } from './security/app-protocol.ts'

// Every renderer sandboxed, whatever a window's options say.
app.enableSandbox()
registerAppScheme()

if (app.requestSingleInstanceLock()) {
  runConsole()
} else {
  // Another console is running: it brings its window forward (second-instance); this one leaves.
  app.quit()
}
