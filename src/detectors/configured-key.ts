import type { DetectorMatch } from '../scan/types.js'
import { isOpenAiKey } from './openai.js'
import type { Detector } from './types.js'
import { forEachSkToken, isBase64UrlChar, isPatterned, startsAfterBoundary } from './token-shape.js'

export const CONFIGURED_KEY_DETECTOR_ID = 'configured-key'
/** Its name; the scanner appends the key's kind when an OpenAI detector matched too. */
export const CONFIGURED_KEY_DETECTOR_NAME = 'The key this workflow uses'

/** Shorter values (and placeholders) would match all over ordinary text. */
const MIN_KEY_LENGTH = 8
/** From this length on, an `sk-` token inside a malformed value (`"sk-…"`, `Bearer sk-…`) counts too. */
const MIN_INNER_KEY_LENGTH = 20
/**
 * Placeholders and template syntax. Not asked of a value with an OpenAI key's shape: a random 164-character key
 * holds `your` or `xxxx` (any case) about 3 times in 10,000, and is still the workflow's own key.
 */
const PLACEHOLDER =
  /your|example|placeholder|change.?me|replace|dummy|redacted|xxxx|\.\.\.|…|\*\*\*|[<>]|\$\{|\{\{/i

function isUsableKey(value: string, minLength: number): boolean {
  if (value.length < minLength) return false
  return isOpenAiKey(value) || (!PLACEHOLDER.test(value) && !isPatterned(value, 0, value.length))
}

/**
 * Finds the workflow's own key verbatim, whatever its shape (quotes, spaces inside, not OpenAI at all):
 * the trimmed value, and any `sk-` token inside it, since that is the key a cleanup would leave (a secret
 * stored as `"sk-…"` or `Bearer sk-…` still leaks when the bare key is committed). A match must not
 * continue a longer token: `sk-abc` is not found inside `sk-abcdef`. Undefined when there is nothing worth
 * searching for: values under 8 characters and placeholders.
 */
export function createConfiguredKeyDetector(key: string): Detector | undefined {
  const trimmed = key.trim()
  if (!isUsableKey(trimmed, MIN_KEY_LENGTH)) return undefined
  const forms = new Set([trimmed])
  forEachSkToken(trimmed, (start, end) => {
    const inner = trimmed.slice(start, end)
    if (isUsableKey(inner, MIN_INNER_KEY_LENGTH)) forms.add(inner)
  })
  const longestFirst = [...forms].sort((a, b) => b.length - a.length)

  return {
    id: CONFIGURED_KEY_DETECTOR_ID,
    name: CONFIGURED_KEY_DETECTOR_NAME,
    severity: 'critical',
    // The key the run checks against OpenAI (whatever its shape): its copies are verified and revoked there.
    provider: 'openai',
    keywords: longestFirst,
    find(text: string): DetectorMatch[] {
      const matches: DetectorMatch[] = []
      for (const form of longestFirst) {
        for (let start = text.indexOf(form); start !== -1; start = text.indexOf(form, start + 1)) {
          const end = start + form.length
          if (isWholeToken(text, form, start, end) && !matches.some(m => start < m.end && m.start < end)) {
            matches.push({ detectorId: CONFIGURED_KEY_DETECTOR_ID, start, end, secret: form })
          }
        }
      }
      return matches.sort((a, b) => a.start - b.start)
    }
  }
}

function isWholeToken(text: string, form: string, start: number, end: number): boolean {
  const opensToken = isBase64UrlChar(form.charCodeAt(0))
  const closesToken = isBase64UrlChar(form.charCodeAt(form.length - 1))
  if (opensToken && !startsAfterBoundary(text, start)) return false
  return !closesToken || end === text.length || !isBase64UrlChar(text.charCodeAt(end))
}
