import { OPENAI_MARKER } from '../providers/openai-key.js'
import { UNMARKED_PREFIX } from './openai.js'
import { skTokenDetector } from './sk-token-detector.js'
import { indexWithin, looksLikeRandomBase64Url, looksLikeRandomHex, SK_PREFIX } from './token-shape.js'

/**
 * Bodies the named detectors own: the generic detector stays silent on them even when those reject them.
 * OpenAI's `proj-`, `svcacct-`, `service-` and `admin-` are not among them: without the marker such a token
 * is no OpenAI key, and at most this warning.
 */
const NAMED_FAMILY_PREFIXES = [UNMARKED_PREFIX, 'ant-', 'or-']

/** DeepSeek keys (`sk-` + 32 hex) are the shortest `sk-` keys in the wild. */
const MIN_BODY_LENGTH = 32

/**
 * Any other `sk-` secret (DeepSeek, Moonshot, proxy resellers, …): a body of 32+ characters that looks
 * drawn at random, as hex or as base64url (see token-shape.ts for the thresholds).
 */
export const genericSkSecret = skTokenDetector(
  {
    id: 'generic-sk-secret',
    name: 'sk- secret key, provider unknown',
    severity: 'warning',
    provider: 'unknown',
    keywords: ['sk-']
  },
  (text, start, end) => {
    const bodyStart = start + SK_PREFIX.length
    if (end - bodyStart < MIN_BODY_LENGTH) return false
    if (NAMED_FAMILY_PREFIXES.some(prefix => text.startsWith(prefix, bodyStart))) return false
    if (indexWithin(text, OPENAI_MARKER, bodyStart, end) !== -1) return false
    return looksLikeRandomHex(text, bodyStart, end) || looksLikeRandomBase64Url(text, bodyStart, end)
  }
)
