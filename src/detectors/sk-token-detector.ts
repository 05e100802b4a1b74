import type { DetectorMatch } from '../scan/types.js'
import { forEachSkToken, SK_PREFIX } from './token-shape.js'
import type { Detector } from './types.js'

/**
 * A detector of one `sk-` key family: every whole `sk-…` token in the text (see forEachSkToken) that
 * `accepts(text, start, end)` judges to be one of its keys.
 */
export function skTokenDetector(
  family: Omit<Detector, 'find'>,
  accepts: (text: string, start: number, end: number) => boolean
): Detector {
  return {
    ...family,
    prefix: SK_PREFIX,
    find(text: string): DetectorMatch[] {
      const matches: DetectorMatch[] = []
      forEachSkToken(text, (start, end) => {
        if (accepts(text, start, end))
          matches.push({ detectorId: family.id, start, end, secret: text.slice(start, end) })
      })
      return matches
    }
  }
}
