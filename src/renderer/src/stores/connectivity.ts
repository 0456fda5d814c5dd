import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Connectivity, ConnectivityState } from '../../../shared/records.ts'
import { api } from '../api.ts'

/** How often the console asks main whether Connect and Swedbank Pay answered. */
export const CONNECTIVITY_POLL_MS = 10_000

/**
 * Whether the console is online: main's view of the providers (asked every 10 s and after each
 * lookup), overruled at once by the browser's own offline event.
 */
export const useConnectivityStore = defineStore('connectivity', () => {
  const remote = shallowRef<Connectivity | null>(null)
  /** The OS says there is no network at all (navigator.onLine false). */
  const browserOffline = ref(false)
  let seq = 0
  let timer: ReturnType<typeof setTimeout> | null = null
  let running = false
  /** One polling chain at a time, also across a stop and a start while an answer is on its way. */
  let chain = 0

  const state = computed<ConnectivityState>(() => (browserOffline.value ? 'offline' : (remote.value?.state ?? 'unknown')))
  /** The services that did not answer last time (for the tooltip). */
  const unreachable = computed(() =>
    browserOffline.value ? [] : (remote.value?.services.filter((s) => s.reachable === false).map((s) => s.service) ?? []),
  )

  async function refresh(): Promise<void> {
    const mine = ++seq
    const result = await api().app.connectivity({})
    if (mine === seq && result.ok) remote.value = result.data
  }

  function schedule(mine: number): void {
    if (!running || mine !== chain) return
    timer = setTimeout(() => {
      void refresh().finally(() => schedule(mine))
    }, CONNECTIVITY_POLL_MS)
  }

  function onOffline(): void {
    browserOffline.value = true
  }

  function onOnline(): void {
    browserOffline.value = false
    void refresh()
  }

  /** Starts polling and listening (once; App.vue calls it on mount). */
  function start(): void {
    if (running) return
    running = true
    browserOffline.value = typeof navigator !== 'undefined' && navigator.onLine === false
    window.addEventListener('offline', onOffline)
    window.addEventListener('online', onOnline)
    void refresh()
    schedule(++chain)
  }

  function stop(): void {
    running = false
    chain++
    if (timer !== null) clearTimeout(timer)
    timer = null
    window.removeEventListener('offline', onOffline)
    window.removeEventListener('online', onOnline)
  }

  return { remote, browserOffline, state, unreachable, refresh, start, stop }
})
