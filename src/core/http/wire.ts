/**
 * Tolerant readers of single wire values, shared by every provider reader: text that may come as a
 * number, ids that may be strings or numbers, amounts that may be strings ("295.00"), dates that may
 * be ISO strings or epoch milliseconds, and lists whose unreadable items are skipped and counted.
 */
import { z } from 'zod'

/** A trimmed, non-empty string (numbers become strings), or null for anything else or nothing. */
export const wireText = z.unknown().optional().transform((value): string | null => {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
})

/** A required identifier sent as a string or a number: always a string afterwards. */
export const wireId = z.union([z.string().trim().min(1), z.number().finite().transform(String)])

/** A value sent back to the provider as it came (an id that is a string in one example, a number in another). */
export const wireScalar = z.unknown().optional().transform((value): string | number | null => {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
})

/** 295, "295", "295.00", "295,50", "1 234,50" → a number; anything else → null. */
export const wireAmount = z.unknown().optional().transform((value): number | null => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value !== 'string') return null
  const compact = value.replace(/[\s\u00a0]/g, '')
  const normalised = compact.includes('.') ? compact : compact.replace(',', '.')
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return null
  return Number(normalised)
})

const OSLO_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' })

/** Epoch ms (number or digit string), "YYYY-MM-DD" or an ISO time → the Europe/Oslo calendar date "YYYY-MM-DD". */
export const wireDate = z.unknown().optional().transform((value): string | null => {
  if (typeof value === 'number') return Number.isFinite(value) ? osloDate(value) : null
  if (typeof value !== 'string') return null
  const trimmed = value.trim()
  if (/^\d{10,14}$/.test(trimmed)) return osloDate(Number(trimmed))
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return trimmed
  // A time with a zone is moved to Oslo; a local time without one is taken as Oslo's already.
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)) return osloDate(Date.parse(trimmed))
  if (/^\d{4}-\d{2}-\d{2}[T ]/.test(trimmed)) return trimmed.slice(0, 10)
  return null
})

function osloDate(epochMs: number): string | null {
  if (!Number.isFinite(epochMs)) return null
  const date = new Date(epochMs)
  return Number.isNaN(date.getTime()) ? null : OSLO_DATE.format(date)
}

/** The last four digits of a masked number ("xxxx-xxxxxx-x2348" → "2348", "*****232" → "232"), or null. */
export function lastDigits(masked: string | null): string | null {
  const digits = masked?.replace(/\D/g, '') ?? ''
  return digits === '' ? null : digits.slice(-4)
}

/** Reads each item with `item`; the ones that do not read are skipped and counted, never fatal. */
export function readEach<T>(items: readonly unknown[], item: z.ZodType<T>): { items: T[]; skipped: number } {
  const read: T[] = []
  for (const value of items) {
    const parsed = item.safeParse(value)
    if (parsed.success) read.push(parsed.data)
  }
  return { items: read, skipped: items.length - read.length }
}

/**
 * A list under the first of `keys` that holds one (an envelope without it, or with null: empty), or a
 * bare array; anything else is unreadable. Items are read with readEach.
 */
export function envelopeListReader<T>(keys: readonly string[], item: z.ZodType<T>) {
  return z.unknown().transform((body, ctx) => {
    let list: unknown = body
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
      const record = body as Record<string, unknown>
      list = keys.map((key) => record[key]).find((value) => value !== undefined && value !== null) ?? []
    }
    if (!Array.isArray(list)) {
      ctx.addIssue({ code: 'custom', message: `no ${keys.join(' / ')} list in the body` })
      return z.NEVER
    }
    return readEach(list, item)
  })
}
