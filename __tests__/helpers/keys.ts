/**
 * Synthetic keys of every known shape, built at run time from one seeded generator so no key-shaped literal
 * sits in the repository (push protection and our own scan would flag it). None of them is, or was, a real
 * key; tests compare secrets in-test and never print them.
 */
export const MARKER = 'T3BlbkFJ'
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
export const BASE64URL = `${ALNUM}-_`
export const HEX = '0123456789abcdef'

export type Random = () => number

/** mulberry32: small, fast, good enough to draw key bodies. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function draw(random: Random, length: number, alphabet: string): string {
  let text = ''
  for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)]
  return text
}

/** The same seed gives the same text. */
export function randomText(length: number, alphabet: string, seed: number): string {
  return draw(seededRandom(seed), length, alphabet)
}

export type KeyKind =
  'legacy' | 'early-project' | 'project' | 'project-58' | 'service-account' | 'admin' | 'none'

/** A key of the given kind; the same seed gives the same key, different seeds different keys. */
export function makeKey(kind: KeyKind, seed = 1): string {
  const half = (length: number, alphabet: string, offset: number): string =>
    randomText(length, alphabet, seed * 7 + offset)
  const marked = (prefix: string, length: number, alphabet: string): string =>
    `${prefix}${half(length, alphabet, 1)}${MARKER}${half(length, alphabet, 2)}`
  switch (kind) {
    case 'legacy':
      return marked('sk-', 20, ALNUM)
    case 'early-project':
      return marked('sk-proj-', 20, ALNUM)
    case 'project':
      return marked('sk-proj-', 74, BASE64URL)
    case 'project-58':
      return marked('sk-proj-', 58, BASE64URL)
    case 'service-account':
      return marked('sk-svcacct-', 74, BASE64URL)
    case 'admin':
      return marked('sk-admin-', 58, BASE64URL)
    case 'none':
      return `sk-None-${half(48, ALNUM, 1)}`
  }
}

/** An Anthropic-shaped key (`sk-ant-api03-` + 93 random characters + `AA`); the same seed gives the same key. */
export function anthropicKey(seed: number): string {
  return `sk-ant-api03-${randomText(93, BASE64URL, seed)}AA`
}

export interface KeyShape {
  /** Test label, e.g. "project 74+M+74 (164)". */
  label: string
  detectorId: string
  /** The word the finding's detectorName must contain. */
  kindName: RegExp
  make(random: Random): string
}

function marked(
  label: string,
  detectorId: string,
  kindName: RegExp,
  prefix: string,
  before: number,
  after: number,
  alphabet = BASE64URL,
  ending = ''
): KeyShape {
  return {
    label,
    detectorId,
    kindName,
    make: random =>
      `${prefix}${draw(random, before, alphabet)}${MARKER}${draw(random, after - ending.length, alphabet)}${ending}`
  }
}

const USER = /OpenAI user key/
const PROJECT = /OpenAI project key/
const SERVICE = /OpenAI service-account key/
const ADMIN = /OpenAI admin key/

