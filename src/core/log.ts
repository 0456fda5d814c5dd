/**
 * A tiny structured logger whose every line goes through redaction first.
 * Secrets registered with addSecret, bearer tokens, OAuth token fields, emails and long digit runs
 * (card numbers, account numbers) never reach a sink.
 */

export type LogLevel = 'info' | 'warn' | 'error'
export type LogFields = Record<string, unknown>

export interface LogRecord {
  time: string
  level: LogLevel
  message: string
  fields?: LogFields
}

export interface LogSink {
  write(record: LogRecord): void
}

export interface Logger {
  info(message: string, fields?: LogFields): void
  warn(message: string, fields?: LogFields): void
  error(message: string, fields?: LogFields): void
  /** Registers a value (client secret, merchant token, access token) that must never be written. */
  addSecret(value: string | null | undefined): void
  /** The same masking the sinks get; for text that leaves the process in other ways (error messages). */
  redact(text: string): string
}

const MASK = '***'
/** Shorter values are too likely to occur by chance in ordinary text to be masked everywhere. */
const MIN_SECRET_LENGTH = 6
const MAX_DEPTH = 5
const MAX_STRING = 2_000

const PATTERNS: [RegExp, string][] = [
  [/\bBearer\s+[A-Za-z0-9\-._~+/]+=*/gi, `Bearer ${MASK}`],
  [
    /\b(access_token|refresh_token|id_token|client_secret|code_verifier|password)(["']?\s*[:=]\s*["']?)[^"'&\s,;}]+/gi,
    `$1$2${MASK}`,
  ],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, `${MASK}@${MASK}`],
  [/\d{12,}/g, MASK],
]

/** Field names whose values are masked whole, whatever they hold. */
const SECRET_KEY = /secret|password|authorization|^cookie$|token$|^token|apikey|api_key/i
/** Field names that look secret but only describe one (counts, flags, token types...). */
const SAFE_KEY = /^(tokenType|tokenCount|tokens|hasToken)$/

export function createRedactor(): { addSecret(value: string | null | undefined): void; redact(text: string): string } {
  const secrets = new Set<string>()
  return {
    addSecret(value) {
      if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return
      secrets.add(value)
      secrets.add(encodeURIComponent(value))
    },
    redact(text) {
      let out = text
      // Longest first, so a secret that contains another is masked whole.
      for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join(MASK)
      for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement)
      return out
    },
  }
}

export function createLogger(options: { sinks: LogSink[] }): Logger {
  const redactor = createRedactor()
  const write = (level: LogLevel, message: string, fields?: LogFields) => {
    const record: LogRecord = { time: new Date().toISOString(), level, message: redactor.redact(message) }
    if (fields !== undefined) record.fields = redactFields(fields, redactor.redact)
    for (const sink of options.sinks) {
      try {
        sink.write(record)
      } catch {
        // A broken sink must never break the service that logs.
      }
    }
  }
  return {
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    addSecret: redactor.addSecret,
    redact: redactor.redact,
  }
}

function redactFields(fields: LogFields, redact: (text: string) => string): LogFields {
  return redactValue(fields, redact, 0) as LogFields
}

function redactValue(value: unknown, redact: (text: string) => string, depth: number): unknown {
  if (typeof value === 'string') return redact(value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value)
  if (value === null || typeof value !== 'object') return value
  if (depth >= MAX_DEPTH) return '[nested]'
  // Only what an error says about itself: never its config, request or response (they hold headers).
  if (value instanceof Error) return redactValue(describeError(value), redact, depth + 1)
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => redactValue(item, redact, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && !SAFE_KEY.test(key) ? MASK : redactValue(item, redact, depth + 1)
  }
  return out
}

function describeError(error: Error): Record<string, unknown> {
  const described: Record<string, unknown> = { name: error.name, message: error.message }
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string') described.code = code
  if (error.stack !== undefined) described.stack = error.stack
  if (error.cause instanceof Error) described.cause = describeError(error.cause)
  return described
}

/** Writes one line per record to the console (stderr for warnings and errors). */
export function consoleSink(): LogSink {
  return {
    write(record) {
      const line = formatRecord(record)
      if (record.level === 'info') console.log(line)
      else console.error(line)
    },
  }
}

/** Keeps every record in memory: for tests, and for asserting that nothing secret was written. */
export function memorySink(): LogSink & { readonly records: LogRecord[]; text(): string } {
  const records: LogRecord[] = []
  return {
    records,
    write(record) {
      records.push(record)
    },
    text() {
      return records.map(formatRecord).join('\n')
    },
  }
}

export function formatRecord(record: LogRecord): string {
  const fields = record.fields === undefined ? '' : ` ${JSON.stringify(record.fields)}`
  return `${record.time} ${record.level.toUpperCase()} ${record.message}${fields}`
}

/** For tests and tools that want no output at all. */
export function silentLogger(): Logger {
  return createLogger({ sinks: [] })
}
