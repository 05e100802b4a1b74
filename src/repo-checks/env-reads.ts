import { holdsAny, isJsPath, lineLocator, type RepoFile } from './repo-file.js'

/** One place where code reads an environment variable. */
export interface EnvRead {
  /** Exactly as written, spaces and case included: both can be the bug. */
  name: string
  path: string
  line: number
  /** The expression that reads it, e.g. `os.getenv("OPENAI_API_KEY")` or `new OpenAI()`. */
  how: string
  /** Read as the OpenAI client's key: `apiKey: process.env.X`, `api_key=os.getenv("X")`, or the SDK default. */
  forOpenAIClient: boolean
}

interface ReadPattern {
  regex: RegExp
  /** Index of the capture group holding the name. */
  group: number
  render: (name: string, match: RegExpMatchArray) => string
}

const JS_PATTERNS: ReadPattern[] = [
  { regex: /\bprocess\.env\.([A-Za-z_$][\w$]*)/g, group: 1, render: name => `process.env.${name}` },
  {
    regex: /\bprocess\.env\[\s*(['"`])([^'"`\n]*?)\1\s*\]/g,
    group: 2,
    render: name => `process.env[${JSON.stringify(name)}]`
  },
  { regex: /\bimport\.meta\.env\.([A-Za-z_$][\w$]*)/g, group: 1, render: name => `import.meta.env.${name}` },
  {
    regex: /\bimport\.meta\.env\[\s*(['"`])([^'"`\n]*?)\1\s*\]/g,
    group: 2,
    render: name => `import.meta.env[${JSON.stringify(name)}]`
  },
  {
    regex: /\bDeno\.env\.get\(\s*(['"`])([^'"`\n]*?)\1/g,
    group: 2,
    render: name => `Deno.env.get(${JSON.stringify(name)})`
  },
  { regex: /\bBun\.env\.([A-Za-z_$][\w$]*)/g, group: 1, render: name => `Bun.env.${name}` }
]

const PYTHON_PATTERNS: ReadPattern[] = [
  {
    regex: /(?<![\w.])(os\s*\.\s*)?(getenv\s*\(|environ\s*\.\s*get\s*\(|environ\s*\[)\s*(['"])([^'"\n]*?)\3/g,
    group: 4,
    render: (name, match) => pythonHow(match, name)
  }
]

const RUBY_PATTERNS: ReadPattern[] = [
  { regex: /\bENV\s*\[\s*(['"])([^'"\n]*?)\1/g, group: 2, render: name => `ENV[${JSON.stringify(name)}]` },
  {
    regex: /\bENV\.fetch\(\s*(['"])([^'"\n]*?)\1/g,
    group: 2,
    render: name => `ENV.fetch(${JSON.stringify(name)})`
  }
]

const GO_PATTERNS: ReadPattern[] = [
  {
    regex: /\bos\.(Getenv|LookupEnv)\(\s*"([^"\n]*)"/g,
    group: 2,
    render: (name, match) => `os.${match[1]}(${JSON.stringify(name)})`
  }
]

/** Words that, earlier on the same line, mark a read as the value handed to an OpenAI client as its key. */
const KEY_ARGUMENT = /\b(apiKey|api_key|access_token|WithAPIKey|APIKey)\b/g

/** A language's env reads, and the words without which a text holds none of them. */
interface ReadsOf {
  patterns: ReadPattern[]
  /**
   * At least one is in any text its patterns match, or that imports `openai` (the SDK defaults): a file without
   * them reads nothing here, and can be passed over by a byte search before it is decoded. Each word is cut to the
   * part that starts with its rarest letter (`penai` of `openai`, `viron` of `environ`): a byte search runs as
   * fast as its first byte is rare in code.
   */
  words: readonly string[]
}

const JS_READS: ReadsOf = { patterns: JS_PATTERNS, words: ['.env', 'penai'] }
const PYTHON_READS: ReadsOf = { patterns: PYTHON_PATTERNS, words: ['getenv', 'viron', 'penai'] }
const RUBY_READS: ReadsOf = { patterns: RUBY_PATTERNS, words: ['ENV'] }
const GO_READS: ReadsOf = { patterns: GO_PATTERNS, words: ['Getenv', 'LookupEnv'] }

function readsOf(path: string): ReadsOf | undefined {
  if (isJsPath(path)) return JS_READS
  if (path.endsWith('.py')) return PYTHON_READS
  if (path.endsWith('.rb')) return RUBY_READS
  if (path.endsWith('.go')) return GO_READS
  return undefined
}

/** The words without which a file of this path reads no env var (none: it is not code the checks read). */
export function envReadWords(path: string): readonly string[] {
  return readsOf(path)?.words ?? []
}

/** Every env var the file reads, with the names the official OpenAI SDKs read when none is given. */
export function findEnvReads(file: RepoFile): EnvRead[] {
  const language = readsOf(file.path)
  if (!language || !holdsAny(file.text, language.words)) return []
  const lineOf = lineLocator(file.text)
  const mentionsOpenAI = /openai/i.test(file.text)
  const isKeyArgument = mentionsOpenAI ? keyArgumentLocator(file.text) : () => false
  const reads: EnvRead[] = []
  const add = (name: string, offset: number, how: string): void => {
    const forOpenAIClient = isKeyArgument(offset)
    reads.push({ name, path: file.path, line: lineOf(offset), how, forOpenAIClient })
  }
  for (const pattern of language.patterns) {
    for (const match of file.text.matchAll(pattern.regex)) {
      const name = match[pattern.group]
      add(name, match.index, pattern.render(name, match))
    }
  }
  if (isJsPath(file.path)) {
    for (const match of file.text.matchAll(/\{([^{}]*)\}\s*=\s*process\.env\b/g)) {
      for (const entry of match[1].matchAll(/(?:^|,)\s*([A-Za-z_$][\w$]*)/g)) {
        add(entry[1], match.index + 1 + entry.index, `{ ${entry[1]} } = process.env`)
      }
    }
    reads.push(...jsSdkDefaults(file, lineOf))
  } else if (file.path.endsWith('.py')) {
    reads.push(...pythonSdkDefaults(file, lineOf))
  }
  return reads
}

function pythonHow(match: RegExpMatchArray, name: string): string {
  const accessor = match[2].replace(/\s+/g, '')
  const prefix = match[1] ? 'os.' : ''
  if (accessor.endsWith('[')) return `${prefix}environ[${JSON.stringify(name)}]`
  return `${prefix}${accessor}${JSON.stringify(name)})`
}

/**
 * Whether the read at an offset is a client's key argument: the last key word before it on its line is followed
 * by no comma up to it. The key words are found once per file, each with the first comma or line break after it
 * (searched onward from the previous one's, so a long line of many key words costs one pass), and looked up by
 * binary search: a long line of many reads costs no pass over the line per read.
 */
function keyArgumentLocator(text: string): (offset: number) => boolean {
  const keywordEnds: number[] = []
  const breaksAfter: number[] = []
  let comma = -1
  let newline = -1
  for (const match of text.matchAll(KEY_ARGUMENT)) {
    const end = match.index + match[0].length
    if (comma < end) comma = nextOrEnd(text, ',', end)
    if (newline < end) newline = nextOrEnd(text, '\n', end)
    keywordEnds.push(end)
    breaksAfter.push(Math.min(comma, newline))
  }
  return offset => {
    const keyword = lastAtOrBefore(keywordEnds, offset)
    // No comma or line break between the key word and the read.
    return keyword !== -1 && breaksAfter[keyword] >= offset
  }
}

/** The offset of the next `character` from `from`, or the text's length when there is none. */
function nextOrEnd(text: string, character: string, from: number): number {
  const at = text.indexOf(character, from)
  return at === -1 ? text.length : at
}

/** Index of the last sorted value at or before `limit` (-1: none). */
function lastAtOrBefore(sorted: readonly number[], limit: number): number {
  let low = 0
  let high = sorted.length - 1
  let found = -1
  while (low <= high) {
    const middle = (low + high) >> 1
    if (sorted[middle] <= limit) {
      found = middle
      low = middle + 1
    } else high = middle - 1
  }
  return found
}

/** The text between the parenthesis at `open` and its partner (or the next 2,000 characters). */
function argumentsAt(text: string, open: number): string {
  let depth = 0
  const end = Math.min(text.length, open + 2000)
  for (let i = open; i < end; i++) {
    if (text[i] === '(') depth++
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i)
  }
  return text.slice(open + 1, end)
}

const SDK_DEFAULT_NAMES = { openai: 'OPENAI_API_KEY', azure: 'AZURE_OPENAI_API_KEY' } as const

/** `new OpenAI()` / `new AzureOpenAI({...})` without `apiKey` (openai-node ≥ 4) read the SDK's default env var. */
function jsSdkDefaults(file: RepoFile, lineOf: (offset: number) => number): EnvRead[] {
  if (!/(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*)(['"])openai\1/.test(file.text)) return []
  const clientKinds = new Map<string, keyof typeof SDK_DEFAULT_NAMES>([
    ['OpenAI', 'openai'],
    ['AzureOpenAI', 'azure']
  ])
  const defaultImport = /\bimport\s+([A-Za-z_$][\w$]*)\s*(?:,\s*\{[^{}]*\})?\s*from\s*['"]openai['"]/.exec(
    file.text
  )
  const requireImport = /\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\(\s*['"]openai['"]\s*\)/.exec(
    file.text
  )
  for (const match of [defaultImport, requireImport]) if (match) clientKinds.set(match[1], 'openai')
  for (const match of file.text.matchAll(/\b(OpenAI|AzureOpenAI)\s+as\s+([A-Za-z_$][\w$]*)/g)) {
    clientKinds.set(match[2], match[1] === 'OpenAI' ? 'openai' : 'azure')
  }
  const reads: EnvRead[] = []
  for (const match of file.text.matchAll(/\bnew\s+(?:[A-Za-z_$][\w$]*\s*\.\s*)?([A-Za-z_$][\w$]*)\s*\(/g)) {
    const kind = clientKinds.get(match[1])
    if (!kind) continue
    const args = argumentsAt(file.text, match.index + match[0].length - 1)
    if (/\bapiKey\b|\.\.\./.test(args)) continue
    reads.push({
      name: SDK_DEFAULT_NAMES[kind],
      path: file.path,
      line: lineOf(match.index),
      how: `new ${match[1]}() without apiKey`,
      forOpenAIClient: true
    })
  }
  return reads
}

/** `OpenAI()`, `AsyncOpenAI()`, `AzureOpenAI()` without `api_key` (openai-python ≥ 1.0) read the default env var. */
function pythonSdkDefaults(file: RepoFile, lineOf: (offset: number) => number): EnvRead[] {
  if (!/^\s*(?:import\s+openai\b|from\s+openai\b)/m.test(file.text)) return []
  const reads: EnvRead[] = []
  for (const match of file.text.matchAll(/(?<![\w.])(?:openai\s*\.\s*)?((?:Async)?(Azure)?OpenAI)\s*\(/g)) {
    const args = argumentsAt(file.text, match.index + match[0].length - 1)
    if (/\bapi_key\b|\*\*/.test(args)) continue
    reads.push({
      name: SDK_DEFAULT_NAMES[match[2] ? 'azure' : 'openai'],
      path: file.path,
      line: lineOf(match.index),
      how: `${match[1]}() without api_key`,
      forOpenAIClient: true
    })
  }
  return reads
}
