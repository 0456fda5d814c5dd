import { enableAutoUnmount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { AuthStatus } from '../../src/shared/domain.ts'
import type { Result } from '../../src/shared/errors.ts'
import { createFakeApi, deferred, fail, mountApp, ok, settle, signedIn, signedInApi, signedOut } from './support.ts'

enableAutoUnmount(afterEach)
afterEach(() => {
  document.body.innerHTML = ''
})

describe('sign-in in the top bar', () => {
  it('asks for the sign-in state on start and offers Sign in when nobody is signed in', async () => {
    const { wrapper, api } = await mountApp('/')
    expect(api.auth.status).toHaveBeenCalledTimes(1)
    expect(wrapper.get('[data-testid="sign-in"]').text()).toBe('Sign in')
    expect(wrapper.find('[data-testid="signed-in-agent"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="sign-out"]').exists()).toBe(false)
  })

  it('waits for the browser with a Cancel button, then shows the agent', async () => {
    const api = createFakeApi()
    const pending = deferred<Result<AuthStatus>>()
    api.auth.signIn.mockReturnValue(pending.promise)
    const { wrapper } = await mountApp('/', api)
    await wrapper.get('[data-testid="sign-in"]').trigger('click')
    await settle()

    expect(api.auth.signIn).toHaveBeenCalledTimes(1)
    expect(wrapper.get('[data-testid="sign-in-pending"]').text()).toContain('Waiting for sign-in in your browser…')
    expect(wrapper.find('[data-testid="sign-in"]').exists()).toBe(false)
    expect(document.activeElement).toBe(wrapper.get('[data-testid="sign-in-cancel"]').element)

    pending.resolve(ok(signedIn))
    await settle()
    expect(wrapper.find('[data-testid="sign-in-pending"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="signed-in-agent"]').text()).toContain('Lise Agent')
    expect(wrapper.get('[data-testid="toast-region"]').text()).toContain('Signed in as Lise Agent')
  })

  it('cancels a waiting sign-in without showing an error', async () => {
    const api = createFakeApi()
    const pending = deferred<Result<AuthStatus>>()
    api.auth.signIn.mockReturnValue(pending.promise)
    api.auth.cancelSignIn.mockImplementation(async () => {
      pending.resolve(fail({ code: 'AUTH_REQUIRED', message: 'Sign-in was cancelled.' }))
      return ok(signedOut)
    })
    const { wrapper } = await mountApp('/', api)
    await wrapper.get('[data-testid="sign-in"]').trigger('click')
    await settle()
    await wrapper.get('[data-testid="sign-in-cancel"]').trigger('click')
    await settle()

    expect(api.auth.cancelSignIn).toHaveBeenCalledTimes(1)
    expect(api.auth.cancelSignIn).toHaveBeenCalledWith({})
    expect(wrapper.find('[data-testid="sign-in-pending"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="sign-in-error"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="sign-in"]').exists()).toBe(true)
    expect(document.activeElement).toBe(wrapper.get('[data-testid="sign-in"]').element)
  })

  it('explains a failed sign-in with the shared error description', async () => {
    const api = createFakeApi()
    api.auth.signIn.mockResolvedValue(
      fail({ code: 'TIMEOUT', message: 'No answer from the browser within 5 minutes.', provider: 'connectid' }),
    )
    const { wrapper } = await mountApp('/', api)
    await wrapper.get('[data-testid="sign-in"]').trigger('click')
    await settle()

    const error = wrapper.get('[data-testid="sign-in-error"]')
    expect(error.attributes('role')).toBe('alert')
    expect(error.attributes('data-error-code')).toBe('TIMEOUT')
    expect(error.text()).toContain('did not answer in time')
    expect(error.text()).toContain('No answer from the browser within 5 minutes.')
    expect(wrapper.find('[data-testid="signed-in-agent"]').exists()).toBe(false)
    await error.get('[data-testid="sign-in-error-dismiss"]').trigger('click')
    expect(wrapper.find('[data-testid="sign-in-error"]').exists()).toBe(false)
  })

  it('signs out', async () => {
    const { wrapper, api } = await mountApp('/', signedInApi())
    expect(wrapper.get('[data-testid="signed-in-agent"]').text()).toContain('Lise Agent')
    await wrapper.get('[data-testid="sign-out"]').trigger('click')
    await settle()

    expect(api.auth.signOut).toHaveBeenCalledTimes(1)
    expect(wrapper.find('[data-testid="signed-in-agent"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="sign-in"]').exists()).toBe(true)
  })

  it('shows a sign-in still running in main (after a reload) as waiting', async () => {
    const api = createFakeApi()
    api.auth.status.mockResolvedValue(ok({ ...signedOut, pending: true }))
    const { wrapper } = await mountApp('/', api)
    expect(wrapper.find('[data-testid="sign-in-pending"]').exists()).toBe(true)
    await wrapper.get('[data-testid="sign-in-cancel"]').trigger('click')
    await settle()
    expect(api.auth.cancelSignIn).toHaveBeenCalledTimes(1)
    expect(wrapper.find('[data-testid="sign-in"]').exists()).toBe(true)
  })
})
