import { parse as parseToml } from 'smol-toml'
import type { RepoEvidence } from '../core/diagnosis-types.js'
import { CheckBudget } from './budget.js'
import {
  baseName,
  byPathThenLine,
  dirName,
  holdsAny,
  isJsPath,
  lineLocator,
  type RepoFile
} from './repo-file.js'
import {
  ceilingOf,
  compareVersions,
  formatVersion,
  leadingVersion,
  onlyBelow,
  type Ceiling,
  type Dialect,
  type Version
} from './version-ranges.js'

type Ecosystem = 'node' | 'python'

interface SdkFacts {
  /** The first release of the current API generation. */
  current: Version
  dialect: Dialect
  generation: string
  upgrade: string
}

const SDKS: Record<Ecosystem, SdkFacts> = {
  node: {
    current: [4, 0, 0],
    dialect: 'npm',
    generation:
      'openai-node v3 (`Configuration`/`OpenAIApi`, removed in v4): it predates project keys, cannot send ' +
      'the OpenAI-Project header, and hides the 401 body in error.response.data',
    upgrade:
      'upgrade to openai@^4 or later; replace `new OpenAIApi(new Configuration({ apiKey }))` with `new OpenAI({ apiKey })`'
  },
  python: {
    current: [1, 0, 0],
    dialect: 'python',
    generation:
      'openai-python 0.x (`openai.ChatCompletion`, `openai.error`, removed in 1.0): it predates project keys, ' +
      'cannot send the OpenAI-Project header, and code written for it fails on 1.x before any request',
    upgrade: 'upgrade to openai>=1.0 (run `openai migrate` to rewrite 0.x calls)'
  }
}

/** A version requirement written by people (package.json, requirements.txt, pyproject.toml, Pipfile). */
interface Requirement {
  ecosystem: Ecosystem
  path: string
  line: number
  spec: string
}

/** A version a lockfile resolved: what actually gets installed. */
interface Locked {
  ecosystem: Ecosystem
  path: string
  line: number
  version: Version
}

/**
 * OpenAI SDK versions (in manifests and lockfiles) that predate project keys or use removed APIs, and code
 * written for those APIs, each with the upgrade path. Versions come first (they are what to change, and a
 * checklist row shows only the first few), then the code, each part by path and line. Pure: reads nothing.
 */
export function checkSdkVersions(files: RepoFile[], budget: CheckBudget = new CheckBudget()): RepoEvidence[] {
  const requirements: Requirement[] = []
  for (const file of budget.take(files)) for (const found of requirementsIn(file)) requirements.push(found)
  const locked: Locked[] = []
  for (const file of budget.take(files)) for (const found of lockedIn(file, requirements)) locked.push(found)
  const evidence: RepoEvidence[] = []
  for (const requirement of requirements) {
    const sdk = SDKS[requirement.ecosystem]
    const ceiling = ceilingOf(requirement.spec, sdk.dialect)
    if (ceiling.kind === 'bounded' && onlyBelow(ceiling, sdk.current)) {
      evidence.push({
        path: requirement.path,
        line: requirement.line,
        message: requirementMessage(requirement, ceiling)
      })
    }
  }
  const manifests = new Map<string, Requirement>()
  for (const requirement of requirements) {
    const place = `${requirement.ecosystem}\0${dirName(requirement.path)}`
    if (!manifests.has(place)) manifests.set(place, requirement)
  }
  for (const entry of locked) {
    const sdk = SDKS[entry.ecosystem]
    if (compareVersions(entry.version, sdk.current) >= 0) continue
    const manifest = manifests.get(`${entry.ecosystem}\0${dirName(entry.path)}`)
    evidence.push({ path: entry.path, line: entry.line, message: lockedMessage(entry, manifest) })
  }
  const codeUses: RepoEvidence[] = []
  for (const file of budget.take(files)) for (const use of removedApiUses(file)) codeUses.push(use)
  return [...evidence.sort(byPathThenLine), ...codeUses.sort(byPathThenLine)]
}

function requirementMessage(
  requirement: Requirement,
  ceiling: Extract<Ceiling, { kind: 'bounded' }>
): string {
  const sdk = SDKS[requirement.ecosystem]
  const what = ceiling.exact
    ? `pins openai ${formatVersion(ceiling.version)}`
    : `requires openai \`${requirement.spec.trim()}\`, which allows only versions ` +
      `${ceiling.inclusive ? 'up to' : 'below'} ${formatVersion(ceiling.version)}`
  return `${baseName(requirement.path)} ${what}: that is ${sdk.generation}. Fix: ${sdk.upgrade}.`
}

