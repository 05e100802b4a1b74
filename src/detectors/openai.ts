import { shannonEntropy } from '../scan/entropy.js'
import { skTokenDetector } from './sk-token-detector.js'
import {
  OPENAI_KIND_PREFIXES,
  OPENAI_MARKER,
  type OpenAIKeyKind as OpenAiKeyKind
} from '../providers/openai-key.js'
import { indexWithin, isPatterned, looksLikeRandomBase64Url, SK_PREFIX } from './token-shape.js'

/**
 * At least this many characters on each side of the marker, after the kind prefix. Real keys have 20 (legacy
 * and early project keys), 46, 51, 58 or 74; lengths are not otherwise fixed, because fixed lengths are why
 * gitleaks and secretlint miss real keys (gitleaks #1467, #2055). A marker closer to either end (such as
 * `sk-admin-short` + marker + a long tail) is not where real keys carry it.
 */
const MIN_CHARACTERS_BESIDE_MARKER = 20

/**
 * Entropy floor for a body (everything after the kind prefix, marker included) that carries the marker.
 * The marker is strong evidence on its own, so this only has to reject typed placeholders:
 * `xxxx…T3BlbkFJxxxx…` has 1.15 bits, `abc123…T3BlbkFJabc123…` 3.07. Random bodies are never close:
 * the lowest of 200k random 16+marker+16 bodies had 4.13 bits, of legacy 20+marker+20 bodies 4.22.
 */
const MARKED_BODY_MIN_ENTROPY = 3.5

/**
 * `sk-None-` keys are the one real shape without the marker (48 alphanumerics after the prefix, kingfisher
 * PR #180): there a long random-looking body counts. Every other kind prefix needs the marker; `sk-proj-`,
 * `sk-svcacct-` or `sk-admin-` and a long random body without it are at most the generic `sk-` warning (other
 * scanners' test suites hold such tokens as non-keys), never sent to the API.
 */
export const UNMARKED_PREFIX = 'None-'
const UNMARKED_BODY_MIN_LENGTH = 40
/**
 * The `sk-None-` prefix is evidence enough that only typed text must be rejected: real bodies are 48
 * alphanumerics (62 symbols, a little under base64url's average), so the default slack missed about 1 random
 * key in 5,500 (4.37–4.45 bits against a floor of 4.45). With 0.8 bit (floor 4.25 at 48 characters) none of 1M
 * random bodies fell short (the lowest had 4.30), and English-like identifiers still do
 * (`YourProjectKeyGoesHereReplaceThisWithYourKey1`: 4.20).
 */
const UNMARKED_BODY_ENTROPY_SLACK = 0.8

/** The OpenAI key kind of the `sk-` token at [start, end), or undefined when it is no OpenAI key. */
function openAiKeyKind(text: string, start: number, end: number): OpenAiKeyKind | undefined {
  let kind: OpenAiKeyKind = 'user'
  let bodyStart = start + SK_PREFIX.length
  let unmarkedAllowed = false
  for (const [prefix, prefixKind] of OPENAI_KIND_PREFIXES) {
    if (text.startsWith(prefix, bodyStart)) {
      kind = prefixKind
      bodyStart += prefix.length
      unmarkedAllowed = prefix === UNMARKED_PREFIX
      break
    }
  }
  const markerSearchEnd = end - MIN_CHARACTERS_BESIDE_MARKER
  if (indexWithin(text, OPENAI_MARKER, bodyStart + MIN_CHARACTERS_BESIDE_MARKER, markerSearchEnd) !== -1) {
    const random =
      shannonEntropy(text, bodyStart, end) >= MARKED_BODY_MIN_ENTROPY && !isPatterned(text, bodyStart, end)
    return random ? kind : undefined
  }
  // The marker where no real key carries it (too close to either end) makes it no OpenAI key at all.
  if (indexWithin(text, OPENAI_MARKER, bodyStart, end) !== -1) return undefined
  const unmarked =
    unmarkedAllowed &&
    end - bodyStart >= UNMARKED_BODY_MIN_LENGTH &&
    looksLikeRandomBase64Url(text, bodyStart, end, UNMARKED_BODY_ENTROPY_SLACK)
  return unmarked ? kind : undefined
}

/** Whether a whole value is an OpenAI key by its shape (the marker among random characters, or a `sk-None-` key). */
export function isOpenAiKey(value: string): boolean {
  return value.startsWith(SK_PREFIX) && openAiKeyKind(value, 0, value.length) !== undefined
}

function openAiDetector(id: string, name: string, kind: OpenAiKeyKind, keywords: readonly string[]) {
  return skTokenDetector(
    { id, name, severity: 'error', provider: 'openai', keywords },
    (text, start, end) => openAiKeyKind(text, start, end) === kind
  )
}

/** Legacy `sk-…T3BlbkFJ…` keys and `sk-None-…` keys (a user's key in an organization, no project). */
export const openAiUserKey = openAiDetector('openai-user-key', 'OpenAI user key', 'user', [
  OPENAI_MARKER,
  'sk-None-'
])
export const openAiProjectKey = openAiDetector('openai-project-key', 'OpenAI project key', 'project', [
  'sk-proj-'
])
export const openAiServiceAccountKey = openAiDetector(
  'openai-service-account-key',
  'OpenAI service-account key',
  'service-account',
  ['sk-svcacct-', 'sk-service-']
)
export const openAiAdminKey = openAiDetector('openai-admin-key', 'OpenAI admin key', 'admin', ['sk-admin-'])
