/**
 * THE IPC contract: one entry per channel with its request and response schema.
 * Main (registrar), the dev host, the CLI and the renderer's types all derive from this map.
 */
import { z } from 'zod'
import type { Channel, apiShape } from './api-shape.ts'
import type { Result } from './errors.ts'
import {
  AppInfo,
  AuthStatus,
  ConnectProvider,
  Customer,
  CustomerLookup,
  CustomerNumber,
  EditableProfileId,
  InvoiceListing,
  PayerReference,
  PaymentMethod,
  PaymentResult,
  PaymentStarted,
  PaymentToken,
  Product,
  ProductCode,
  ProfileKind,
  ProfileSettings,
  ProfilesState,
  Provider,
  SecretName,
  TokenId,
  TokenListing,
  TokenType,
  boundedText,
} from './domain.ts'
import {
  AuditFilter,
  AuditPage,
  Connectivity,
  ExportId,
  ExportOutcome,
  ExportProgress,
  ExportRequest,
  LocalDataSettings,
  LocalDataState,
  RecentLookup,
  isoDate,
} from './records.ts'
import { REVEAL_FIELDS } from './masking.ts'

const none = z.object({}).strict()
const legacyTokenKind = z.enum(['payment', 'recurrence', 'unscheduled'])

export const contract = {
  'app:info': { request: none, response: AppInfo },
  /** Whether Connect and Swedbank Pay answered the last time the console asked them. */
  'app:connectivity': { request: none, response: Connectivity },
  /** Aborts the reads of every lookup in flight (a view closed); writes go on. Answers how many lookups it stopped. */
  'app:cancelLookups': { request: none, response: z.object({ cancelled: z.number().int().nonnegative() }) },

  // Sign-in of the agent (ConnectID, Authorization Code + PKCE in the system browser). signIn resolves
  // when the loopback callback arrives (or fails: denied, timed out after 5 minutes, cancelled).
  'auth:status': { request: none, response: AuthStatus },
  'auth:signIn': { request: none, response: AuthStatus },
  'auth:cancelSignIn': { request: none, response: AuthStatus },
  'auth:signOut': { request: none, response: AuthStatus },

  // Profiles: sandbox (embedded), test, production. Secrets are write-only: set or clear, never read.
  'profiles:get': { request: none, response: ProfilesState },
  'profiles:save': {
    request: z.object({ id: EditableProfileId, settings: ProfileSettings }).strict(),
    response: ProfilesState,
  },
  'profiles:setSecret': {
    request: z.object({ id: EditableProfileId, name: SecretName, value: z.string().min(1).max(4096) }).strict(),
    response: ProfilesState,
  },
  'profiles:clearSecret': {
    request: z.object({ id: EditableProfileId, name: SecretName }).strict(),
    response: ProfilesState,
  },
  'profiles:activate': { request: z.object({ id: ProfileKind }).strict(), response: ProfilesState },

  'customers:search': {
    request: z.object({ query: boundedText(100) }).strict(),
    response: z.array(Customer),
  },
  'customers:get': {
    request: z.object({ customerNumber: CustomerNumber }).strict(),
    // Live, or the cached copy (cachedAt set) when Connect cannot be reached.
    response: CustomerLookup,
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
  'tokens:archiveAll': {
    request: z
      .object({ provider: z.literal('swedbankpay'), payerReference: PayerReference, reason: boundedText(250) })
      .strict(),
    response: z.array(PaymentToken),
  },
  'tokens:rename': {
    request: z
      .object({
        provider: z.literal('swedbankpay'),
        token: TokenId,
        tokenType: TokenType,
        displayName: boundedText(100),
      })
      .strict(),
    response: PaymentToken,
  },
  'tokens:remove': {
    request: z.object({ provider: ConnectProvider, customerNumber: CustomerNumber, token: TokenId }).strict(),
    response: z.object({ provider: ConnectProvider, token: z.string(), removed: z.literal(true) }),
  },
  // Swedbank Pay's old PaymentOrder API: { state: "Deleted", comment }.
  'tokens:legacyDelete': {
    request: z.discriminatedUnion('kind', [
      z.object({ kind: legacyTokenKind, token: TokenId, comment: boundedText(250) }).strict(),
      z.object({ kind: z.literal('payerOwned'), payerReference: PayerReference, comment: boundedText(250) }).strict(),
    ]),
    response: z.object({
      kind: z.enum(['payment', 'recurrence', 'unscheduled', 'payerOwned']),
      deleted: z.literal(true),
      /** How many tokens the provider reported deleted, where it says. */
      count: z.number().int().nonnegative().nullable(),
    }),
  },

  'products:list': { request: none, response: z.array(Product) },

  'invoices:list': {
    request: z
      .object({ customerNumber: CustomerNumber, productCode: ProductCode, from: isoDate.optional(), to: isoDate.optional() })
      .strict(),
    response: InvoiceListing,
  },
  // Validated against Connect's documented limits before any request; sent once, never retried.
  'invoices:pay': {
    request: z
      .object({
        /** Optional: when given, the payment is scoped to this customer (our assumption, ?customerNumber=). */
        customerNumber: CustomerNumber.optional(),
        invoiceNumber: boundedText(10),
        productCode: ProductCode,
        companyCode: boundedText(12),
        paymentMethod: PaymentMethod,
      })
      .strict(),
    response: PaymentStarted,
  },
  /** Opens the payment link of a transaction this console started, in the system browser. */
  'invoices:openPaymentLink': {
    request: z.object({ transactionId: boundedText(40) }).strict(),
    response: z.object({ opened: z.literal(true) }),
  },
  /** The result captured on the loopback returnUrl; waits up to waitMs for one to arrive. */
  'invoices:paymentResult': {
    request: z.object({ transactionId: boundedText(40), waitMs: z.number().int().min(0).max(25_000).optional() }).strict(),
    response: PaymentResult,
  },

  // Local data: the encrypted offline cache of lookups. Cleared on sign-out, on a profile switch and on request.
  'localData:get': { request: none, response: LocalDataState },
  'localData:save': { request: LocalDataSettings, response: LocalDataState },
  'localData:clear': { request: none, response: LocalDataState },
  /** Cached customers, newest first, optionally filtered by number, name or email (searched offline). */
  'localData:recent': {
    request: z.object({ query: boundedText(100).optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
    response: z.array(RecentLookup),
  },

  // The audit log: append-only; read and exported, never edited or deleted.
  'audit:list': {
    request: z
      .object({
        filter: AuditFilter.optional(),
        limit: z.number().int().min(1).max(1000).optional(),
        /** Entries with an id below this one (paging back in time). */
        beforeId: z.number().int().positive().optional(),
      })
      .strict(),
    response: AuditPage,
  },
  /**
   * Records that the agent revealed a masked value (a token id, an email, a phone number) before the
   * renderer shows it. The value itself is never sent. Fails (nothing revealed) when the entry cannot be written.
   */
  'audit:reveal': {
    request: z
      .object({
        field: z.enum(REVEAL_FIELDS),
        customerNumber: CustomerNumber.optional(),
        provider: Provider.optional(),
        /** The token whose id is revealed (the log stores it masked). */
        token: TokenId.optional(),
      })
      .strict(),
    response: z.object({ recorded: z.literal(true) }),
  },

  // CSV export: main asks where to save (the save dialog), writes a temp file and renames it into place.
  'exports:csv': { request: ExportRequest, response: ExportOutcome },
  'exports:progress': { request: z.object({ exportId: ExportId }).strict(), response: ExportProgress },
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

/** Channels answered by the session layer (who is signed in, which profile is active, the local data and audit log). */
export type SessionChannel = Extract<Channel, `auth:${string}` | `profiles:${string}` | `localData:${string}` | `audit:${string}`>
/** Channels answered by the services built for the active profile. */
export type ServiceChannel = Exclude<Channel, SessionChannel>
export type SessionHandlers = Pick<Handlers, SessionChannel>
export type ServiceHandlers = Pick<Handlers, ServiceChannel>
