/**
 * Offline checks of a key before any request (design.md "malformed"). Recognises what people actually
 * paste into secrets (peers-and-user-pain.md §4): stray whitespace and invisible characters, quotes, a
 * `Bearer ` prefix, a whole `.env` line, placeholders and masked copies, other providers' keys. Fixable
 * wrappers are peeled off into `cleaned`, so the caller can test the key without them.
 */
import { codePoint, openai } from '../providers/openai.js'
import { openAIKeyKind } from '../providers/openai-key.js'
import type { Provider, ProviderId } from '../providers/types.js'
import type { KeyFingerprint } from './diagnosis-types.js'
import { redact } from './redact.js'
import type { Cause, KeyType } from './vocabulary.js'

export type FormatCause =
  | 'whitespace'
  | 'quotes'
  | 'placeholder'
  | 'bearer-prefix'
  | 'env-assignment'
  | 'not-openai-key'
  | 'unknown-format'

export interface FormatProblem {
  cause: FormatCause
  /** Completes the sentence "The secret …", e.g. "ends with a newline (\n)". Never contains the key. */
  detail: string
  /** The secret holds a variable's name or an unexpanded reference to it: the wiring, not the key, is wrong. */
  variableMixUp?: true
  /** How many characters `detail` names ("2 spaces", a pair of quotes: 2); absent when it names one thing. */
  characters?: number
}

export interface KeyFormatReport {
  /** The secret is the empty string. */
  empty: boolean
  /** Every problem found, outermost first. */
  problems: FormatProblem[]
  /** The primary problem's cause; `missing-secret` when empty; `none` when the format is sound. */
  cause: Cause
  /** From the prefix of a key of sound shape; `unknown` for anything else; '' when there is no key. */
  keyType: KeyType | ''
  /** Another provider recognised by its key's shape, e.g. "Anthropic". */
  provider?: string
  /**
   * The raw secret is worth sending as it is: nothing to peel off and nothing that must stay private
   * (placeholders and other providers' keys are never sent). A fixable secret is tested via `cleaned` instead.
   */
  sendable: boolean
  /** The key without its fixable wrappers, when the raw secret is malformed but fixable. */
  cleaned?: string
  fingerprint?: KeyFingerprint
}

/** Priority of the primary cause: the problem that would still stop the key after the others are fixed. */
const CAUSE_PRIORITY: readonly FormatCause[] = [
  'not-openai-key',
  'placeholder',
  'unknown-format',
  'env-assignment',
  'bearer-prefix',
  'quotes',
  'whitespace'
]

const LEADING_JUNK = /^[\s\u200B-\u200D\u2060\uFEFF]+/
const TRAILING_JUNK = /[\s\u200B-\u200D\u2060\uFEFF]+$/
const INNER_JUNK = /[\s\u200B-\u200D\u2060\uFEFF]/
const ALL_INNER_JUNK = /[\s\u200B-\u200D\u2060\uFEFF]/g
/** A header value this tool may send as is: visible ASCII, inner spaces allowed, nothing at the edges. */
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/

const CHARACTER_NAMES: Readonly<Record<string, [string, string]>> = {
  '\r\n': ['a Windows line break (\\r\\n)', 'Windows line breaks (\\r\\n)'],
  '\n': ['a newline (\\n)', 'newlines (\\n)'],
  '\r': ['a carriage return (\\r)', 'carriage returns (\\r)'],
  ' ': ['a space', 'spaces'],
  '\t': ['a tab', 'tabs'],
  '\u00A0': ['a non-breaking space (U+00A0)', 'non-breaking spaces (U+00A0)'],
  '\u200B': ['a zero-width space (U+200B)', 'zero-width spaces (U+200B)'],
  '\u200C': ['a zero-width non-joiner (U+200C)', 'zero-width non-joiners (U+200C)'],
  '\u200D': ['a zero-width joiner (U+200D)', 'zero-width joiners (U+200D)'],
  '\u2060': ['a word joiner (U+2060)', 'word joiners (U+2060)'],
  '\uFEFF': ['a byte-order mark (U+FEFF)', 'byte-order marks (U+FEFF)']
}

