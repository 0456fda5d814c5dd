/**
 * Provider calls from the app go through Chromium's network stack (net.fetch) instead of Node's:
 * the agent's system proxy, PAC file and OS certificate store then apply. Plugged into core's
 * axios client as its adapter; core's timeouts, redirect refusal and size limits stay in force.
 */
import { getAdapter } from 'axios'
import type { AxiosAdapter } from 'axios'
import { net } from 'electron'

export function createNetFetchAdapter(): AxiosAdapter {
  const fetchThroughChromium = (input: URL | Request | string, init?: RequestInit): Promise<Response> =>
    net.fetch(input instanceof URL ? input.href : input, init)
  return getAdapter('fetch', { env: { fetch: fetchThroughChromium } })
}
