/**
 * The one Content Security Policy of the renderer. Sent as a header on every app:// response and
 * repeated as a meta tag in src/renderer/index.html (a unit test keeps the two equal).
 * No 'unsafe-inline', no 'unsafe-eval', nothing remote: main makes every network call.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ')
