/**
 * Synthetic keys in the real shapes (secret-scanners.md §5), built at run time from a seeded generator so
 * no key-shaped literal sits in the repository. None of them is, or was, a real key.
 */
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const BASE64URL = `${ALPHANUMERIC}-_`
const MARKER = 'T3BlbkFJ'

function generator(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function randomText(length: number, alphabet: string, seed: number): string {
  const next = generator(seed)
  let text = ''
  for (let i = 0; i < length; i++) text += alphabet[Math.floor(next() * alphabet.length)]
  return text
}

export type KeyKind =
  'legacy' | 'early-project' | 'project' | 'project-58' | 'service-account' | 'admin' | 'none'

/** A key of the given kind; the same seed gives the same key. */
export function makeKey(kind: KeyKind, seed = 1): string {
  const half = (length: number, alphabet: string, offset: number): string =>
    randomText(length, alphabet, seed * 7 + offset)
  switch (kind) {
    case 'legacy':
      return `sk-${half(20, ALPHANUMERIC, 1)}${MARKER}${half(20, ALPHANUMERIC, 2)}`
    case 'early-project':
      return `sk-proj-${half(20, ALPHANUMERIC, 1)}${MARKER}${half(20, ALPHANUMERIC, 2)}`
    case 'project':
      return `sk-proj-${half(74, BASE64URL, 1)}${MARKER}${half(74, BASE64URL, 2)}`
    case 'project-58':
      return `sk-proj-${half(58, BASE64URL, 1)}${MARKER}${half(58, BASE64URL, 2)}`
    case 'service-account':
      return `sk-svcacct-${half(74, BASE64URL, 1)}${MARKER}${half(74, BASE64URL, 2)}`
    case 'admin':
      return `sk-admin-${half(58, BASE64URL, 1)}${MARKER}${half(58, BASE64URL, 2)}`
    case 'none':
      return `sk-None-${half(48, ALPHANUMERIC, 1)}`
  }
}
