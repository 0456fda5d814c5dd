/**
 * How the console hides personal values until an agent reveals them: on screen (the renderer's
 * MaskedValue), in CSV files (core/export) and in the audit log (token ids only, always). Free of zod
 * and of Vue, so every layer imports the same functions. Masks use `*` so a CSV stays plain ASCII.
 */

/** The personal values that are masked by default and can be revealed one by one (each reveal audited). */
export const REVEAL_FIELDS = ['tokenId', 'email', 'phone'] as const
export type RevealField = (typeof REVEAL_FIELDS)[number]

/** Token identifiers: all but the last four characters masked (`****1234`). */
export function maskTokenId(token: string): string {
  if (token.length <= 4) return '****'
  return `****${token.slice(-4)}`
}

/** Emails: the first character of the mailbox and of the domain, and the top-level domain (`o***@e***.no`). */
export function maskEmail(email: string): string {
  const value = email.trim()
  const at = value.lastIndexOf('@')
  if (at <= 0) return maskText(value)
  const domain = value.slice(at + 1)
  const dot = domain.lastIndexOf('.')
  const host = dot > 0 ? domain.slice(0, dot) : domain
  const tld = dot > 0 ? domain.slice(dot) : ''
  return `${firstChar(value.slice(0, at))}***@${host.length > 0 ? `${firstChar(host)}***` : '***'}${tld}`
}

/** Phone numbers: every digit but the last two masked, the layout kept (`+47 912 34 567` → `+** *** ** *67`). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').length
  let seen = 0
  return phone.trim().replace(/\d/g, (digit) => (++seen > digits - 2 ? digit : '*'))
}

/** Any other text (a name, an address): nothing of it kept, not even its length. */
export function maskText(_value: string): string {
  return '*****'
}

/** A value of a revealable field, masked. */
export function maskField(field: RevealField, value: string): string {
  switch (field) {
    case 'tokenId':
      return maskTokenId(value)
    case 'email':
      return maskEmail(value)
    case 'phone':
      return maskPhone(value)
  }
}

/** The first character (a whole code point, so an emoji or a surrogate pair is never cut in half). */
function firstChar(text: string): string {
  return Array.from(text)[0] ?? '*'
}

/**
 * Per export table, the columns masked unless the export reveals them; a list column (emails) is masked
 * item by item. Tables not listed hold nothing to mask (the audit log stores token ids masked already).
 */
export const MASKED_EXPORT_COLUMNS: Readonly<Partial<Record<string, Readonly<Record<string, RevealField>>>>> = {
  tokens: { token: 'tokenId' },
  customers: { emails: 'email', phoneNumbers: 'phone' },
}
