/**
 * What an OpenAI key looks like, in one place: the key-format check (src/core/key-format.ts) and the leak
 * detectors (src/detectors/) both read it from here.
 */
import type { KeyType } from '../core/vocabulary.js'

export type OpenAIKeyKind = Exclude<KeyType, 'unknown'>

/** Every OpenAI key starts with it. */
export const OPENAI_KEY_PREFIX = 'sk-'

/** base64 of "OpenAI"; every OpenAI key format seen so far carries it between two random halves. */
export const OPENAI_MARKER = 'T3BlbkFJ'

/** What follows `sk-`, and the kind it announces. Anything else after `sk-` is a user key (legacy). */
export const OPENAI_KIND_PREFIXES: ReadonlyArray<readonly [string, OpenAIKeyKind]> = [
  ['proj-', 'project'],
  ['svcacct-', 'service-account'],
  ['service-', 'service-account'],
  ['admin-', 'admin'],
  ['None-', 'user']
]

/** The kind a key's prefix announces, and the prefix's length; undefined when it does not start with `sk-`. */
export function openAIKeyKind(key: string): { kind: OpenAIKeyKind; prefixLength: number } | undefined {
  if (!key.startsWith(OPENAI_KEY_PREFIX)) return undefined
  const rest = key.slice(OPENAI_KEY_PREFIX.length)
  const named = OPENAI_KIND_PREFIXES.find(([prefix]) => rest.startsWith(prefix))
  return named
    ? { kind: named[1], prefixLength: OPENAI_KEY_PREFIX.length + named[0].length }
    : { kind: 'user', prefixLength: OPENAI_KEY_PREFIX.length }
}
