import { skTokenDetector } from './sk-token-detector.js'
import { looksLikeRandomBase64Url } from './token-shape.js'

const PREFIX = 'sk-ant-'
/** `api03-`, `admin01-`, `oat01-`, …: a lower-case word and a two-digit version. Sticky: read in place. */
const KIND_SEGMENT = /[a-z]{2,12}\d{2}-/y
/** Real keys carry 95 characters after the kind segment; anything shorter than 32 is a placeholder. */
const MIN_BODY_LENGTH = 32

export const anthropicKey = skTokenDetector(
  {
    id: 'anthropic-key',
    name: 'Anthropic API key',
    severity: 'warning',
    provider: 'anthropic',
    keywords: [PREFIX]
  },
  (text, start, end) => {
    if (!text.startsWith(PREFIX, start)) return false
    KIND_SEGMENT.lastIndex = start + PREFIX.length
    const kindSegment = KIND_SEGMENT.exec(text)
    const bodyStart = start + PREFIX.length + (kindSegment ? kindSegment[0].length : 0)
    return end - bodyStart >= MIN_BODY_LENGTH && looksLikeRandomBase64Url(text, bodyStart, end)
  }
)