/** Every OpenAI format we know of, with the lengths seen in the wild and edge endings. */
export const OPENAI_SHAPES: KeyShape[] = [
  marked('legacy 20+M+20 (51)', 'openai-user-key', USER, 'sk-', 20, 20, ALNUM),
  {
    label: 'legacy base64url with _ (44+M+44)',
    detectorId: 'openai-user-key',
    kindName: USER,
    make: random =>
      `sk-${draw(random, 20, ALNUM)}_${draw(random, 23, BASE64URL)}${MARKER}${draw(random, 44, BASE64URL)}`
  },
  marked('early project 20+M+20 (56)', 'openai-project-key', PROJECT, 'sk-proj-', 20, 20, ALNUM),
  marked('project 58+M+58 (132)', 'openai-project-key', PROJECT, 'sk-proj-', 58, 58),
  marked('project 74+M+74 (164)', 'openai-project-key', PROJECT, 'sk-proj-', 74, 74),
  marked('project ending in -', 'openai-project-key', PROJECT, 'sk-proj-', 74, 74, BASE64URL, '-'),
  marked('project ending in _', 'openai-project-key', PROJECT, 'sk-proj-', 74, 74, BASE64URL, '_'),
  marked('project ending in --', 'openai-project-key', PROJECT, 'sk-proj-', 74, 74, BASE64URL, '--'),
  marked('service account 46+M+46 (111)', 'openai-service-account-key', SERVICE, 'sk-svcacct-', 46, 46),
  marked('service account 51+M+51 (121)', 'openai-service-account-key', SERVICE, 'sk-svcacct-', 51, 51),
  marked('service account 58+M+58 (135)', 'openai-service-account-key', SERVICE, 'sk-svcacct-', 58, 58),
  marked('service account 74+M+74 (167)', 'openai-service-account-key', SERVICE, 'sk-svcacct-', 74, 74),
  marked(
    'service account ending in -',
    'openai-service-account-key',
    SERVICE,
    'sk-svcacct-',
    74,
    74,
    BASE64URL,
    '-'
  ),
  marked(
    'sk-service-<name>- 20+M+20',
    'openai-service-account-key',
    SERVICE,
    'sk-service-ci-bot-',
    20,
    20,
    ALNUM
  ),
  marked('admin 58+M+58 (133)', 'openai-admin-key', ADMIN, 'sk-admin-', 58, 58),
  marked('admin ending in _', 'openai-admin-key', ADMIN, 'sk-admin-', 58, 58, BASE64URL, '_'),
  marked('sk-None- 74+M+74', 'openai-user-key', USER, 'sk-None-', 74, 74),
  marked('sk-None- 20+M+20', 'openai-user-key', USER, 'sk-None-', 20, 20, ALNUM),
  {
    label: 'sk-None- 48 alphanumerics, no marker',
    detectorId: 'openai-user-key',
    kindName: USER,
    make: random => `sk-None-${mixedBody(random, 48, ALNUM)}`
  }
]

/**
 * A kind prefix and a long random body without the marker: no OpenAI key (other scanners' test suites hold
 * them as non-keys), at most the generic `sk-` warning, never sent to the API.
 */
export const UNMARKED_KIND_SHAPES: KeyShape[] = [
  {
    label: 'project prefix without marker (156)',
    detectorId: 'generic-sk-secret',
    kindName: /sk- secret key/,
    make: random => `sk-proj-${mixedBody(random, 156, BASE64URL)}`
  },
  {
    label: 'service-account prefix without marker (148)',
    detectorId: 'generic-sk-secret',
    kindName: /sk- secret key/,
    make: random => `sk-svcacct-${mixedBody(random, 148, BASE64URL)}`
  },
  {
    label: 'admin prefix without marker (124)',
    detectorId: 'generic-sk-secret',
    kindName: /sk- secret key/,
    make: random => `sk-admin-${mixedBody(random, 124, BASE64URL)}`
  }
]

export const OTHER_SHAPES: KeyShape[] = [
  {
    label: 'Anthropic api03',
    detectorId: 'anthropic-key',
    kindName: /Anthropic/,
    make: random => `sk-ant-api03-${mixedBody(random, 93, BASE64URL)}AA`
  },
  {
    label: 'Anthropic admin01',
    detectorId: 'anthropic-key',
    kindName: /Anthropic/,
    make: random => `sk-ant-admin01-${mixedBody(random, 93, BASE64URL)}AA`
  },
  {
    label: 'OpenRouter',
    detectorId: 'openrouter-key',
    kindName: /OpenRouter/,
    make: random => `sk-or-v1-${hexBody(random, 64)}`
  },
  {
    label: 'generic sk- + 32 hex (DeepSeek style)',
    detectorId: 'generic-sk-secret',
    kindName: /sk-/,
    make: random => `sk-${hexBody(random, 32)}`
  },
  {
    label: 'generic sk- + 48 alphanumerics (Moonshot style)',
    detectorId: 'generic-sk-secret',
    kindName: /sk-/,
    make: random => `sk-${mixedBody(random, 48, ALNUM)}`
  }
]

/** A body that contains upper case, lower case and digits and no marker, as random keys almost always do. */
function mixedBody(random: Random, length: number, alphabet: string): string {
  for (;;) {
    const body = draw(random, length, alphabet)
    if (/[A-Z]/.test(body) && /[a-z]/.test(body) && /\d/.test(body) && !body.includes(MARKER)) return body
  }
}

function hexBody(random: Random, length: number): string {
  for (;;) {
    const body = draw(random, length, HEX)
    if (/[a-f]/.test(body) && /\d/.test(body)) return body
  }
}
