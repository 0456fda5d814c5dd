import { enableAutoUnmount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { COMMAND_IDS, SHORTCUTS, filterByTitle, matchScore } from '../../src/renderer/src/lib/commands.ts'
import { useCustomerSearchStore } from '../../src/renderer/src/stores/customerSearch.ts'
import { byTestId, mountApp, settle, signedInApi, swedbankCard } from './support.ts'
import { LOOKUP_CALLS } from './provider-answers.ts'

enableAutoUnmount(afterEach)
afterEach(() => {
  document.body.innerHTML = ''
})

/** A key press where the agent is (the focused element, else the body); it bubbles to the window. */
async function press(key: string, init: KeyboardEventInit = {}): Promise<KeyboardEvent> {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init })
  ;(document.activeElement ?? document.body).dispatchEvent(event)
  await settle()
  return event
}

function input(): HTMLInputElement {
  const [field] = byTestId('command-palette-input')
  if (!(field instanceof HTMLInputElement)) throw new Error('palette not open')
  return field
}

async function type(text: string): Promise<void> {
  input().value = text
  input().dispatchEvent(new Event('input'))
  await settle()
}

const optionIds = (): string[] => byTestId('command-option').map((option) => option.dataset.commandId ?? '')
const activeOption = (): HTMLElement | null => document.getElementById(input().getAttribute('aria-activedescendant') ?? '')

describe('command filtering', () => {
  it('ranks a prefix over a substring over letters in order, and ignores case and accents', () => {
    expect(matchScore('Go to audit log', 'go')).toBe(3)
    expect(matchScore('Go to audit log', 'audit')).toBe(2.5)
    expect(matchScore('Go to audit log', 'udit')).toBe(2)
    expect(matchScore('Go to audit log', 'gal')).toBeGreaterThan(0)
    expect(matchScore('Go to audit log', 'xyz')).toBeNull()
    expect(matchScore('Gå til søk', 'ga til sok')).toBe(3)
    const titles = ['Sign out', 'Go to settings', 'Show keyboard shortcuts']
    expect(filterByTitle(titles, 'set', (title) => title)[0]).toBe('Go to settings')
    expect(filterByTitle(titles, 'sign', (title) => title)).toEqual(['Sign out'])
    expect(filterByTitle(titles, 's', (title) => title)).toEqual(['Sign out', 'Show keyboard shortcuts', 'Go to settings'])
  })
})

describe('command palette', () => {
  it('opens with Ctrl+K and Cmd+K as a modal combobox over a listbox of every global command', async () => {
    await mountApp('/')
    await press('k', { ctrlKey: true })
    const [palette] = byTestId('command-palette')
    expect(palette?.getAttribute('role')).toBe('dialog')
    expect(palette?.getAttribute('aria-modal')).toBe('true')
    expect(document.activeElement).toBe(input())
    expect(input().getAttribute('role')).toBe('combobox')
    expect(document.getElementById(input().getAttribute('aria-controls') ?? '')?.getAttribute('role')).toBe('listbox')
    for (const id of ['goSearch', 'goRecent', 'goAudit', 'goSettings', 'focusSearch', 'signIn', 'themeDark', 'languageNb', 'showShortcuts']) {
      expect(optionIds()).toContain(id)
    }
    expect(activeOption()?.dataset.commandId).toBe(optionIds()[0])
    await press('Escape')
    expect(byTestId('command-palette')).toHaveLength(0)
    await press('k', { metaKey: true })
    expect(byTestId('command-palette')).toHaveLength(1)
  })

  it('filters as the agent types, moves with the arrows (wrapping) and runs the chosen command with Enter', async () => {
    const { router } = await mountApp('/')
    await press('k', { ctrlKey: true })
    await type('audit')
    expect(optionIds()).toEqual(['goAudit'])
    await type('go to')
    const shown = optionIds()
    expect(shown.slice(0, 4)).toEqual(['goSearch', 'goRecent', 'goAudit', 'goSettings'])
    await press('ArrowDown')
    expect(activeOption()?.dataset.commandId).toBe('goRecent')
    expect(activeOption()?.getAttribute('aria-selected')).toBe('true')
    await press('ArrowUp')
    await press('ArrowUp')
    expect(activeOption()?.dataset.commandId).toBe(shown[shown.length - 1])
    await type('settings')
    await press('Enter')
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('settings'))
    expect(byTestId('command-palette')).toHaveLength(0)
  })

  it('says so when nothing matches, and Esc gives focus back to where it was', async () => {
    await mountApp('/customers/100001')
    const [row] = byTestId('token-row', `[data-token="${swedbankCard.token}"]`)
    row?.focus()
    await press('k', { ctrlKey: true })
    await type('zzzz')
    expect(optionIds()).toEqual([])
    expect(byTestId('command-palette-empty')).toHaveLength(1)
    expect(input().hasAttribute('aria-activedescendant')).toBe(false)
    await press('Escape')
    expect(byTestId('command-palette')).toHaveLength(0)
    expect(document.activeElement).toBe(row)
  })

  it('offers the customer view’s context commands only while it is open, and runs them', async () => {
    const { router, api } = await mountApp('/customers/100001', signedInApi())
    await press('k', { ctrlKey: true })
    expect(optionIds()).toEqual(expect.arrayContaining(['refresh', 'archiveToken', 'exportTable']))
    const calls = api.customers.get.mock.calls.length
    await type('refresh')
    await press('Enter')
    expect(api.customers.get.mock.calls.length).toBe(calls + 1)

    // Archive from the palette: the confirmation for the row the agent was on.
    const [row] = byTestId('token-row', `[data-token="${swedbankCard.token}"]`)
    row?.focus()
    await press('k', { ctrlKey: true })
    await type('archive')
    await press('Enter')
    expect(byTestId('archive-dialog')).toHaveLength(1)
    expect(byTestId('archive-summary')[0]?.textContent).toContain('1234')

    await router.push('/audit')
    await settle()
    await press('k', { ctrlKey: true })
    expect(optionIds()).not.toContain('archiveToken')
  })
})

