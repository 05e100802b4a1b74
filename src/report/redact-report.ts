/**
 * The one redaction step every report goes through before any channel renders it (publishReport), and that the
 * action's log lines and error messages go through too. It knows two kinds of secret:
 *
 * - the run's own secrets (the configured key, the gateway token): replaced in every form a text could hold
 *   them (as given, trimmed, unquoted, URL-encoded), wherever they appear: a server that echoes the key as its
 *   request id or in its error body, a branch named after it;
 * - keys anywhere in a text, by the scanner's own detectors and by the keys the scan found: a file or a branch
 *   named after a key is shown redacted, in the annotation's `file=`, the summary, SARIF, text and JSON alike.
 *
 * Redaction happens on the report value, before rendering, so no escaped (markdown, workflow command) or
 * encoded form of a secret can be produced from it afterwards.
 */
import { redact } from '../core/redact.js'
import { BUILTIN_DETECTORS } from '../detectors/registry.js'
import { isBase64UrlChar, SK_PREFIX } from '../detectors/token-shape.js'

export type RedactText = (text: string) => string

/** Shorter values are not treated as secrets (replacing them would garble ordinary words). */
const MIN_SECRET_LENGTH = 8

/** Every form of a secret a text may carry: as given, trimmed, without surrounding quotes, URL-encoded. */
export function secretForms(secret: string): string[] {
  const trimmed = secret.trim()
  const unquoted = trimmed.replace(/^(["'`])(.*)\1$/s, '$2').trim()
  const forms = new Set<string>()
  for (const form of [secret, trimmed, unquoted]) {
    if (form.length < MIN_SECRET_LENGTH) continue
    forms.add(form)
    forms.add(encodeURIComponent(form))
  }
  // Longest first, so a form is never cut by a shorter one it contains.
  return [...forms].sort((a, b) => b.length - a.length)
}

/**
 * A function that redacts `known` secrets (every form) and any key in a text: what a detector recognises, and any
 * `sk-` token equal to one of `found` (the keys the scan found, wherever they sit in a name).
 */
export function createRedactor(known: readonly string[], found: Iterable<string> = []): RedactText {
  const forms = [...new Set(known.flatMap(secretForms))].map(form => [form, redact(form)] as const)
  const foundKeys = new Set(found)
  return text => {
    let result = text
    for (const [form, shown] of forms) if (result.includes(form)) result = result.split(form).join(shown)
    return result.includes(SK_PREFIX) ? redactKeys(result, foundKeys) : result
  }
}

/** Replaces each key-shaped span: detector matches, and sk- tokens the scan found (at any boundary). */
function redactKeys(text: string, foundKeys: ReadonlySet<string>): string {
  const spans: Array<[number, number]> = []
  for (const detector of BUILTIN_DETECTORS) {
    for (const match of detector.find(text)) spans.push([match.start, match.end])
  }
  if (foundKeys.size > 0) {
    for (let start = text.indexOf(SK_PREFIX); start !== -1; start = text.indexOf(SK_PREFIX, start + 1)) {
      let end = start + SK_PREFIX.length
      while (end < text.length && isBase64UrlChar(text.charCodeAt(end))) end++
      if (foundKeys.has(text.slice(start, end))) spans.push([start, end])
    }
  }
  if (spans.length === 0) return text
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  let result = ''
  let at = 0
  for (const [start, end] of spans) {
    if (start < at) continue
    result += text.slice(at, start) + redact(text.slice(start, end))
    at = end
  }
  return result + text.slice(at)
}

/**
 * A copy of `value` with every string redacted, except the raw `secret` of each finding, which no reporter
 * prints (it is only masked and hashed). Plain objects and arrays are copied; anything else is kept as is.
 */
export function redactStrings<T>(value: T, redactText: RedactText): T {
  return redactValue(value, redactText) as T
}

function redactValue(value: unknown, redactText: RedactText): unknown {
  if (typeof value === 'string') return redactText(value)
  if (Array.isArray(value)) return value.map(item => redactValue(item, redactText))
  if (value === null || typeof value !== 'object') return value
  const prototype = Object.getPrototypeOf(value) as unknown
  if (prototype !== Object.prototype && prototype !== null) return value
  const copy: Record<string, unknown> = {}
  for (const [name, item] of Object.entries(value)) {
    copy[name] = name === 'secret' ? item : redactValue(item, redactText)
  }
  return copy
}
