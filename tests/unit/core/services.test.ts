/** The composition root's options: payerReference template, opener, acting agent, dispose. */
import { afterEach, describe, expect, it } from 'vitest'
import { fixedAgentSession } from '../../../src/core/auth/agent-session.ts'
import { silentLogger } from '../../../src/core/log.ts'
import { createServices } from '../../../src/core/services.ts'
import { useTempCache } from './support/cache.ts'
import { ROUTES, TEST_AGENT, startCoreOnSandbox } from './support/sandbox.ts'
import type { CoreOnSandbox } from './support/sandbox.ts'

const temp = useTempCache()
let core: CoreOnSandbox | undefined
afterEach(async () => {
  await core?.close()
  core = undefined
})

describe('createServices options', () => {
  it('payerReferenceTemplate maps customers and token lists to the templated payerReference', async () => {
    core = await startCoreOnSandbox({ services: { payerReferenceTemplate: 'NO-{customerNumber}' } })
    const customer = await core.call('customers:get', { customerNumber: '100001' })
    expect(customer.ok && customer.data.payerReference).toBe('NO-100001')
    const listed = await core.call('tokens:list', { customerNumber: '100001', providers: ['swedbankpay'] })
    expect(listed).toMatchObject({ ok: true, data: { payerReference: 'NO-100001', tokens: [], providers: [{ status: 'loaded', count: 0 }] } })
    expect((await core.requests()).map((request) => request.path)).toContain('/online/payers/NO-100001')
  })

  it('by default nobody acts (writes are AUTH_REQUIRED) and the opener refuses (the link can still be copied)', async () => {
    core = await startCoreOnSandbox()
    const bare = createServices(core.config, { logger: silentLogger(), agentSession: fixedAgentSession(null) })
    const defaults = createServices(core.config, { logger: silentLogger() })
    try {
      await expect(defaults.handlers['tokens:archiveAll']({ provider: 'swedbankpay', payerReference: 'p', reason: 'r' })).rejects.toMatchObject({
        code: 'AUTH_REQUIRED',
        message: "Sign in to archive a payer's tokens.",
      })
      const withAgent = createServices(core.config, { logger: silentLogger(), agentSession: fixedAgentSession(TEST_AGENT) })
      const started = await withAgent.handlers['invoices:pay']({
        customerNumber: '100001',
        invoiceNumber: '7435368',
        productCode: 'AP001',
        companyCode: '68979834',
        paymentMethod: 'nexi',
      })
      await expect(withAgent.handlers['invoices:openPaymentLink']({ transactionId: started.transactionId })).rejects.toMatchObject({ code: 'NOT_CONFIGURED' })
      await withAgent.dispose()
      await expect(bare.handlers['invoices:openPaymentLink']({ transactionId: '1' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    } finally {
      await bare.dispose()
      await defaults.dispose()
    }
  })

  it('dispose closes the payment return listener and refuses later calls', async () => {
    core = await startCoreOnSandbox()
    core.actAs(TEST_AGENT)
    const started = await core.call('invoices:pay', {
      customerNumber: '100001',
      invoiceNumber: '7435368',
      productCode: 'AP001',
      companyCode: '68979834',
      paymentMethod: 'vippsEcommerce',
    })
    if (!started.ok) throw new Error(started.error.message)
    const returnUrl = new URL(started.data.paymentUrl).searchParams.get('returnUrl')!
    expect((await fetch(returnUrl)).status).toBe(200)
    await core.close()
    await expect(fetch(returnUrl)).rejects.toThrow()
    expect(await core.call('app:info', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    core = undefined
  })

  it("refuses another profile's cache; a lookup answered after dispose is not kept (a switch's wipe stays a wipe)", async () => {
    core = await startCoreOnSandbox()
    expect(() => createServices(core!.config, { logger: silentLogger(), cache: temp.binding('test') })).toThrow(/test profile's cache/)
    const services = createServices(core.config, { logger: silentLogger(), cache: temp.binding('sandbox') })
    await core.fault({ route: ROUTES.customerInfo, delayMs: 300 })
    const inFlight = services.handlers['customers:get']({ customerNumber: '100001' })
    await new Promise((resolve) => setTimeout(resolve, 50))
    await services.dispose()
    expect(await inFlight).toMatchObject({ customerNumber: '100001', cachedAt: null })
    expect(temp.cache().list('sandbox')).toEqual([])
  })
})
