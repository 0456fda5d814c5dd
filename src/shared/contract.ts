/**
 * THE IPC contract: one entry per channel with its request and response schema.
 * Main (registrar), the dev host, the CLI and the renderer's types all derive from this map.
 */
import { z } from 'zod'
import type { Channel, apiShape } from './api-shape.ts'
import type { Result } from './errors.ts'
import {
  AppInfo,
  Customer,
  CustomerNumber,
  PayerReference,
  PaymentToken,
  Provider,
  TokenId,
  TokenListing,
  TokenType,
  boundedText,
} from './domain.ts'

const none = z.object({}).strict()

export const contract = {
  'app:info': { request: none, response: AppInfo },
  'customers:search': {
    request: z.object({ query: boundedText(100) }).strict(),
    response: z.array(Customer),
  },
  'customers:get': {
    request: z.object({ customerNumber: CustomerNumber }).strict(),
    response: Customer,
  },
  'tokens:list': {
    request: z
      .object({
        customerNumber: CustomerNumber.optional(),
        payerReference: PayerReference.optional(),
        providers: z.array(Provider).min(1).max(5).optional(),
        includeArchived: z.boolean().optional(),
      })
      .strict()
      .refine((r) => r.customerNumber !== undefined || r.payerReference !== undefined, {
        message: 'give a customerNumber or a payerReference',
      }),
    response: TokenListing,
  },
  'tokens:archive': {
    request: z
      .object({
        provider: z.literal('swedbankpay'),
        payerReference: PayerReference,
        token: TokenId,
        tokenType: TokenType,
        reason: boundedText(250),
      })
      .strict(),
    response: PaymentToken,
  },
} as const satisfies Record<Channel, { request: z.ZodType; response: z.ZodType }>

export type Contract = typeof contract
export type RequestOf<C extends Channel> = z.input<Contract[C]['request']>
export type ParsedRequestOf<C extends Channel> = z.output<Contract[C]['request']>
export type ResponseOf<C extends Channel> = z.output<Contract[C]['response']>

/** A service implementation for every channel: what core provides and the dispatcher calls. */
export type Handlers = { [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> }

/** The object the preload (or the dev bridge) exposes as `window.api`. */
type Shape = typeof apiShape
export type Api = {
  readonly [D in keyof Shape]: {
    readonly [V in keyof Shape[D]]: Shape[D][V] extends Channel
      ? (request: RequestOf<Shape[D][V]>) => Promise<Result<ResponseOf<Shape[D][V]>>>
      : never
  }
}
