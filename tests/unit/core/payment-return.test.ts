import { afterEach, describe, expect, it } from 'vitest'
import { createPaymentReturns } from '../../../src/core/invoices/payment-return.ts'
import type { PaymentReturns, ReturnUrls } from '../../../src/core/invoices/payment-return.ts'

let returns: PaymentReturns
afterEach(async () => {
  await returns?.close()
})

/** Starts a transaction and hands back its return URLs. */
async function started(transactionId: string): Promise<ReturnUrls> {
  let urls: ReturnUrls | undefined
  await returns.start(transactionId, (given) => {
    urls = given
    return `https://login.example/payment/invoice/pay?transactionId=${transactionId}`
  })
  return urls!
}

describe('the payment return listener', () => {
  it('listens on 127.0.0.1 only while a payment is pending, and records the result it receives', async () => {
    returns = createPaymentReturns()
    expect(returns.port()).toBeNull()
    const urls = await started('12378954')
    expect(urls.returnUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/payment\/return\/12378954$/)
    expect(urls.errorUrl).toBe(urls.returnUrl.replace('/return/', '/error/'))
    expect(returns.link('12378954')).toBe('https://login.example/payment/invoice/pay?transactionId=12378954')
    expect(await returns.result('12378954', 0)).toEqual({ transactionId: '12378954', status: 'pending', receivedAt: null })

    const response = await fetch(`${urls.returnUrl}?result=finished&transactionId=12378954`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('cache-control')).toBe('no-store')
    const page = await response.text()
    expect(page).toContain('You can close this tab')
    expect(page).not.toContain('12378954')
    expect(page).not.toContain('finished')

    const result = await returns.result('12378954', 0)
    expect(result).toMatchObject({ transactionId: '12378954', status: 'finished' })
    expect(Date.parse(result?.receivedAt ?? '')).toBeGreaterThan(Date.now() - 10_000)
    // Nothing pending any more: the listener is gone.
    expect(returns.port()).toBeNull()
    await expect(fetch(urls.returnUrl)).rejects.toThrow()
  })

  it('accepts `status` too; an undocumented value is unknown; the error URL is error', async () => {
    returns = createPaymentReturns()
    const a = await started('a')
    const b = await started('b')
    const c = await started('c')
    expect(new URL(a.returnUrl).port).toBe(new URL(c.returnUrl).port)
    await fetch(`${a.returnUrl}?status=Cancelled`)
    await fetch(`${b.returnUrl}?result=hacked`)
    await fetch(c.errorUrl)
    expect((await returns.result('a', 0))?.status).toBe('cancelled')
    expect((await returns.result('b', 0))?.status).toBe('unknown')
    expect((await returns.result('c', 0))?.status).toBe('error')
  })

  it('ignores transactions it did not start, other paths and other methods', async () => {
    returns = createPaymentReturns()
    const urls = await started('mine')
    const base = new URL(urls.returnUrl).origin
    expect((await fetch(`${base}/payment/return/not-mine?result=finished`)).status).toBe(200)
    expect(await returns.result('not-mine', 0)).toBeNull()
    expect((await fetch(`${base}/other`)).status).toBe(404)
    expect((await fetch(urls.returnUrl, { method: 'POST', body: 'result=finished' })).status).toBe(405)
    expect(await returns.result('mine', 0)).toMatchObject({ status: 'pending' })
    expect(returns.port()).not.toBeNull()
  })

  it('a wait resolves as soon as the result arrives, or after waitMs with pending', async () => {
    returns = createPaymentReturns()
    const urls = await started('w')
    const waitStarted = Date.now()
    expect(await returns.result('w', 50)).toMatchObject({ status: 'pending' })
    expect(Date.now() - waitStarted).toBeGreaterThanOrEqual(45)
    const waiting = returns.result('w', 10_000)
    setTimeout(() => void fetch(`${urls.returnUrl}?result=failed`), 20)
    const early = Date.now()
    expect(await waiting).toMatchObject({ status: 'failed' })
    expect(Date.now() - early).toBeLessThan(5_000)
  })

  it('forgets a transaction after forgetAfterMs and then stops listening', async () => {
    returns = createPaymentReturns({ forgetAfterMs: 40 })
    await started('old')
    expect(returns.port()).not.toBeNull()
    await new Promise((resolve) => setTimeout(resolve, 80))
    expect(await returns.result('old', 0)).toBeNull()
    expect(returns.link('old')).toBeNull()
    expect(returns.port()).toBeNull()
  })

  it('close() stops the listener and releases waiters', async () => {
    returns = createPaymentReturns()
    await started('x')
    const waiting = returns.result('x', 10_000)
    await returns.close()
    expect(await waiting).toMatchObject({ status: 'pending' })
    expect(returns.port()).toBeNull()
  })
})
