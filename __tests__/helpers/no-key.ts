/** Assertions that no key reaches what a user or a log can see. */
import { redact } from '../../src/core/redact.js'
import { everyChannel, type ActionRun } from './runner-harness.js'

/**
 * No key in any channel: not whole, not trimmed, not base64, URL-encoded or markdown-escaped (of either), and not
 * any 13-character piece of it (redaction shows at most 12 characters). Failure messages carry the redacted key only.
 */
export function expectNoKeyIn(text: string, channel: string, ...keys: string[]): void {
  for (const key of keys) {
    for (const form of new Set([
      key,
      key.trim(),
      ...[key, key.trim()].flatMap(form => [
        Buffer.from(form).toString('base64'),
        encodeURIComponent(form),
        markdownEscaped(form)
      ])
    ])) {
      if (form.length >= 13 && text.includes(form)) throw new Error(`${channel} holds ${redact(key)}`)
    }
    const longest = longestSharedRun(text, key.trim())
    if (longest > 12) throw new Error(`${channel} holds ${longest} characters of ${redact(key)}`)
  }
}

/** As the job summary escapes text: a backslash before every ASCII punctuation character (`sk\-proj\-…`). */
export function markdownEscaped(text: string): string {
  return text.replace(/[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g, char => `\\${char}`)
}

/** No key on any channel of an action run (stdout, stderr, outputs, summary and the given files). */
export function expectNoKey(run: ActionRun, ...keys: string[]): void {
  expectNoKeyIn(everyChannel(run), 'a channel of the run', ...keys)
}

/** Length of the longest substring of `secret` that occurs in `text` (binary search over the length). */
export function longestSharedRun(text: string, secret: string): number {
  const occursAt = (length: number): boolean => {
    for (let start = 0; start + length <= secret.length; start++) {
      if (text.includes(secret.slice(start, start + length))) return true
    }
    return false
  }
  let low = 0
  let high = secret.length
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (occursAt(middle)) low = middle
    else high = middle - 1
  }
  return low
}
