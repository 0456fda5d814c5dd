import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ERROR_CODES } from '../../src/shared/errors.ts'
import ErrorState from '../../src/renderer/src/components/ErrorState.vue'
import { describeError } from '../../src/renderer/src/composables/useErrorMessage.ts'
import { setLocale } from '../../src/renderer/src/i18n.ts'
import { chosenName, customerName, isExpired, shortToken, tokenLabel } from '../../src/renderer/src/lib/format.ts'

afterEach(() => {
  vi.useRealTimers()
})

describe('describeError', () => {
  const now = new Date(2026, 10, 21, 14, 30, 0).getTime()

  it('turns RATE_LIMITED into "until HH:MM", rounding up to the next minute', () => {
    expect(describeError({ code: 'RATE_LIMITED', message: 'x', retryAfterMs: 120_000 }, now).summary).toBe(
      'Rate limited until 14:32',
    )
    const partial = describeError({ code: 'RATE_LIMITED', message: 'x', retryAfterMs: 61_000 }, now)
    expect(partial.retryAtText).toBe('14:32')
    expect(describeError({ code: 'RATE_LIMITED', message: 'x' }, now).retryAt).toBeNull()
  })

  it.each([
    [{ code: 'AUTH_REQUIRED', message: 'token expired' }, 'Sign-in needed'],
    [{ code: 'OFFLINE', message: 'net::ERR_INTERNET_DISCONNECTED' }, 'You are offline'],
    [{ code: 'TIMEOUT', message: 'no answer', provider: 'klarna' }, 'Klarna did not answer in time'],
    [{ code: 'PROVIDER_UNAVAILABLE', message: '503', provider: 'swedbankpay' }, 'Swedbank Pay is not answering'],
    [{ code: 'PROVIDER_UNAVAILABLE', message: '503' }, 'The provider is not answering'],
    [{ code: 'NOT_CONFIGURED', message: 'no credentials', provider: 'nexi' }, 'Nexi is not configured'],
    [{ code: 'OUTCOME_UNKNOWN', message: 'timeout on POST' }, 'Outcome unknown: check before trying again'],
  ] as const)('%o -> %s', (error, summary) => {
    const described = describeError(error, now)
    expect(described.summary).toBe(summary)
    expect(described.detail).toBe(error.message)
  })

  it('drops a detail that only repeats the summary', () => {
    expect(describeError({ code: 'OFFLINE', message: 'You are offline' }).detail).toBeNull()
  })
})

describe('the next step of each error code', () => {
  it.each([
    ['AUTH_REQUIRED', 'Sign in again from the top bar.'],
    ['OFFLINE', 'Check the network connection; cached customers are under Recent lookups.'],
    ['TIMEOUT', "Try again in a minute; if it keeps failing, check the provider's status page."],
    ['PROVIDER_UNAVAILABLE', "Try again in a minute; if it keeps failing, check the provider's status page."],
    ['OUTCOME_UNKNOWN', 'Refresh the list to see whether the change was made before trying again.'],
    ['CONFLICT', 'Refresh the list to see the current state before changing anything.'],
    ['RATE_LIMITED', 'Wait a minute, then try again.'],
  ] as const)('%s -> %s', (code, nextStep) => {
    expect(describeError({ code, message: 'x' }).nextStep).toBe(nextStep)
  })

  it('says when to try again when a rate limit says when it ends', () => {
    const now = new Date(2026, 10, 21, 14, 30, 0).getTime()
    expect(describeError({ code: 'RATE_LIMITED', message: 'x', retryAfterMs: 120_000 }, now).nextStep).toBe('Try again at 14:32.')
  })

  it('has its own sentence for every code, in every language', () => {
    for (const locale of ['en', 'nb', 'sv'] as const) {
      setLocale(locale, false)
      const steps = ERROR_CODES.map((code) => describeError({ code, message: 'x' }).nextStep)
      for (const [index, step] of steps.entries()) {
        expect({ locale, code: ERROR_CODES[index], ok: /[.!]$/.test(step) && !step.startsWith('errors.') }).toEqual({ locale, code: ERROR_CODES[index], ok: true })
      }
      // TIMEOUT and PROVIDER_UNAVAILABLE share their advice; every other code has its own.
      expect(new Set(steps).size).toBe(ERROR_CODES.length - 1)
    }
  })

  it('ErrorState shows the next step under the summary', () => {
    const wrapper = mount(ErrorState, { props: { error: { code: 'OUTCOME_UNKNOWN', message: 'Swedbank Pay answered 504 to the archive' } } })
    const lines = wrapper.findAll('.body > p').map((line) => line.text())
    expect(lines).toEqual([
      'Outcome unknown: check before trying again',
      'Refresh the list to see whether the change was made before trying again.',
      'Swedbank Pay answered 504 to the archive',
    ])
    expect(wrapper.get('[data-testid="next-step"]').text()).toBe(lines[1])
    wrapper.unmount()
  })
})

describe('format helpers', () => {
  it('shortens long token ids to 8 characters and an ellipsis', () => {
    expect(shortToken('5a17c2f1-9b1e-4c3a-8f00-0123456789ab')).toBe('5a17…6789ab')
    expect(shortToken('abc')).toBe('abc')
    expect(shortToken('123456789012')).toBe('123456789012')
  })

  it('labels cards by brand and last four, else by display name', () => {
    expect(tokenLabel({ cardBrand: 'Visa', lastFour: '1234', displayName: 'x', instrument: 'CreditCard' })).toBe(
      'Visa •••• 1234',
    )
    expect(tokenLabel({ cardBrand: null, lastFour: null, displayName: 'Vipps 4790', instrument: 'Vipps' })).toBe(
      'Vipps 4790',
    )
    expect(tokenLabel({ cardBrand: null, lastFour: null, displayName: null, instrument: null })).toBe('—')
  })

  it('names people, then companies, then numbers', () => {
    const base = { customerNumber: '7', firstName: null, middleName: null, lastName: null, companyName: null }
    expect(customerName({ ...base, firstName: 'Kari', lastName: 'Nordmann' })).toBe('Kari Nordmann')
    expect(customerName({ ...base, companyName: 'Avis AS' })).toBe('Avis AS')
    expect(customerName(base)).toBe('Customer 7')
  })

  it('knows an expired MM/YYYY', () => {
    const now = new Date(2026, 10, 21)
    expect(isExpired('10/2026', now)).toBe(true)
    expect(isExpired('11/2026', now)).toBe(false)
    expect(isExpired('12/99', now)).toBe(false)
    expect(isExpired('garbage', now)).toBe(false)
  })
})

describe('chosenName', () => {
  const card = { cardBrand: 'Visa', lastFour: '0004', instrument: 'CreditCard' }
  it('shows a name the customer or agent chose', () => {
    expect(chosenName({ ...card, displayName: 'Kari sin jobbkonto' })).toBe('Kari sin jobbkonto')
  })
  it('hides masked numbers, empty names and the label itself', () => {
    expect(chosenName({ ...card, displayName: '492500******0004' })).toBeNull()
    expect(chosenName({ ...card, displayName: '  ' })).toBeNull()
    expect(chosenName({ ...card, displayName: null })).toBeNull()
    expect(chosenName({ ...card, displayName: 'Visa •••• 0004' })).toBeNull()
    expect(chosenName({ ...card, cardBrand: 'VISA', displayName: 'VISA xxxx-xxxxxx-x2348' })).toBeNull()
  })
})
