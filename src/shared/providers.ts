/**
 * The payment providers the console reads, in the order every table and status strip shows them.
 * Free of zod so the renderer can import it without pulling the schemas into its bundle; domain.ts
 * builds the Provider schema from it.
 */
export const PROVIDERS = ['swedbankpay', 'payex', 'klarna', 'vipps', 'nexi'] as const