function lockedMessage(entry: Locked, manifest: Requirement | undefined): string {
  const sdk = SDKS[entry.ecosystem]
  const allowsNewer =
    manifest !== undefined && !onlyBelow(ceilingOf(manifest.spec, sdk.dialect), sdk.current)
      ? ` although ${baseName(manifest.path)} allows \`${manifest.spec.trim()}\` (the lockfile decides what is installed)`
      : ''
  return (
    `${baseName(entry.path)} installs openai ${formatVersion(entry.version)}${allowsNewer}: that is ` +
    `${sdk.generation}. Fix: ${sdk.upgrade}, then regenerate the lockfile.`
  )
}

// ---------------------------------------------------------------- manifests

function requirementsIn(file: RepoFile): Requirement[] {
  const name = baseName(file.path)
  if (name === 'package.json') return packageJsonRequirements(file)
  if (
    /^(requirements|constraints).*\.(txt|in)$/i.test(name) ||
    /(^|\/)requirements\/[^/]+\.txt$/i.test(file.path)
  ) {
    return requirementsTxt(file)
  }
  if (name === 'pyproject.toml') return pyprojectRequirements(file)
  if (name === 'Pipfile') return pipfileRequirements(file)
  return []
}

function packageJsonRequirements(file: RepoFile): Requirement[] {
  const lineOf = lineLocator(file.text)
  const requirements: Requirement[] = []
  for (const match of file.text.matchAll(/"openai"\s*:\s*"([^"]*)"|"[^"]+"\s*:\s*"npm:openai@([^"]*)"/g)) {
    const spec = match[1] ?? match[2]
    requirements.push({ ecosystem: 'node', path: file.path, line: lineOf(match.index), spec })
  }
  return requirements
}

/** `openai==0.28.1`, `openai[datalib]>=0.27,<1 ; python_version >= "3.8"`; not openai-whisper or langchain-openai. */
const PEP_508_OPENAI = /^\s*openai(?![\w.-])\s*(?:\[[^\]]*\])?\s*([^;#]*)/i

function pep508Spec(requirement: string): string | undefined {
  const match = PEP_508_OPENAI.exec(requirement)
  if (!match) return undefined
  const spec = match[1]
    .replace(/\s--.*$/, '')
    .replace(/\\\s*$/, '')
    .trim()
  return spec === '' || /^[<>=!~^]/.test(spec) ? spec : undefined
}

function requirementsTxt(file: RepoFile): Requirement[] {
  const requirements: Requirement[] = []
  file.text.split('\n').forEach((line, index) => {
    const spec = pep508Spec(withoutComment(line))
    if (spec !== undefined) requirements.push({ ecosystem: 'python', path: file.path, line: index + 1, spec })
  })
  return requirements
}

/**
 * The line without its ` # comment` (whitespace before a `#` starts one): found with one fixed-width search, as
 * `/\s+#.*$/` would find it after trying every start of a long run of spaces.
 */
function withoutComment(line: string): string {
  const hash = line.search(/\s#/)
  if (hash === -1) return line
  let start = hash
  while (start > 0 && /\s/.test(line[start - 1])) start--
  return line.slice(0, start)
}

type TomlTable = Record<string, unknown>

function tableAt(value: unknown): TomlTable | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as TomlTable)
    : undefined
}

function parseTomlFile(file: RepoFile): TomlTable | undefined {
  try {
    return parseToml(file.text)
  } catch {
    return undefined
  }
}

/**
 * The line of each string value, found as written (quoted) in the file: the next occurrence after the one
 * found for the same text before, so two equal values get their own lines.
 */
function stringValueLines(text: string): (value: string) => number {
  const lineOf = lineLocator(text)
  const searchFrom = new Map<string, number>()
  return value => {
    const from = searchFrom.get(value) ?? 0
    const offsets = [`"${value}"`, `'${value}'`]
      .map(quoted => text.indexOf(quoted, from))
      .filter(at => at >= 0)
    if (offsets.length === 0) return 1
    const offset = Math.min(...offsets)
    searchFrom.set(value, offset + 1)
    return lineOf(offset)
  }
}

/** `openai = "^0.28"` or `openai = { version = "^0.28", extras = […] }` in a dependency table. */
function tableEntrySpec(table: TomlTable | undefined): string | undefined {
  const entry = table?.openai
  if (typeof entry === 'string') return entry
  const version = tableAt(entry)?.version
  return typeof version === 'string' ? version : undefined
}

function everyString(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value)
  else if (Array.isArray(value)) value.forEach(item => everyString(item, visit))
  else if (tableAt(value)) Object.values(value as TomlTable).forEach(item => everyString(item, visit))
}