const QUOTE_NAMES: Readonly<Record<string, string>> = {
  '"': 'a double quote',
  "'": 'a single quote',
  '`': 'a backtick',
  '\u201C': 'a curly double quote (“)',
  '\u201D': 'a curly double quote (”)',
  '\u2018': 'a curly single quote (‘)',
  '\u2019': 'a curly single quote (’)',
  '\u201E': 'a low double quote („)',
  '\u201A': 'a low single quote (‚)',
  '\u00AB': 'a guillemet («)',
  '\u00BB': 'a guillemet (»)'
}
const PAIRED_QUOTES: Readonly<Record<string, string>> = {
  '""': 'double quotes',
  "''": 'single quotes',
  '``': 'backticks',
  '\u201C\u201D': 'curly double quotes (“…”)',
  '\u2018\u2019': 'curly single quotes (‘…’)',
  '\u201E\u201C': 'low-high double quotes („…“)',
  '\u00AB\u00BB': 'guillemets («…»)'
}

interface OtherShape {
  pattern: RegExp
  detail: string
  provider?: string
  /** A model provider's key: gateways route such keys to that provider, so they accept them. */
  llm?: boolean
  /** The provider at `base-url` whose own key has this shape. */
  ownedBy?: ProviderId
}

const OTHER_PROVIDERS: readonly OtherShape[] = [
  {
    pattern: /^sk-ant-/,
    provider: 'Anthropic',
    llm: true,
    detail: 'is an Anthropic API key (it starts with `sk-ant-`), not an OpenAI key'
  },
  {
    pattern: /^sk-or-/,
    provider: 'OpenRouter',
    llm: true,
    ownedBy: 'openrouter',
    detail: 'is an OpenRouter API key (it starts with `sk-or-`), not an OpenAI key'
  },
  {
    pattern: /^gsk_/,
    provider: 'Groq',
    llm: true,
    detail: 'is a Groq API key (it starts with `gsk_`), not an OpenAI key'
  },
  {
    pattern: /^AIza[\w-]{20,}$/,
    provider: 'Google',
    llm: true,
    detail: 'is a Google API key (it starts with `AIza`), not an OpenAI key'
  },
  {
    pattern: /^xai-/,
    provider: 'xAI',
    llm: true,
    detail: 'is an xAI API key (it starts with `xai-`), not an OpenAI key'
  },
  {
    pattern: /^(?:gh[pousr]_|github_pat_)/,
    provider: 'GitHub',
    detail: 'is a GitHub token, not an OpenAI key'
  },
  {
    pattern: /^hf_[A-Za-z0-9]{20,}$/,
    provider: 'Hugging Face',
    llm: true,
    detail: 'is a Hugging Face token (it starts with `hf_`), not an OpenAI key'
  },
  {
    pattern: /^pplx-/,
    provider: 'Perplexity',
    llm: true,
    detail: 'is a Perplexity API key (it starts with `pplx-`), not an OpenAI key'
  },
  {
    pattern: /^r8_/,
    provider: 'Replicate',
    llm: true,
    detail: 'is a Replicate API token (it starts with `r8_`), not an OpenAI key'
  },
  {
    pattern: /^(?:AKIA|ASIA)[0-9A-Z]{16}$/,
    provider: 'AWS',
    detail: 'is an AWS access key ID, not an OpenAI key'
  },
  { pattern: /^xox[abposr]-/, provider: 'Slack', detail: 'is a Slack token, not an OpenAI key' },
  {
    pattern: /^[0-9a-f]{32}$/i,
    provider: 'Azure OpenAI',
    llm: true,
    ownedBy: 'azure',
    detail:
      'has the shape of an Azure OpenAI resource key (32 hexadecimal digits), not of an OpenAI key; Azure keys work only with an Azure endpoint and the `api-key` header'
  },
  {
    pattern: /^[a-z][a-z0-9+.-]*:\/\//i,
    detail: 'is a URL, not a key (a base URL or endpoint was probably stored in the key’s secret)'
  },
  { pattern: /^[{[]/, detail: 'is a JSON value, not a bare key (store only the key itself)' }
]

const EXPRESSION_DETAIL =
  'is an unexpanded GitHub expression (`${{ … }}`), not a key: it was stored or passed where workflows do not evaluate expressions'
const VARIABLE_REFERENCE_DETAIL =
  "is an unexpanded variable reference (`$NAME`, `${NAME}` or `%NAME%`), not a key: nothing replaced it with the variable's value"
const VARIABLE_NAME_DETAIL =
  'is an environment-variable name, not a key: the name was stored where its value belongs'

/** Placeholder shapes and what they are; `true` marks a variable mix-up (see FormatProblem). */
const PLACEHOLDERS: ReadonlyArray<[RegExp, string, true?]> = [
  [/\$\{\{[\s\S]*\}\}/, EXPRESSION_DETAIL, true],
  [/^(?:\$\{[A-Za-z_]\w*\}|\$[A-Za-z_]\w*|%[A-Za-z_]\w*%)$/, VARIABLE_REFERENCE_DETAIL, true],
  [/<[^<>]*>/, 'contains an angle-bracket placeholder (`<…>`), not a real key'],
  [
    /\.\.\.|…/,
    'contains an ellipsis (`...` or `…`): it is an example or a shortened display of a key, not the key itself'
  ],
  [
    /\*{3,}/,
    'contains `***`: it is a masked copy of a key, as dashboards and logs show it, not the key itself'
  ],
  [
    /your[\s_-]*(?:openai[\s_-]*)?(?:api[\s_-]*)?(?:secret[\s_-]*)?key/i,
    'is a placeholder ("your … key"), not a real key'
  ],
  [
    /^sk-(?:proj-|svcacct-|admin-|None-)?(?:your|insert|enter|replace|paste|here|x{4,})/i,
    'is a placeholder (`sk-YOUR…` or `sk-xxxx…`), not a real key'
  ],
  [
    /^(?:undefined|null|none|nil)$/i,
    'is the text of an unset value (such as "undefined" or "null"): a script stored an empty variable'
  ],
  [
    /^(?:change[-_ ]?me|replace[-_ ]?me|placeholder|dummy|test(?:ing)?|secret|password|todo|tbd|empty|example|sample|fake|foo|bar|key|api[-_ ]?key|token|x+|sk-|sk-proj-)$/i,
    'is a placeholder word, not a key'
  ],
  [/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/, VARIABLE_NAME_DETAIL, true]
]

export function isVariableMixUp(problem: FormatProblem): boolean {
  return problem.variableMixUp === true
}

const LOW_ENTROPY_DETAIL =
  'has too little randomness to be a real key (repeated or sequential characters, like `sk-proj-XXXX…`): it is a placeholder'

/**
 * `provider` is the server at `base-url`: its key shape applies, and keys of other providers are refused unless
 * it is a gateway that routes them (design: a key is sent only where it belongs, never another provider's key to
 * api.openai.com).
 */
export function analyzeKeyFormat(raw: string, provider: Provider = openai): KeyFormatReport {
  if (raw === '') return { empty: true, problems: [], cause: 'missing-secret', keyType: '', sendable: false }

  const problems: FormatProblem[] = []
  const unwrapped = unwrap(raw, problems)
  if (unwrapped === '') {
    problems.push({
      cause: 'whitespace',
      detail: 'holds only whitespace, quotes or invisible characters, no key'
    })
    return report(raw, problems, '', '', false, undefined, undefined)
  }
  // Placeholders such as `${{ secrets.X }}` and JSON contain spaces of their own: recognise them first.
  const recognised = recognise(unwrapped, provider)
  const candidate = recognised ? unwrapped : removeInnerJunk(unwrapped, problems)
  const { problem: shape, provider: other } = recognised ??
    recognise(candidate, provider) ?? { problem: provider.keyShape(candidate) }
  if (shape) problems.push(shape)

  const keyType = shape ? 'unknown' : keyTypeOf(candidate)
  const sendable = HEADER_SAFE.test(raw) && problems.every(problem => problem.cause === 'unknown-format')
  const innerJunkRemoved = candidate !== unwrapped
  const cleanable =
    candidate !== raw &&
    HEADER_SAFE.test(candidate) &&
    (shape === undefined || (shape.cause === 'unknown-format' && !innerJunkRemoved))
  return report(raw, problems, candidate, keyType, sendable, cleanable ? candidate : undefined, other)
}

/** Another provider's key, other data, or a placeholder: things that are never sent. */
function recognise(
  value: string,
  atBaseUrl: Provider
): { problem: FormatProblem; provider?: string } | undefined {
  const other = OTHER_PROVIDERS.find(
    shape =>
      shape.ownedBy !== atBaseUrl.id &&
      !(shape.llm && atBaseUrl.acceptsOtherProviderKeys) &&
      shape.pattern.test(value)
  )
  if (other)
    return {
      problem: { cause: 'not-openai-key', detail: other.detail },
      ...(other.provider ? { provider: other.provider } : {})
    }
  const placeholder = placeholderProblem(value)
  return placeholder ? { problem: placeholder } : undefined
}

function report(
  raw: string,
  problems: FormatProblem[],
  candidate: string,
  keyType: KeyType | '',
  sendable: boolean,
  cleaned: string | undefined,
  provider: string | undefined
): KeyFormatReport {
  const primary = CAUSE_PRIORITY.find(cause => problems.some(problem => problem.cause === cause))
  return {
    empty: false,
    problems,
    cause: primary ?? 'none',
    keyType,
    ...(provider ? { provider } : {}),
    sendable,
    ...(cleaned !== undefined ? { cleaned } : {}),
    fingerprint: { type: keyType || 'unknown', length: raw.length, redacted: redact(candidate || raw.trim()) }
  }
}

/** Peels whitespace, `NAME=` assignments, quotes and `Bearer ` off the edges until nothing changes. */
function unwrap(raw: string, problems: FormatProblem[]): string {
  const add = (cause: FormatCause, detail: string, characters = 1): void => {
    if (!problems.some(problem => problem.detail === detail))
      problems.push({ cause, detail, ...(characters > 1 ? { characters } : {}) })
  }
  let value = raw
  for (;;) {
    const before = value
    value = stripEdgeJunk(value, add)
    value = stripAssignment(value, add)
    value = stripQuotes(value, add)
    value = stripBearer(value, add)
    if (value === before || value === '') return value
  }
}

type AddProblem = (cause: FormatCause, detail: string, characters?: number) => void

function stripEdgeJunk(value: string, add: AddProblem): string {
  const leading = LEADING_JUNK.exec(value)?.[0] ?? ''
  if (leading === value) return ''
  const trailing = TRAILING_JUNK.exec(value)?.[0] ?? ''
  if (leading) add('whitespace', `starts with ${nameCharacters(leading)}`, countCharacters(leading))
  if (trailing) add('whitespace', `ends with ${nameCharacters(trailing)}`, countCharacters(trailing))
  return value.slice(leading.length, value.length - trailing.length)
}

const ASSIGNMENT = /^(export\s+|set\s+|\$env:)?([A-Za-z_]\w*)\s*=\s*(?=\S)/
const YAML_ENTRY = /^([A-Z][A-Z0-9_]*):\s+(?=\S)/

function stripAssignment(value: string, add: AddProblem): string {
  const assignment = ASSIGNMENT.exec(value)
  if (assignment && isVariableName(assignment[2])) {
    const shown = `${assignment[1] ? assignment[1].trim() + ' ' : ''}${assignment[2]}=`
    add('env-assignment', `is a whole assignment (\`${shown}…\`), not just the key`)
    return value.slice(assignment[0].length)
  }
  const entry = YAML_ENTRY.exec(value)
  if (entry && isVariableName(entry[1])) {
    add('env-assignment', `is a whole YAML entry (\`${entry[1]}: …\`), not just the key`)
    return value.slice(entry[0].length)
  }
  return value
}

/** Upper-case names, or names that say what they hold; never a fragment of a key such as base64 text. */
function isVariableName(name: string): boolean {
  return /^[A-Z_][A-Z0-9_]*$/.test(name) || /key|token|secret/i.test(name)
}

function stripQuotes(value: string, add: AddProblem): string {
  const first = value[0]
  const last = value[value.length - 1]
  const leading = first in QUOTE_NAMES
  const trailing = value.length > 1 && last in QUOTE_NAMES
  if (!leading && !trailing) return value
  const pair = leading && trailing ? PAIRED_QUOTES[first + last] : undefined
  if (pair) add('quotes', `is wrapped in ${pair}`, 2)
  else {
    if (leading) add('quotes', `starts with ${QUOTE_NAMES[first]}`)
    if (trailing) add('quotes', `ends with ${QUOTE_NAMES[last]}`)
  }
  return value.slice(leading ? 1 : 0, trailing ? -1 : undefined)
}

const BEARER = /^(authorization\s*:\s*)?bearer(?:\s+|(?=sk-))/i

function stripBearer(value: string, add: AddProblem): string {
  const bearer = BEARER.exec(value)
  if (!bearer || bearer[0].length === value.length) return value
  add('bearer-prefix', bearer[1] ? 'starts with `Authorization: Bearer `' : 'starts with `Bearer `')
  return value.slice(bearer[0].length)
}

function removeInnerJunk(value: string, problems: FormatProblem[]): string {
  const first = INNER_JUNK.exec(value)
  if (!first) return value
  const junk = value.match(ALL_INNER_JUNK)?.join('') ?? ''
  const characters = countCharacters(junk)
  problems.push({
    cause: 'whitespace',
    detail: `has ${nameCharacters(junk)} inside the key (the first after character ${first.index})`,
    ...(characters > 1 ? { characters } : {})
  })
  return value.replace(ALL_INNER_JUNK, '')
}

/** The characters of a run of whitespace as a reader counts them (a Windows line break is one). */
function characterTokens(run: string): string[] {
  return run.match(/\r\n|[\s\S]/g) ?? []
}

function countCharacters(run: string): number {
  return characterTokens(run).length
}

/** "a newline (\n)", "2 spaces and a tab": names the characters of a run of whitespace. */
function nameCharacters(run: string): string {
  const counts = new Map<string, number>()
  for (const token of characterTokens(run)) counts.set(token, (counts.get(token) ?? 0) + 1)
  const names = [...counts].map(([token, count]) => {
    const [one, many] = CHARACTER_NAMES[token] ?? [
      `an invisible character (${codePoint(token)})`,
      `invisible characters (${codePoint(token)})`
    ]
    return count === 1 ? one : `${count} ${many}`
  })
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
}

function placeholderProblem(candidate: string): FormatProblem | undefined {
  const match = PLACEHOLDERS.find(([pattern]) => pattern.test(candidate))
  if (match) return { cause: 'placeholder', detail: match[1], ...(match[2] ? { variableMixUp: true } : {}) }
  const body = candidate.slice(openAIKeyKind(candidate)?.prefixLength ?? 0)
  if (looksMadeUp(body)) return { cause: 'placeholder', detail: LOW_ENTROPY_DETAIL }
  return undefined
}

/** Shannon entropy at or below 3 bits (the gitleaks threshold), or mostly runs like `abcd` / `4321`. */
function looksMadeUp(body: string): boolean {
  if (body.length < 16) return false
  const counts = new Map<string, number>()
  for (const character of body) counts.set(character, (counts.get(character) ?? 0) + 1)
  let entropy = 0
  for (const count of counts.values()) {
    const frequency = count / body.length
    entropy -= frequency * Math.log2(frequency)
  }
  if (entropy <= 3) return true
  let steps = 0
  for (let i = 1; i < body.length; i++) {
    if (Math.abs(body.charCodeAt(i) - body.charCodeAt(i - 1)) === 1) steps++
  }
  return steps / (body.length - 1) >= 0.5
}

function keyTypeOf(candidate: string): KeyType {
  return openAIKeyKind(candidate)?.kind ?? 'unknown'
}
