import { shannonEntropy } from '../scan/entropy.js'

/** Key bodies are base64url: `[A-Za-z0-9_-]`. */
export function isBase64UrlChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 48 && code <= 57) || // 0-9
    code === 45 || // -
    code === 95 // _
  )
}

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70)
}

/**
 * True when a token may start at `index`: at the start of the text, after a character that cannot be part
 * of a key, or right after an escape whose last character happens to be alphanumeric: `\n`, `\r`, `\t`
 * (escaped JSON, "line one\nsk-…"), `%22` (URL-encoded quote), `\u0022`, `\x22`.
 */
export function startsAfterBoundary(text: string, index: number): boolean {
  if (index === 0 || !isBase64UrlChar(text.charCodeAt(index - 1))) return true
  return (
    endsWithLetterEscape(text, index) ||
    endsWithHexEscape(text, index, '%', 2) ||
    endsWithHexEscape(text, index, '\\u', 4) ||
    endsWithHexEscape(text, index, '\\x', 2)
  )
}

/** `\n`, `\r` or `\t` right before `index`. */
function endsWithLetterEscape(text: string, index: number): boolean {
  const letter = text[index - 1]
  return text.charCodeAt(index - 2) === 92 && (letter === 'n' || letter === 'r' || letter === 't')
}

function endsWithHexEscape(text: string, index: number, introducer: string, digits: number): boolean {
  const introducerStart = index - digits - introducer.length
  if (introducerStart < 0 || !text.startsWith(introducer, introducerStart)) return false
  for (let i = index - digits; i < index; i++) if (!isHexDigit(text.charCodeAt(i))) return false
  return true
}

/** End of the run of base64url characters that starts at `index`. */
function base64UrlRunEnd(text: string, index: number): number {
  let end = index
  while (end < text.length && isBase64UrlChar(text.charCodeAt(end))) end++
  return end
}

export const SK_PREFIX = 'sk-'

/**
 * Calls `visit(start, end)` for every whole `sk-…` token in `text`: `sk-` at a token boundary followed by
 * the longest run of base64url characters. Keys may end in `-` or `_`, so the end is wherever the run
 * stops, never a regex `\b` (which cuts a trailing `-` off or misses the key entirely).
 */
export function forEachSkToken(text: string, visit: (start: number, end: number) => void): void {
  let from = 0
  for (;;) {
    const start = text.indexOf(SK_PREFIX, from)
    if (start === -1) return
    if (!startsAfterBoundary(text, start)) {
      from = start + 1
      continue
    }
    const end = base64UrlRunEnd(text, start + SK_PREFIX.length)
    visit(start, end)
    from = end
  }
}

/** Index of `literal` inside text[from, end), or -1; never reads past `end`. */
export function indexWithin(text: string, literal: string, from: number, end: number): number {
  if (end - from < literal.length) return -1
  const index = text.slice(from, end).indexOf(literal)
  return index === -1 ? -1 : from + index
}

/**
 * True for strings a person typed rather than a generator drew: runs and repeats such as `aaaa…`,
 * `abcdef…`, `123456…`, `abc123abc123…`, `1a2b3c…`. Counts neighbours (at distance 1 and 2) whose
 * character codes differ by at most one. Random base64url strings of 32+ characters have under 30% such
 * pairs and random hex under 55% (200k-sample simulation); typed sequences 65–100%. Threshold: 60%.
 */
export function isPatterned(text: string, start: number, end: number): boolean {
  return neighbourSimilarity(text, start, end, 1) >= 0.6 || neighbourSimilarity(text, start, end, 2) >= 0.6
}

function neighbourSimilarity(text: string, start: number, end: number, distance: number): number {
  const pairs = end - start - distance
  if (pairs <= 0) return 1
  let similar = 0
  for (let i = start + distance; i < end; i++) {
    const difference = text.charCodeAt(i) - text.charCodeAt(i - distance)
    if (difference >= -1 && difference <= 1) similar++
  }
  return similar / pairs
}

/**
 * Entropy a string of `length` characters drawn uniformly from 64 symbols has on average (Miller–Madow:
 * log2(64) − 63 / (2·length·ln 2)); simulation: 4.56 bits at 32, 4.78 at 40, 5.18 at 64, 5.65 at 148.
 */
function expectedRandomBase64UrlEntropy(length: number): number {
  return 6 - 63 / (2 * length * Math.LN2)
}

/**
 * How far below the random average a body may fall. With 0.6 bit about 1 random body in 9,000 of 32–48
 * characters falls short, none of 95 or more (300k-sample simulation); English-like identifiers stay near
 * 3.8–4.3 bits whatever their length and fall short: `YourProjectKeyGoesHereReplaceThisWithYourKey1`
 * has 4.20 against a floor of 4.39.
 */
const RANDOM_ENTROPY_SLACK = 0.6

/**
 * A body that a key generator drew from base64url, judged without any marker to lean on: upper case,
 * lower case and digits all present (a random 40-character body lacks one of them about 1 time in 1000,
 * mostly the digits), entropy within RANDOM_ENTROPY_SLACK of a random string of the same length, and no
 * typed pattern.
 */
export function looksLikeRandomBase64Url(
  text: string,
  start: number,
  end: number,
  slack = RANDOM_ENTROPY_SLACK
): boolean {
  let upper = false
  let lower = false
  let digit = false
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    if (code >= 65 && code <= 90) upper = true
    else if (code >= 97 && code <= 122) lower = true
    else if (code >= 48 && code <= 57) digit = true
  }
  if (!(upper && lower && digit)) return false
  const floor = expectedRandomBase64UrlEntropy(end - start) - slack
  return shannonEntropy(text, start, end) >= floor && !isPatterned(text, start, end)
}

/**
 * Hex bodies can carry at most 4 bits per character. Random 32-digit hex averages 3.61 bits (1 in 10,000
 * below 3.0), 64-digit 3.82 (never below 3.4 in 200k samples); `deadbeef…` repeats and `0123…` runs fall
 * below 3.0 or are patterned. Letters and digits must both occur.
 */
export function looksLikeRandomHex(text: string, start: number, end: number): boolean {
  let letter = false
  let digit = false
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    if (code >= 48 && code <= 57) digit = true
    else if (isHexDigit(code)) letter = true
    else return false
  }
  return letter && digit && shannonEntropy(text, start, end) >= 3.0 && !isPatterned(text, start, end)
}
