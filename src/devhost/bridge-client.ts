/**
 * Browser side of the dev/test bridge: defines `window.api` from the same verb shape and builder as
 * the preload, with a fetch transport to the dev host instead of ipcRenderer. Served only by the dev
 * host (src/devhost/host.ts), never bundled into the app. Types are stripped by the host on the fly.
 */
import { apiShape } from '../shared/api-shape.ts'
import { buildApi } from '../shared/build-api.ts'

interface BridgeWindow {
  document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null }
  fetch: typeof fetch
}

const page = globalThis as unknown as BridgeWindow
const secret = page.document.querySelector('meta[name="console-bridge"]')?.getAttribute('content') ?? ''

const api = buildApi(apiShape, async (channel, request) => {
  const response = await page.fetch(`./api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-console-bridge': secret },
    body: JSON.stringify(request),
  })
  return response.json()
})

Object.defineProperty(globalThis, 'api', { value: api, writable: false, configurable: false, enumerable: true })
