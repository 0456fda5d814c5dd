/**
 * The renderer's only door to the outside world: the preload's `window.api`.
 * Read lazily on every call so that tests (and the dev bridge) can install their own object.
 */
import type { Api } from '../../shared/contract.ts'

export function api(): Api {
  return window.api
}
