import { skTokenDetector } from './sk-token-detector.js'
import { looksLikeRandomHex } from './token-shape.js'

const PREFIX = 'sk-or-v1-'
const BODY_LENGTH = 64

/** `sk-or-v1-` and 64 hex digits. */
export const openRouterKey = skTokenDetector(
  {
    id: 'openrouter-key',
    name: 'OpenRouter API key',
    severity: 'warning',
    provider: 'openrouter',
    keywords: [PREFIX]
  },
  (text, start, end) =>
    text.startsWith(PREFIX, start) &&
    end - start - PREFIX.length === BODY_LENGTH &&
    looksLikeRandomHex(text, start + PREFIX.length, end)
)
