/**
 * Invoice payment (Connect's Pay invoice, then the payment link). The request is re-checked against
 * the contract's limits before anything is sent; the POST is sent ONCE, never retried: a timeout, a
 * reset or a 5xx is OUTCOME_UNKNOWN (check the invoice before trying again). On success the payment
 * link is built as documented, `{loginUrl}/payment/invoice/pay?clientId&returnUrl&errorUrl&transactionId`,
 * with the return URLs on the loopback listener (payment-return.ts), which records the result.
 */
import { z } from 'zod'
import { contract } from '../../shared/contract.ts'
import type { ParsedRequestOf, ResponseOf } from '../../shared/contract.ts'
import type { PaymentResult, PaymentStarted } from '../../shared/domain.ts'
import { AppError, isAppError } from '../../shared/errors.ts'
import type { ConnectConfig } from '../config.ts'
import { connectEndpoints } from '../connect/endpoints.ts'
import { describeIssues } from '../dispatch.ts'
import type { HttpClient } from '../http/client.ts'
import { wireId } from '../http/wire.ts'
import type { ExternalOpener } from '../platform/ports.ts'
import type { PaymentReturns } from './payment-return.ts'

export const PAYMENT_OUTCOME_UNKNOWN = "The payment may or may not have been registered. Check the invoice's status before trying again."

export interface PaymentService {
  pay(request: ParsedRequestOf<'invoices:pay'>): Promise<PaymentStarted>
  openPaymentLink(transactionId: string): Promise<ResponseOf<'invoices:openPaymentLink'>>
  result(transactionId: string, waitMs: number): Promise<PaymentResult>
}

/** `{success, transactionId:int}`; success may be missing when a transactionId is given. */
const PayAnswer = z.looseObject({ success: z.unknown().optional(), transactionId: wireId.optional() })

export function createPaymentService(options: {
  /** Connect with the agent's token when there is one, else the client token. */
  api: HttpClient
  connect: Pick<ConnectConfig, 'loginUrl' | 'clientId'>
  returns: PaymentReturns
  opener: ExternalOpener
}): PaymentService {
  const { api, connect, returns, opener } = options

  const linkFor = (transactionId: string) => (urls: { returnUrl: string; errorUrl: string }) => {
    const query = new URLSearchParams({ clientId: connect.clientId, returnUrl: urls.returnUrl, errorUrl: urls.errorUrl, transactionId })
    return `${connect.loginUrl.replace(/\/+$/, '')}${connectEndpoints.invoicePaymentPage.path}?${query.toString()}`
  }
  const unknownTransaction = () =>
    new AppError('NOT_FOUND', 'This console did not start that payment (or has forgotten it after 30 minutes).', { provider: 'connect' })

  return {
    async pay(request) {
      // Defence in depth: the dispatcher checked already, but nothing reaches Connect unchecked.
      const checked = contract['invoices:pay'].request.safeParse(request)
      if (!checked.success) throw new AppError('VALIDATION', describeIssues(checked.error.issues))
      const { customerNumber, invoiceNumber, productCode, companyCode, paymentMethod } = checked.data

      let answer: z.output<typeof PayAnswer>
      try {
        answer = await api.send(
          {
            endpoint: connectEndpoints.payInvoice,
            // ?customerNumber= is our assumption (as on the token calls): the invoice must be this customer's.
            ...(customerNumber === undefined ? {} : { query: { customerNumber } }),
            json: { invoiceNumber, productCode, companyCode, paymentMethod },
            write: true,
            subject: `invoice ${invoiceNumber}`,
          },
          PayAnswer,
        )
      } catch (error) {
        if (isAppError(error) && error.code === 'OUTCOME_UNKNOWN') {
          const status = error.httpStatus === undefined ? '' : ` (HTTP ${error.httpStatus})`
          throw new AppError('OUTCOME_UNKNOWN', `Connect did not confirm the invoice payment${status}. ${PAYMENT_OUTCOME_UNKNOWN}`, {
            provider: 'connect',
            ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
            cause: error,
          })
        }
        throw error
      }
      if (answer.success === false || answer.success === 'false') {
        throw new AppError('PROVIDER_ERROR', `Connect refused to start the payment of invoice ${invoiceNumber} (success: false).`, { provider: 'connect' })
      }
      if (answer.transactionId === undefined) {
        throw new AppError('PROVIDER_ERROR', `Connect started no payment link for invoice ${invoiceNumber}: its answer had no transactionId.`, {
          provider: 'connect',
        })
      }
      const transactionId = answer.transactionId
      const paymentUrl = await returns.start(transactionId, linkFor(transactionId))
      return { transactionId, paymentUrl }
    },

    async openPaymentLink(transactionId) {
      const link = returns.link(transactionId)
      if (link === null) throw unknownTransaction()
      await opener.open(link)
      return { opened: true }
    },

    async result(transactionId, waitMs) {
      const result = await returns.result(transactionId, waitMs)
      if (result === null) throw unknownTransaction()
      return result
    },
  }
}
