/**
 * Domain schemas and types shared by main, core, preload, renderer and CLI.
 * Pure TypeScript + zod: no Node, DOM or Electron imports.
 */
import { z } from 'zod'
import { ERROR_CODES } from './errors.ts'
import { PROVIDERS } from './providers.ts'

export { PROVIDERS }
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

/** A customer as customers:get answers: live (cachedAt null) or, when Connect is unreachable, the cached copy. */
export const CustomerLookup = Customer.extend({ cachedAt: z.string().nullable() })
export type CustomerLookup = z.infer<typeof CustomerLookup>

export const ErrorDataSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  retryAfterMs: z.number().optional(),
  provider: z.string().optional(),
  httpStatus: z.number().optional(),
})

export const ProviderStatus = z.object({
  provider: Provider,
  /** cached: the provider could not be reached and the tokens are the last ones cached (read-only). */
  status: z.enum(['loaded', 'failed', 'not_configured', 'cached']),
  count: z.number().int().nonnegative(),
  /** Why it failed, or why cached tokens are shown. */
  error: ErrorDataSchema.optional(),
  /** ISO time the cached tokens were looked up (status 'cached' only). */
  cachedAt: z.string().optional(),
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

export { PROVIDER_ACTIONS, TOKEN_ACTIONS, type TokenAction } from './token-actions.ts'
export const CONNECT_PROVIDERS = ['payex', 'klarna', 'vipps', 'nexi'] as const
export const ConnectProvider = z.enum(CONNECT_PROVIDERS)
export type ConnectProvider = z.infer<typeof ConnectProvider>

/** The agent signed in through ConnectID (Authorization Code + PKCE). No token ever crosses IPC. */
export const Agent = z.object({ userId: z.string(), name: z.string(), email: z.string().nullable() })
export type Agent = z.infer<typeof Agent>

export const AuthStatus = z.object({
  signedIn: z.boolean(),
  agent: Agent.nullable(),
  /** True while a sign-in waits for the system browser's callback. */
  pending: z.boolean(),
})
export type AuthStatus = z.infer<typeof AuthStatus>

export const EditableProfileId = z.enum(['test', 'production'])
export type EditableProfileId = z.infer<typeof EditableProfileId>
export const SECRET_NAMES = ['connectClientSecret', 'swedbankPayAccessToken'] as const
export const SecretName = z.enum(SECRET_NAMES)
export type SecretName = z.infer<typeof SecretName>

const httpsUrl = z
  .string()
  .trim()
  .max(300)
  .url()
  .refine((value) => value.startsWith('https://'), 'must be an https:// URL')

/** {customerNumber} is replaced by the customer number; the result is the Swedbank Pay payerReference. */
export const PayerReferenceTemplate = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .refine((value) => value.includes('{customerNumber}'), 'must contain {customerNumber}')

export const ProfileSettings = z.object({
  connect: z.object({ apiUrl: httpsUrl, loginUrl: httpsUrl, clientId: boundedText(200) }),
  swedbankPay: z.object({ apiUrl: httpsUrl }),
  payerReferenceTemplate: PayerReferenceTemplate,
})
export type ProfileSettings = z.infer<typeof ProfileSettings>

/** Settings as shown for editing: a never-saved profile carries the documented hosts and an empty client id. */
export const ProfileSettingsDraft = ProfileSettings.extend({
  connect: ProfileSettings.shape.connect.extend({ clientId: z.string().max(200) }),
})
export type ProfileSettingsDraft = z.infer<typeof ProfileSettingsDraft>

/** A profile as the renderer sees it: settings, and only whether each secret is stored. */
export const ProfileSummary = z.object({
  id: ProfileKind,
  label: z.string(),
  active: z.boolean(),
  editable: z.boolean(),
  /** null for the sandbox, whose endpoints are embedded; the documented hosts for a never-saved profile. */
  settings: ProfileSettingsDraft.nullable(),
  /** False until the agent saved this profile's settings once. */
  saved: z.boolean(),
  secrets: z.object({ connectClientSecret: z.boolean(), swedbankPayAccessToken: z.boolean() }),
  /** True when the profile has what its lookups need (client id + secret, merchant token). */
  complete: z.boolean(),
})
export type ProfileSummary = z.infer<typeof ProfileSummary>

export const ProfilesState = z.object({
  active: ProfileKind,
  profiles: z.array(ProfileSummary),
  encryption: z.object({ available: z.boolean(), reason: z.string().nullable() }),
})
export type ProfilesState = z.infer<typeof ProfilesState>

export const ProductCode = boundedText(12)
export const Product = z.object({
  productCode: z.string(),
  productName: z.string().nullable(),
  companyCode: z.string().nullable(),
})
export type Product = z.infer<typeof Product>

export const InvoiceStatus = z.enum(['unpaid', 'partial', 'paid', 'unknown'])
export const Invoice = z.object({
  invoiceNumber: z.string(),
  invoiceId: z.string().nullable(),
  customerNumber: z.string(),
  productCode: z.string(),
  productName: z.string().nullable(),
  companyCode: z.string().nullable(),
  /** ISO date (YYYY-MM-DD). */
  invoiceDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  /** Kroner, as numbers the console produces (never strings from the provider). */
  amount: z.number().nullable(),
  paidAmount: z.number().nullable(),
  status: InvoiceStatus,
})
export type Invoice = z.infer<typeof Invoice>

/** invoices:list's answer: live (cachedAt null) or, when Connect is unreachable, the cached list (read-only). */
export const InvoiceListing = z.object({ invoices: z.array(Invoice), cachedAt: z.string().nullable() })
export type InvoiceListing = z.infer<typeof InvoiceListing>

export const PAYMENT_METHODS = ['creditcardPayex', 'swishPayex', 'vippsEcommerce', 'nexi'] as const
export const PaymentMethod = z.enum(PAYMENT_METHODS)
export type PaymentMethod = z.infer<typeof PaymentMethod>

/** The results Connect's payment page reports on the returnUrl, plus 'pending' while none has arrived. */
export const PAYMENT_RESULTS = ['finished', 'cancelled', 'failed', 'unknown', 'initiated', 'error'] as const
export const PaymentResultStatus = z.enum(['pending', ...PAYMENT_RESULTS])
export type PaymentResultStatus = z.infer<typeof PaymentResultStatus>

export const PaymentStarted = z.object({
  transactionId: z.string(),
  /** {login}/payment/invoice/pay?clientId&returnUrl&errorUrl&transactionId: safe to show or copy. */
  paymentUrl: z.string(),
})
export type PaymentStarted = z.infer<typeof PaymentStarted>

export const PaymentResult = z.object({
  transactionId: z.string(),
  status: PaymentResultStatus,
  /** ISO time the result arrived on the loopback returnUrl, null while pending. */
  receivedAt: z.string().nullable(),
})
export type PaymentResult = z.infer<typeof PaymentResult>
