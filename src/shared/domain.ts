/**
 * Domain schemas and types shared by main, core, preload, renderer and CLI.
 * Pure TypeScript + zod: no Node, DOM or Electron imports.
 */
import { z } from 'zod'
import { ERROR_CODES } from './errors.ts'

export const PROVIDERS = ['swedbankpay', 'payex', 'klarna', 'vipps', 'nexi'] as const
export const Provider = z.enum(PROVIDERS)
export type Provider = z.infer<typeof Provider>

export const TokenState = z.enum(['Active', 'Archived'])
export type TokenState = z.infer<typeof TokenState>

/** Connect customer numbers are integers; we keep them as digit strings (ids, not amounts). */
export const CustomerNumber = z
  .string()
  .trim()
  .regex(/^[0-9]{1,12}$/, 'a customer number is 1 to 12 digits')
export type CustomerNumber = z.infer<typeof CustomerNumber>

/** Free text that ends up in a path segment or query: bounded, no control characters. */
export const boundedText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters')

export const PayerReference = boundedText(50)
export const TokenId = boundedText(128)
/** Swedbank Pay token types: Payment, Recurrence, TransactionOnFile, Unscheduled (and OneClick seen in examples). */
export const TokenType = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{1,32}$/, 'a token type is 1 to 32 letters')

/** The unified payment token: one row of the cross-provider table and of the CLI's JSON output. */
export const PaymentToken = z.object({
  provider: Provider,
  token: z.string(),
  tokenType: z.string(),
  state: TokenState,
  displayName: z.string().nullable(),
  instrument: z.string().nullable(),
  cardBrand: z.string().nullable(),
  lastFour: z.string().nullable(),
  /** MM/YYYY where the provider tells it. */
  expiry: z.string().nullable(),
  payerReference: z.string().nullable(),
  customerNumber: z.string().nullable(),
  archivedBy: z.string().nullable(),
  archiveReason: z.string().nullable(),
})
export type PaymentToken = z.infer<typeof PaymentToken>

export const Customer = z.object({
  customerNumber: z.string(),
  firstName: z.string().nullable(),
  middleName: z.string().nullable(),
  lastName: z.string().nullable(),
  companyName: z.string().nullable(),
  emails: z.array(z.string()),
  phoneNumbers: z.array(z.string()),
  /** The Swedbank Pay payerReference this customer maps to (default: the customer number). */
  payerReference: z.string(),
})
export type Customer = z.infer<typeof Customer>

export const ErrorDataSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  retryAfterMs: z.number().optional(),
  provider: z.string().optional(),
  httpStatus: z.number().optional(),
})

export const ProviderStatus = z.object({
  provider: Provider,
  status: z.enum(['loaded', 'failed', 'not_configured']),
  count: z.number().int().nonnegative(),
  error: ErrorDataSchema.optional(),
})
export type ProviderStatus = z.infer<typeof ProviderStatus>

export const TokenListing = z.object({
  customerNumber: z.string().nullable(),
  payerReference: z.string().nullable(),
  tokens: z.array(PaymentToken),
  providers: z.array(ProviderStatus),
})
export type TokenListing = z.infer<typeof TokenListing>

export const ProfileKind = z.enum(['sandbox', 'test', 'production'])
export type ProfileKind = z.infer<typeof ProfileKind>

export const AppInfo = z.object({
  version: z.string(),
  profile: z.object({ kind: ProfileKind, label: z.string() }),
  /** True when the embedded sandbox answers every API call. */
  sandbox: z.boolean(),
  /** Which providers the active profile can reach. */
  providers: z.array(z.object({ provider: Provider, configured: z.boolean() })),
})
export type AppInfo = z.infer<typeof AppInfo>
