/**
 * The verbs the renderer may call, grouped by domain, each bound to exactly one channel.
 * Free of zod and of any runtime dependency so that the sandboxed preload can bundle it alone.
 * Adding a verb: add it here, add its channel to `contract` (contract.ts), add the handler in core.
 */
export const apiShape = {
  app: { info: 'app:info', connectivity: 'app:connectivity', cancelLookups: 'app:cancelLookups' },
  auth: { status: 'auth:status', signIn: 'auth:signIn', cancelSignIn: 'auth:cancelSignIn', signOut: 'auth:signOut' },
  profiles: {
    get: 'profiles:get',
    save: 'profiles:save',
    setSecret: 'profiles:setSecret',
    clearSecret: 'profiles:clearSecret',
    activate: 'profiles:activate',
  },
  customers: { search: 'customers:search', get: 'customers:get' },
  tokens: {
    list: 'tokens:list',
    archive: 'tokens:archive',
    archiveAll: 'tokens:archiveAll',
    rename: 'tokens:rename',
    remove: 'tokens:remove',
    legacyDelete: 'tokens:legacyDelete',
  },
  products: { list: 'products:list' },
  invoices: {
    list: 'invoices:list',
    pay: 'invoices:pay',
    openPaymentLink: 'invoices:openPaymentLink',
    paymentResult: 'invoices:paymentResult',
  },
  localData: { get: 'localData:get', save: 'localData:save', clear: 'localData:clear', recent: 'localData:recent' },
  audit: { list: 'audit:list', reveal: 'audit:reveal' },
  exports: { csv: 'exports:csv', progress: 'exports:progress' },
} as const

type Shape = typeof apiShape
export type Channel = { [D in keyof Shape]: Shape[D][keyof Shape[D]] }[keyof Shape]

/** Every channel, in a stable order (derived from apiShape, so the two cannot drift). */
export const CHANNELS: readonly Channel[] = Object.values(apiShape).flatMap(
  (verbs) => Object.values(verbs) as Channel[],
)
