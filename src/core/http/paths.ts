/**
 * Path parameters are always encoded as exactly one segment, and dot segments are refused,
 * so no input can walk to another resource.
 */
import { AppError } from '../../shared/errors.ts'

const MAX_SHOWN = 40

/** encodeURIComponent of one path segment; refuses '', '.' and '..' (and unencodable text). */
export function pathSegment(value: string, name = 'path parameter'): string {
  if (typeof value !== 'string' || value === '' || value === '.' || value === '..') {
    throw new AppError('VALIDATION', `The ${name} must not be empty, "." or "..".`)
  }
  try {
    return encodeURIComponent(value)
  } catch {
    // A lone UTF-16 surrogate cannot be encoded.
    throw new AppError('VALIDATION', `The ${name} contains characters that cannot be sent.`)
  }
}

/**
 * Fills `{name}` placeholders of an endpoint path, each through pathSegment.
 * `buildPath('/online/payers/tokens/{token}-{tokenType}', { token, tokenType })`: the dash stays literal.
 */
export function buildPath(template: string, params: Record<string, string> = {}): string {
  const used = new Set<string>()
  const path = template.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (_match, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`buildPath: no value for {${name}} in ${template}`)
    used.add(name)
    return pathSegment(value, name)
  })
  const unused = Object.keys(params).filter((name) => !used.has(name))
  if (unused.length > 0) throw new Error(`buildPath: ${template} has no {${unused.join('}, {')}}`)
  return path
}

/** A short, printable rendering of untrusted text for messages. */
export function shorten(text: string, max = MAX_SHOWN): string {
  // eslint-disable-next-line no-control-regex
  const printable = text.replace(/[\u0000-\u001f\u007f]/g, ' ')
  return printable.length > max ? `${printable.slice(0, max)}…` : printable
}
