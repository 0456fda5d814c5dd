import { enableAutoUnmount } from '@vue/test-utils'
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { PaymentToken } from '../../src/shared/domain.ts'
import type { Result } from '../../src/shared/errors.ts'
import {
  createFakeApi,
  deferred,
  signedIn,
  signedInApi,
  fail,
  kariListing,
  mountApp,
  ok,
  settle,
  swedbankCard,
} from './support.ts'
import { LOOKUP_CALLS, answerFrom } from './provider-answers.ts'

enableAutoUnmount(afterEach)
afterEach(() => {
  document.body.innerHTML = ''
})

const REASON = 'Customer asked by phone to remove the card'
const archivedCard: PaymentToken = {
  ...swedbankCard,
  state: 'Archived',
  archivedBy: 'agent.kari',
  archiveReason: REASON,
}

function cardRow(wrapper: VueWrapper) {
  return wrapper.get<HTMLElement>(`[data-testid="token-row"][data-token="${swedbankCard.token}"]`)
}

/** Archiving is a write: these tests run with an agent signed in unless they say otherwise. */
async function openDialog(api = signedInApi()) {
  const mounted = await mountApp('/customers/100001', api)
  const button = cardRow(mounted.wrapper).get<HTMLButtonElement>('[data-testid="archive-button"]')
  button.element.focus()
  await button.trigger('click')
  await settle()
  const dialog = mounted.wrapper.get<HTMLDialogElement>('[data-testid="archive-dialog"]')
  return { ...mounted, button, dialog }
}

