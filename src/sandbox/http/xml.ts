/** A minimal JSON-to-XML writer for Connect's non-JSON answers (what a client gets without Accept: application/json). */

function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
}

/** "customers" -> "customer", "phoneNumbers" -> "phoneNumber"; the element name of one array item. */
function singular(name: string): string {
  return name.endsWith('s') && name.length > 1 ? name.slice(0, -1) : `${name}Item`
}

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`
  if (Array.isArray(value)) return `<${name}>${value.map((item) => element(singular(name), item)).join('')}</${name}>`
  if (typeof value === 'object') {
    const children = Object.entries(value).map(([key, child]) => element(key, child))
    return `<${name}>${children.join('')}</${name}>`
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`
}

/**
 * `{customers:[…]}` with root "customers" becomes `<customers><customer>…</customer></customers>`:
 * a body whose only key is the root name is unwrapped, as XML serializers do.
 */
export function toXmlDocument(root: string, value: unknown): string {
  const keys = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : []
  const inner = keys.length === 1 && keys[0] === root ? (value as Record<string, unknown>)[root] : value
  return `<?xml version="1.0" encoding="UTF-8"?>${element(root, inner)}`
}