/**
 * pyproject.toml: Poetry's dependency tables (main, dev, groups), and PEP 508 strings anywhere, which covers
 * `[project] dependencies`, optional dependencies, dependency groups and tool-specific lists.
 */
function pyprojectRequirements(file: RepoFile): Requirement[] {
  const pyproject = parseTomlFile(file)
  if (!pyproject) return []
  const lineOf = stringValueLines(file.text)
  const requirement = (spec: string, written: string): Requirement => ({
    ecosystem: 'python',
    path: file.path,
    line: lineOf(written),
    spec
  })
  const poetry = tableAt(tableAt(pyproject.tool)?.poetry)
  const groups = Object.values(tableAt(poetry?.group) ?? {}).map(group =>
    tableAt(tableAt(group)?.dependencies)
  )
  const poetrySpecs = [tableAt(poetry?.dependencies), tableAt(poetry?.['dev-dependencies']), ...groups]
    .map(tableEntrySpec)
    .filter((spec): spec is string => spec !== undefined)
  const requirements = poetrySpecs.map(spec => requirement(spec, spec))
  everyString(pyproject, text => {
    const spec = pep508Spec(text)
    if (spec !== undefined) requirements.push(requirement(spec, text))
  })
  return requirements
}

/** Pipfile: `[packages]` and `[dev-packages]`, `openai = "==0.28"` or `openai = { version = "…" }`. */
function pipfileRequirements(file: RepoFile): Requirement[] {
  const pipfile = parseTomlFile(file)
  if (!pipfile) return []
  const lineOf = stringValueLines(file.text)
  return [tableAt(pipfile.packages), tableAt(pipfile['dev-packages'])]
    .map(tableEntrySpec)
    .filter((spec): spec is string => spec !== undefined)
    .map(spec => ({ ecosystem: 'python', path: file.path, line: lineOf(spec), spec }))
}

// ---------------------------------------------------------------- lockfiles

/** The lockfiles of `[[package]]` tables, whose package names are compared in any case. */
const PACKAGE_TABLE_LOCKS = new Set(['poetry.lock', 'uv.lock', 'pdm.lock'])

/**
 * Whether a lockfile can name the openai package (as its text or, before decoding, its bytes): it holds `openai`,
 * in any case for the lockfiles that compare names so. One that cannot is passed over unparsed.
 */
export function lockfileMayNameOpenAI(path: string, content: string | Buffer): boolean {
  if (content.includes(OPENAI_WORD)) return true
  if (!PACKAGE_TABLE_LOCKS.has(baseName(path))) return false
  return /openai/i.test(typeof content === 'string' ? content : content.toString('latin1'))
}