describe('archive dialog', () => {
  it('opens as a labelled modal dialog that names the token and takes focus', async () => {
    const { dialog } = await openDialog()
    expect(dialog.element.open).toBe(true)
    expect(dialog.attributes('role')).toBe('dialog')
    const title = document.getElementById(dialog.attributes('aria-labelledby') ?? '')
    expect(title?.textContent?.trim()).toBe('Archive payment token')
    const description = document.getElementById(dialog.attributes('aria-describedby') ?? '')
    expect(description?.textContent).toContain('cannot be undone from the console')
    const summary = dialog.get('[data-testid="archive-summary"]').text()
    expect(summary).toContain('Swedbank Pay')
    expect(summary).toContain('Visa •••• 1234')
    expect(summary).toContain('Unscheduled')
    expect(document.activeElement).toBe(dialog.get('[data-testid="archive-reason"]').element)
  })

  it('keeps Confirm disabled until there is a reason (whitespace is not one), and counts to 250', async () => {
    const { dialog, api } = await openDialog()
    const confirm = dialog.get<HTMLButtonElement>('[data-testid="archive-confirm"]')
    const reason = dialog.get<HTMLTextAreaElement>('[data-testid="archive-reason"]')
    expect(confirm.element.disabled).toBe(true)
    expect(reason.attributes('maxlength')).toBe('250')

    await reason.setValue('    ')
    expect(confirm.element.disabled).toBe(true)
    await dialog.get('form').trigger('submit')
    await settle()
    expect(api.tokens.archive).not.toHaveBeenCalled()

    await reason.setValue('Stolen')
    expect(confirm.element.disabled).toBe(false)
    expect(dialog.get('[data-testid="archive-reason-count"]').text()).toContain('6 / 250')
  })

  it('archives exactly once with the expected payload, even on a double click, and is busy meanwhile', async () => {
    const api = signedInApi()
    const pending = deferred<Result<PaymentToken>>()
    api.tokens.archive.mockReturnValue(pending.promise)
    const { dialog } = await openDialog(api)
    await dialog.get('[data-testid="archive-reason"]').setValue(`  ${REASON}  `)
    const confirm = dialog.get<HTMLButtonElement>('[data-testid="archive-confirm"]')
    // Two clicks in the same tick, before any re-render could disable the button.
    confirm.element.click()
    confirm.element.click()
    await settle()

    expect(api.tokens.archive).toHaveBeenCalledTimes(1)
    expect(api.tokens.archive).toHaveBeenCalledWith({
      provider: 'swedbankpay',
      payerReference: 'payer-100001',
      token: swedbankCard.token,
      tokenType: 'Unscheduled',
      reason: REASON,
    })
    expect(dialog.attributes('aria-busy')).toBe('true')
    expect(confirm.element.disabled).toBe(true)
    expect(confirm.text()).toContain('Archiving…')
    // Esc while the provider is answering does not close the dialog.
    await dialog.trigger('cancel')
    expect(dialog.element.open).toBe(true)

    await dialog.get('form').trigger('submit')
    await settle()
    expect(api.tokens.archive).toHaveBeenCalledTimes(1)

    pending.resolve(ok(archivedCard))
    await settle()
  })

  it('shows a failure inside the dialog, keeps the reason, and allows another try', async () => {
    const api = signedInApi()
    api.tokens.archive
      .mockResolvedValueOnce(
        fail({ code: 'PROVIDER_UNAVAILABLE', message: 'Swedbank Pay answered 502', provider: 'swedbankpay' }),
      )
      .mockResolvedValueOnce(ok(archivedCard))
    const { wrapper, dialog } = await openDialog(api)
    await dialog.get('[data-testid="archive-reason"]').setValue(REASON)
    await dialog.get('[data-testid="archive-confirm"]').trigger('click')
    await settle()

    const error = dialog.get('[data-testid="archive-error"]')
    expect(error.attributes('role')).toBe('alert')
    expect(error.text()).toContain('Swedbank Pay is not answering')
    expect(error.text()).toContain('Swedbank Pay answered 502')
    expect(dialog.get('[data-testid="archive-next-step"]').text()).toBe("Try again in a minute; if it keeps failing, check the provider's status page.")
    expect(dialog.element.open).toBe(true)
    expect(dialog.get<HTMLTextAreaElement>('[data-testid="archive-reason"]').element.value).toBe(REASON)
    expect(cardRow(wrapper).attributes('data-state')).toBe('Active')
    // Only the lookup's warning about Vipps (failed in kariListing): no archive toast.
    expect(wrapper.find('[data-testid="toast"]:not([data-kind="warning"])').exists()).toBe(false)

    await dialog.get('[data-testid="archive-confirm"]').trigger('click')
    await settle()
    expect(api.tokens.archive).toHaveBeenCalledTimes(2)
    expect(wrapper.find('[data-testid="archive-dialog"]').exists()).toBe(false)
  })

  it('explains a CONFLICT as already archived and refreshes the list', async () => {
    const api = signedInApi()
    api.tokens.archive.mockResolvedValue(
      fail({ code: 'CONFLICT', message: 'paymenttokeninactive', provider: 'swedbankpay', httpStatus: 422 }),
    )
    const { wrapper, dialog } = await openDialog(api)
    answerFrom(api, { ...kariListing, tokens: kariListing.tokens.map((t) => (t.token === swedbankCard.token ? archivedCard : t)) })
    await dialog.get('[data-testid="archive-reason"]').setValue(REASON)
    await dialog.get('[data-testid="archive-confirm"]').trigger('click')
    await settle()

    expect(dialog.get('[data-testid="archive-error"]').text()).toContain('already archived')
    expect(dialog.get<HTMLButtonElement>('[data-testid="archive-confirm"]').element.disabled).toBe(true)
    expect(dialog.get('[data-testid="archive-cancel"]').text()).toBe('Close')
    expect(api.tokens.list).toHaveBeenCalledTimes(2 * LOOKUP_CALLS)
    expect(cardRow(wrapper).attributes('data-state')).toBe('Archived')
  })

  it('on success closes, shows the row archived, confirms in a status message and refreshes from the server', async () => {
    const api = signedInApi()
    api.tokens.archive.mockResolvedValue(ok(archivedCard))
    const refreshed = deferred<Result<typeof kariListing>>()
    const { wrapper, dialog } = await openDialog(api)
    // The refresh's Swedbank Pay answer waits; the other providers answer as before.
    api.tokens.list.mockReturnValueOnce(refreshed.promise)
    await dialog.get('[data-testid="archive-reason"]').setValue(REASON)
    await dialog.get('[data-testid="archive-confirm"]').trigger('click')
    await settle()

    expect(wrapper.find('[data-testid="archive-dialog"]').exists()).toBe(false)
    // The provider's answer replaces the row at once, before the refresh has come back.
    const row = cardRow(wrapper)
    expect(row.attributes('data-state')).toBe('Archived')
    expect(row.text()).toContain(REASON)
    expect(row.find('[data-testid="archive-button"]').exists()).toBe(false)
    expect(document.activeElement).toBe(row.element)
    const region = wrapper.get('[data-testid="toast-region"]')
    expect(region.attributes('role')).toBe('status')
    expect(region.text()).toContain('Visa •••• 1234 archived at Swedbank Pay')
    expect(api.tokens.list).toHaveBeenCalledTimes(2 * LOOKUP_CALLS)
    expect(wrapper.get('[data-testid="token-filter-archived"]').text()).toBe('Archived (2)')

    refreshed.resolve(
      ok({ ...kariListing, tokens: kariListing.tokens.map((t) => (t.token === swedbankCard.token ? archivedCard : t)) }),
    )
    await settle()
    expect(cardRow(wrapper).attributes('data-state')).toBe('Archived')
  })

  it('cancels with Esc, calls nothing, and gives focus back to the Archive… button', async () => {
    const { wrapper, dialog, button, api } = await openDialog()
    await dialog.get('[data-testid="archive-reason"]').setValue('changed my mind')
    await dialog.trigger('cancel')
    await settle()
    expect(wrapper.find('[data-testid="archive-dialog"]').exists()).toBe(false)
    expect(api.tokens.archive).not.toHaveBeenCalled()
    expect(document.activeElement).toBe(button.element)
    expect(cardRow(wrapper).attributes('data-state')).toBe('Active')
  })

  it('cancels with the Cancel button too', async () => {
    const { wrapper, dialog, button } = await openDialog()
    await dialog.get('[data-testid="archive-cancel"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid="archive-dialog"]').exists()).toBe(false)
    expect(document.activeElement).toBe(button.element)
  })

  it('without a signed-in agent keeps Archive… but asks to sign in first, sends nothing, then continues', async () => {
    const api = createFakeApi()
    const { wrapper, dialog } = await openDialog(api)
    const prompt = dialog.get('[data-testid="sign-in-prompt"]')
    expect(prompt.text()).toContain('Sign in to archive tokens')
    await dialog.get('[data-testid="archive-reason"]').setValue(REASON)
    const confirm = dialog.get<HTMLButtonElement>('[data-testid="archive-confirm"]')
    expect(confirm.element.disabled).toBe(true)
    await dialog.get('form').trigger('submit')
    await settle()
    expect(api.tokens.archive).not.toHaveBeenCalled()

    await prompt.get('[data-testid="sign-in-prompt-button"]').trigger('click')
    await settle()
    expect(api.auth.signIn).toHaveBeenCalledTimes(1)
    expect(dialog.find('[data-testid="sign-in-prompt"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="signed-in-agent"]').text()).toContain('Lise Agent')
    // The reason typed before signing in is still there.
    expect(dialog.get<HTMLTextAreaElement>('[data-testid="archive-reason"]').element.value).toBe(REASON)
    await dialog.get('[data-testid="archive-confirm"]').trigger('click')
    await settle()
    expect(api.tokens.archive).toHaveBeenCalledTimes(1)
  })

  it('shows the sign-in prompt after an AUTH_REQUIRED answer and re-reads who is signed in', async () => {
    const api = signedInApi()
    api.tokens.archive.mockResolvedValue(fail({ code: 'AUTH_REQUIRED', message: 'The sign-in has expired.' }))
    const { dialog } = await openDialog(api)
    expect(dialog.find('[data-testid="sign-in-prompt"]').exists()).toBe(false)
    api.auth.status.mockResolvedValue(ok({ ...signedIn, signedIn: false, agent: null }))
    await dialog.get('[data-testid="archive-reason"]').setValue(REASON)
    await dialog.get('[data-testid="archive-confirm"]').trigger('click')
    await settle()

    expect(dialog.get('[data-testid="sign-in-prompt"]').text()).toContain('Sign in to archive tokens')
    expect(dialog.get('[data-testid="archive-error"]').attributes('data-error-code')).toBe('AUTH_REQUIRED')
    expect(api.auth.status).toHaveBeenCalledTimes(2)
    expect(dialog.get<HTMLTextAreaElement>('[data-testid="archive-reason"]').element.value).toBe(REASON)
    expect(dialog.get<HTMLButtonElement>('[data-testid="archive-confirm"]').element.disabled).toBe(true)
  })
})