describe('global shortcuts', () => {
  it('shows the help with ?, listing every shortcut from the registry, but never while typing', async () => {
    await mountApp('/')
    const field = document.getElementById('customer-search')
    field?.focus()
    expect(document.activeElement).toBe(field)
    await press('?', { shiftKey: true })
    await press('/')
    await press('a')
    expect(byTestId('shortcuts-help')).toHaveLength(0)
    expect(byTestId('command-palette')).toHaveLength(0)

    field?.blur()
    await press('?', { shiftKey: true })
    expect(byTestId('shortcuts-help')).toHaveLength(1)
    expect(byTestId('shortcut-row').map((row) => row.dataset.commandId)).toEqual(SHORTCUTS.map((shortcut) => shortcut.id))
    for (const shortcut of SHORTCUTS) expect(COMMAND_IDS).toContain(shortcut.id)
    expect(byTestId('shortcuts-help')[0]?.textContent).toContain('Ctrl+K')
    // A dialog is open: single keys do nothing behind it.
    await press('/')
    expect(byTestId('shortcuts-help')).toHaveLength(1)
    await press('Escape')
    expect(byTestId('shortcuts-help')).toHaveLength(0)
  })

  it('/ focuses the search field from anywhere', async () => {
    const { router } = await mountApp('/audit')
    ;(document.activeElement as HTMLElement | null)?.blur()
    await press('/')
    await vi.waitFor(() => expect(document.activeElement?.id).toBe('customer-search'))
    expect(router.currentRoute.value.name).toBe('search')
  })

  it('a on a token row opens the archive confirmation; not from a field, not behind a dialog', async () => {
    await mountApp('/customers/100001', signedInApi())
    const [row] = byTestId('token-row', `[data-token="${swedbankCard.token}"]`)
    row?.focus()
    await press('a')
    const [dialog] = byTestId('archive-dialog')
    expect(dialog).toBeDefined()
    expect(document.activeElement).toBe(byTestId('archive-reason')[0])
    // Typing "a" into the reason is text, not another archive.
    await press('a')
    expect(byTestId('archive-dialog')).toHaveLength(1)
    await press('Escape')
    expect(byTestId('archive-dialog')).toHaveLength(0)
  })

  it('F5 and Ctrl+R refresh the lookup instead of reloading; Ctrl+E opens the export dialog', async () => {
    const { api } = await mountApp('/customers/100001')
    const calls = api.tokens.list.mock.calls.length
    const f5 = await press('F5')
    expect(f5.defaultPrevented).toBe(true)
    const ctrlR = await press('r', { ctrlKey: true })
    expect(ctrlR.defaultPrevented).toBe(true)
    expect(api.tokens.list.mock.calls.length).toBe(calls + 2 * LOOKUP_CALLS)
    const ctrlE = await press('e', { ctrlKey: true })
    expect(ctrlE.defaultPrevented).toBe(true)
    expect(byTestId('export-dialog')).toHaveLength(1)
  })

  it('Alt+↓ and Alt+↑ step through the search results', async () => {
    const { router } = await mountApp('/')
    await useCustomerSearchStore().search('Nordmann')
    await settle()
    ;(document.activeElement as HTMLElement | null)?.blur()
    await press('ArrowDown', { altKey: true })
    expect(router.currentRoute.value.params.customerNumber).toBe('100001')
    await press('ArrowDown', { altKey: true })
    expect(router.currentRoute.value.params.customerNumber).toBe('100002')
    await press('ArrowUp', { altKey: true })
    expect(router.currentRoute.value.params.customerNumber).toBe('100001')
  })
})