function lockedIn(file: RepoFile, requirements: Requirement[]): Locked[] {
  if (!lockfileMayNameOpenAI(file.path, file.text)) return []
  const name = baseName(file.path)
  if (name === 'package-lock.json' || name === 'npm-shrinkwrap.json') return npmLock(file)
  if (name === 'yarn.lock') return yarnLock(file, requirements)
  if (name === 'pnpm-lock.yaml') return pnpmLock(file)
  if (PACKAGE_TABLE_LOCKS.has(name)) return packageTableLock(file)
  if (name === 'Pipfile.lock') return pipfileLock(file)
  return []
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function versionField(value: unknown): string | undefined {
  const version = (value as { version?: unknown } | undefined)?.version
  return typeof version === 'string' ? version : undefined
}

/** The line of the `"version"` that follows the first match of `key`, so the annotation sits on the version. */
function versionLineAfter(text: string, key: RegExp, lineOf: (offset: number) => number): number {
  const keyMatch = key.exec(text)
  if (!keyMatch) return 1
  const version = /"version"\s*:/g
  version.lastIndex = keyMatch.index
  const match = version.exec(text)
  return lineOf(match ? match.index : keyMatch.index)
}

/** package-lock v1 (`dependencies.openai`), v2 and v3 (`packages["node_modules/openai"]`): the top-level copy only. */
function npmLock(file: RepoFile): Locked[] {
  const lock = parseJson(file.text) as
    { packages?: Record<string, unknown>; dependencies?: Record<string, unknown> } | undefined
  const fromPackages = versionField(lock?.packages?.['node_modules/openai'])
  const text = fromPackages ?? versionField(lock?.dependencies?.openai)
  const version = text === undefined ? undefined : leadingVersion(text)
  if (!version) return []
  // v1 nests copies under other packages; the top-level entry sits at the standard four-space indent.
  const key = fromPackages !== undefined ? /"node_modules\/openai"\s*:\s*\{/ : /^ {4}"openai"\s*:\s*\{/m
  return [
    {
      ecosystem: 'node',
      path: file.path,
      line: versionLineAfter(file.text, key, lineLocator(file.text)),
      version
    }
  ]
}

/**
 * yarn.lock v1 (`openai@^3.2.1:` … `version "3.3.0"`) and berry (`"openai@npm:^3.2.1":` … `version: 3.3.0`).
 * When package.json next to it names a range, only the entry resolving that range is the app's own copy.
 */
function yarnLock(file: RepoFile, requirements: Requirement[]): Locked[] {
  const lines = file.text.split('\n')
  const entries: Array<{ descriptors: string[]; line: number; version: Version }> = []
  let descriptors: string[] | undefined
  lines.forEach((line, index) => {
    if (/^\S.*:\s*$/.test(line) && !line.startsWith('#')) {
      const list = line
        .replace(/:\s*$/, '')
        .split(',')
        .map(part => part.trim().replace(/^["']|["']$/g, ''))
      descriptors = list.some(descriptor => descriptor.startsWith('openai@')) ? list : undefined
      return
    }
    const version = /^\s+version:?\s+["']?([^"'\s]+)/.exec(line)
    const parsed = version ? leadingVersion(version[1]) : undefined
    if (descriptors && parsed) {
      entries.push({ descriptors, line: index + 1, version: parsed })
      descriptors = undefined
    }
  })
  const ownDescriptors = new Set(
    requirements
      .filter(
        requirement => requirement.ecosystem === 'node' && dirName(requirement.path) === dirName(file.path)
      )
      .flatMap(requirement => [`openai@${requirement.spec.trim()}`, `openai@npm:${requirement.spec.trim()}`])
  )
  const own = entries.filter(entry => entry.descriptors.some(descriptor => ownDescriptors.has(descriptor)))
  return (own.length > 0 ? own : entries).map(entry => ({
    ecosystem: 'node' as const,
    path: file.path,
    line: entry.line,
    version: entry.version
  }))
}

/**
 * pnpm-lock.yaml, any lockfile version: direct dependencies only (top-level `dependencies:` of v5 single-project
 * locks, `importers.<dir>.dependencies` of workspace and v6+ locks), as `openai: 3.3.0` or `openai: {version: …}`.
 */
function pnpmLock(file: RepoFile): Locked[] {
  const lines = file.text.split('\n')
  const locked: Locked[] = []
  const stack: Array<{ indent: number; key: string }> = []
  lines.forEach((line, index) => {
    const entry = /^(\s*)(['"]?)([^'":#\s][^'":]*)\2:(?:\s+(.*))?$/.exec(line)
    if (!entry) return
    const indent = entry[1].length
    while (stack.length > 0 && stack[stack.length - 1].indent >= indent) stack.pop()
    const path = stack.map(item => item.key)
    const key = entry[3]
    stack.push({ indent, key })
    const directDependencies =
      /^(dependencies|devDependencies|optionalDependencies)$/.test(path[path.length - 1] ?? '') &&
      (path.length === 1 || (path.length === 3 && path[0] === 'importers'))
    if (key !== 'openai' || !directDependencies) return
    const inline = entry[4]?.trim()
    if (inline) {
      const version = leadingVersion(inline.replace(/^\{\s*specifier:[^,]*,\s*version:\s*/, ''))
      if (version) locked.push({ ecosystem: 'node', path: file.path, line: index + 1, version })
      return
    }
    for (let next = index + 1; next < lines.length; next++) {
      const child = /^(\s*)version:\s*['"]?([^'"\s]+)/.exec(lines[next])
      const childIndent = /^\s*/.exec(lines[next])?.[0].length ?? 0
      if (lines[next].trim() !== '' && childIndent <= indent) break
      const version = child ? leadingVersion(child[2]) : undefined
      if (version) {
        locked.push({ ecosystem: 'node', path: file.path, line: next + 1, version })
        break
      }
    }
  })
  return locked
}

/** poetry.lock, uv.lock, pdm.lock: `[[package]]` tables with `name = "openai"` and `version = "0.27.8"`. */
function packageTableLock(file: RepoFile): Locked[] {
  const packages = parseTomlFile(file)?.package
  if (!Array.isArray(packages)) return []
  const openai = packages.map(tableAt).find(entry => String(entry?.name).toLowerCase() === 'openai')
  const version = typeof openai?.version === 'string' ? leadingVersion(openai.version) : undefined
  if (!version) return []
  // The annotation sits on the `version` line of the openai table.
  const name = /^\s*name\s*=\s*["']openai["']/im.exec(file.text)
  const versionLine = /^\s*version\s*=/gm
  versionLine.lastIndex = name?.index ?? 0
  const at = versionLine.exec(file.text)?.index ?? name?.index ?? 0
  return [{ ecosystem: 'python', path: file.path, line: lineLocator(file.text)(at), version }]
}

function pipfileLock(file: RepoFile): Locked[] {
  const lock = parseJson(file.text) as Record<string, Record<string, unknown> | undefined> | undefined
  const text = versionField(lock?.default?.openai) ?? versionField(lock?.develop?.openai)
  const version = text === undefined ? undefined : leadingVersion(text)
  if (!version) return []
  const line = versionLineAfter(file.text, /"openai"\s*:\s*\{/, lineLocator(file.text))
  return [{ ecosystem: 'python', path: file.path, line, version }]
}

// ---------------------------------------------------------------- code written for removed APIs

const NODE_V3_NAMES_GLOBAL = /\b(OpenAIApi|Configuration)\b/g

const PYTHON_0X_CALL =
  /\bopenai\.(ChatCompletion|Completion|Embedding|Edit|Image|Moderation|Audio|FineTune|Engine)\.(\w+)\s*\(/

/** Where the 0.x module-level resources live on a 1.x client. */
const CLIENT_RESOURCES: Record<string, string> = {
  ChatCompletion: 'chat.completions',
  Completion: 'completions',
  Embedding: 'embeddings',
  Edit: 'chat.completions',
  Image: 'images',
  Moderation: 'moderations',
  Audio: 'audio',
  FineTune: 'fine_tuning.jobs',
  Engine: 'models'
}

/** `openai` as a byte search looks for it: from its rarer second letter, as fast again as from its `o`. */
const OPENAI_WORD = 'penai'
const REMOVED_API_WORDS = [OPENAI_WORD]

/** `openai`, which code written for the removed APIs imports them by (none: not code these checks read). */
export function removedApiWords(path: string): readonly string[] {
  return isJsPath(path) || path.endsWith('.py') ? REMOVED_API_WORDS : []
}

function removedApiUses(file: RepoFile): RepoEvidence[] {
  if (!holdsAny(file.text, removedApiWords(file.path))) return []
  if (isJsPath(file.path)) return nodeV3Uses(file)
  if (file.path.endsWith('.py')) return python0xUses(file)
  return []
}

/**
 * False for text that only talks about the API: a comment, or a string (an odd number of quotes of one kind
 * before it on its line), so error messages and test fixtures that quote 0.x / v3 calls are not flagged.
 */
function codeColumns(line: string, commentStart: RegExp): (column: number) => boolean {
  // The comment, if any, starts where its first match ends; quotes are counted once along the line, for columns
  // asked in increasing order (as matches come), so many matches on one long line cost one pass over it.
  const comment = commentStart.exec(line)
  const commentEnd = comment ? comment.index + comment[0].length : Number.POSITIVE_INFINITY
  let counted = 0
  let open = 0
  return column => {
    if (column >= commentEnd) return false
    if (column < counted) {
      counted = 0
      open = 0
    }
    for (; counted < column; counted++) {
      const quote = QUOTES.indexOf(line[counted])
      if (quote !== -1) open ^= 1 << quote
    }
    return open === 0
  }
}

const QUOTES = ['"', "'", '`']

const JS_COMMENT = /^\s*(\/\/|\/?\*)|\s\/\/\s/
const PYTHON_COMMENT = /#/

function nodeV3Uses(file: RepoFile): RepoEvidence[] {
  if (!/(?:\bfrom\s*|\brequire\(\s*)['"]openai['"]/.test(file.text)) return []
  const fix = SDKS.node.upgrade
  const lines = file.text.split('\n')
  const lineOf = lineLocator(file.text)
  const evidence: RepoEvidence[] = []
  // `[^{}]*`, not `[^}]*`: each try ends at the next brace, so `import{import{…` costs one pass.
  const imports =
    /\bimport\s*(?:[\w$]+\s*,\s*)?\{([^{}]*)\}\s*from\s*['"]openai['"]|\b(?:const|let|var)\s*\{([^{}]*)\}\s*=\s*require\(\s*['"]openai['"]\s*\)/g
  for (const match of file.text.matchAll(imports)) {
    const names = [...(match[1] ?? match[2]).matchAll(NODE_V3_NAMES_GLOBAL)].map(name => `\`${name[1]}\``)
    if (names.length === 0) continue
    const line = lineOf(match.index)
    const column = match.index - file.text.lastIndexOf('\n', match.index - 1) - 1
    if (!codeColumns(lines[line - 1], JS_COMMENT)(column)) continue
    evidence.push({
      path: file.path,
      line,
      message: `Imports ${names.join(' and ')} from 'openai': these exist only in openai-node v3 (removed in v4). Fix: ${fix}.`
    })
  }
  const configurationIsV3 = importsV3Configuration(file.text)
  lines.forEach((line, index) => {
    const isCode = codeColumns(line, JS_COMMENT)
    const constructed = [
      ...line.matchAll(/\bnew\s+(?:[\w$]+\s*\.\s*)?(OpenAIApi|Configuration)\s*\(/g)
    ].filter(match => (match[1] === 'OpenAIApi' || configurationIsV3) && isCode(match.index))
    if (constructed.length === 0) return
    const calls = constructed.map(match => `\`new ${match[1]}(\``).join(' and ')
    evidence.push({
      path: file.path,
      line: index + 1,
      message: `${calls} ${constructed.length > 1 ? 'are' : 'is'} the openai-node v3 client (removed in v4). Fix: ${fix}.`
    })
  })
  return evidence
}

/**
 * `Configuration` is a common class name; it is the v3 one only when it comes from 'openai'. Each `{…}` is found
 * with indexOf and looked into once: a pattern with a star on each side of the name would try every `{` against
 * the whole rest of a file without `}` (512 KiB of `{` took minutes).
 */
function importsV3Configuration(text: string): boolean {
  const fromOpenAI = /\s*(?:from\s*|=\s*require\(\s*)['"]openai['"]/y
  let open = text.indexOf('{')
  for (let close = text.indexOf('}'); close !== -1 && open !== -1; close = text.indexOf('}', close + 1)) {
    // The first `{` after the previous `}`: what `\{[^}]*…\}` would start from.
    if (open > close) continue
    const inside = text.slice(open + 1, close)
    open = text.indexOf('{', close + 1)
    if (!/\bConfiguration\b/.test(inside)) continue
    fromOpenAI.lastIndex = close + 1
    if (fromOpenAI.test(text)) return true
  }
  return false
}

function python0xUses(file: RepoFile): RepoEvidence[] {
  if (!/^\s*(?:import\s+openai\b|from\s+openai\b)/m.test(file.text)) return []
  const evidence: RepoEvidence[] = []
  const fix = SDKS.python.upgrade
  file.text.split('\n').forEach((line, index) => {
    const call = PYTHON_0X_CALL.exec(line)
    const errorModule = /\bopenai\.error\b|^\s*from\s+openai\s+import\s+.*\berror\b/.exec(line)
    const isCode = codeColumns(line, PYTHON_COMMENT)
    if (call && isCode(call.index)) {
      evidence.push({
        path: file.path,
        line: index + 1,
        message:
          `\`openai.${call[1]}.${call[2]}\` is the openai-python 0.x API, removed in 1.0 (on openai>=1.0 it raises ` +
          `APIRemovedInV1 before any request). Fix: ${fix}; in 1.x this lives on a client: ` +
          `\`OpenAI().${CLIENT_RESOURCES[call[1]]}\`.`
      })
    } else if (errorModule && isCode(errorModule.index)) {
      evidence.push({
        path: file.path,
        line: index + 1,
        message:
          "`openai.error` exists only in openai-python 0.x (on 1.x this line fails with \"module 'openai' has no " +
          `attribute 'error'"); 1.x raises \`openai.AuthenticationError\` for a 401. Fix: ${fix}.`
      })
    }
  })
  return evidence
}
