import { LineCounter, isMap, isScalar, isSeq, parseDocument, type ParsedNode, type YAMLMap } from 'yaml'
import type { RepoEvidence } from '../core/diagnosis-types.js'
import { groupBy } from '../core/group.js'
import { CheckBudget, MAX_ENV_NAMES } from './budget.js'
import { findEnvReads, type EnvRead } from './env-reads.js'
import { byPathThenLine, isDotenvPath, isWorkflowPath, lineLocator, type RepoFile } from './repo-file.js'

export interface EnvVarNameOptions {
  /** The secret the action's `api-key` input comes from, when the caller knows it; a workflow's own step wins. */
  actionSecretName?: string
}

/** A place that sets an env var for the repository's code: a workflow `env:` entry, a run-script assignment, a .env file. */
interface Provision {
  name: string
  path: string
  line: number
  secrets: readonly string[]
  /** Who sets it, for messages: `The env of job "test"`. */
  setter: string
}

/** A secret handed to something under a name (an env var or an action input). */
interface SecretUse {
  secret: string
  target: string
  path: string
  line: number
  setter: string
  /** For `env:` entries: `workflow`, `job:<id>` or `step:<id>:<index>`, to resolve `${{ env.X }}` as GitHub does. */
  envScope?: string
}

/** A step that runs this action, and the secrets its `api-key` input is built from. */
interface DoctorStep {
  line: number
  secrets: string[]
  envRefs: string[]
  /** The env scopes it sees, nearest first. */
  envScopes: string[]
}

interface WorkflowFacts {
  path: string
  /** Env entries that reach `run:` steps or local actions, i.e. the repository's own code. */
  provisions: Provision[]
  secretUses: SecretUse[]
  doctorSteps: DoctorStep[]
  /** `$X`, `${X}`, `$env:X` in run scripts and `${{ env.X }}` anywhere. */
  shellReads: EnvRead[]
  runScripts: string[]
}

/**
 * Env var names that keep the key from reaching the OpenAI client: a workflow or .env file sets one name
 * while the code reads another (or the same with different case or stray spaces), and steps that use a
 * different OpenAI secret from the one this action checked. Pure: takes file contents, reads nothing.
 */
export function checkEnvVarNames(
  files: RepoFile[],
  opts: EnvVarNameOptions = {},
  budget: CheckBudget = new CheckBudget()
): RepoEvidence[] {
  const allCodeReads: EnvRead[] = []
  for (const file of budget.take(files)) for (const read of findEnvReads(file)) allCodeReads.push(read)
  const codeReads = budget.cap(allCodeReads, MAX_ENV_NAMES, 'env var reads in code')
  const clientKeyNames = new Set(codeReads.filter(read => read.forOpenAIClient).map(read => read.name.trim()))
  // Asked for every name of every source: thousands of names, most of them repeated across `.env` files.
  const keyNames = new Map<string, boolean>()
  const isKeyName = (name: string): boolean => {
    let isKey = keyNames.get(name)
    if (isKey === undefined) {
      isKey = looksLikeOpenAIKeyName(name) || clientKeyNames.has(name.trim())
      keyNames.set(name, isKey)
    }
    return isKey
  }
  const workflows: WorkflowFacts[] = []
  for (const file of budget.take(files.filter(file => isWorkflowPath(file.path)))) {
    const workflow = readWorkflow(file)
    if (!workflow) continue
    workflow.provisions = budget.cap(workflow.provisions, MAX_ENV_NAMES, 'names a workflow sets')
    workflow.shellReads = budget.cap(workflow.shellReads, MAX_ENV_NAMES, 'env var reads in a workflow')
    workflows.push(workflow)
  }
  const normalizedNames = new Map<string, string>()
  const normalizedOnce = (name: string): string => {
    let spelled = normalizedNames.get(name)
    if (spelled === undefined) normalizedNames.set(name, (spelled = normalized(name)))
    return spelled
  }
  // What a `.env` entry (compared with the code's reads only) can be evidence of: a name shaped like the key or
  // read as it, or one the code's key reads spell another way. The rest (a `.env` file sets thousands of names)
  // are counted, never kept.
  const codeKeySpellings = new Set(
    codeReads.filter(read => isKeyName(read.name)).map(read => normalizedOnce(read.name))
  )
  const mattersInDotenv = (name: string): boolean =>
    isKeyName(name) || codeKeySpellings.has(normalizedOnce(name))
  const sources = [
    ...workflows.map(workflow => ({
      provisions: workflow.provisions,
      reads: [...codeReads, ...workflow.shellReads],
      runScripts: workflow.runScripts
    })),
    ...[...budget.take(files.filter(file => isDotenvPath(file.path)))].map(file => {
      const { provisions, names } = readDotenv(file, MAX_ENV_NAMES, mattersInDotenv)
      budget.capCount(names, MAX_ENV_NAMES, 'names a .env file sets')
      return { provisions, reads: codeReads, runScripts: [] }
    })
  ]
  const evidence = new EvidenceList()
  // Each reader keeps the first few provisions it conflicts with and a count of the rest: the message names
  // one and counts the others, and thousands of readers × thousands of provisions must not be kept.
  const readerMismatches = new Map<EnvRead, { provisions: Set<Provision>; more: number }>()
  const noteMismatch = (reader: EnvRead, provision: Provision): void => {
    const mismatch = readerMismatches.get(reader) ?? { provisions: new Set<Provision>(), more: 0 }
    readerMismatches.set(reader, mismatch)
    if (mismatch.provisions.has(provision)) return
    if (mismatch.provisions.size < NAMES_LISTED) mismatch.provisions.add(provision)
    else mismatch.more++
  }
  for (const source of budget.take(sources)) {
    const mentionedByScripts = scriptMentions(source.runScripts)
    const provided = new Set(source.provisions.map(provision => provision.name))
    const read = new Set(source.reads.map(entry => entry.name))
    const unprovidedKeyReads = source.reads.filter(
      entry => isKeyName(entry.name) && !provided.has(entry.name)
    )
    // Indexed by normalized name so that thousands of names against thousands of reads stay linear.
    const readsByNormalizedName = groupBy(unprovidedKeyReads, entry => normalizedOnce(entry.name))
    const firstUnprovidedReads = firstPerName(unprovidedKeyReads)
    for (const provision of source.provisions) {
      if (!isKeyName(provision.name) || read.has(provision.name)) continue
      if (mentionedByScripts(provision.name)) continue
      const similar = readsByNormalizedName.get(normalizedOnce(provision.name))
      const readers = similar ?? unprovidedKeyReads
      if (readers.length === 0) continue
      evidence.add(provision.path, provision.line, provisionMessage(provision, readers))
      for (const reader of similar ? firstPerName(similar) : firstUnprovidedReads)
        noteMismatch(reader, provision)
    }
    if (firstUnprovidedReads.length === 0) continue
    // The first provision of each name the unprovided reads spell another way: one pass over the provisions,
    // each name normalized once for all sources (`.env` files repeat their names).
    const twins = new Map<string, Provision | undefined>()
    for (const reader of firstUnprovidedReads) twins.set(normalizedOnce(reader.name), undefined)
    for (const provision of source.provisions) {
      const name = normalizedOnce(provision.name)
      if (twins.has(name) && twins.get(name) === undefined) twins.set(name, provision)
    }
    for (const reader of firstUnprovidedReads) {
      const twin = twins.get(normalizedOnce(reader.name))
      if (twin) noteMismatch(reader, twin)
    }
  }
  for (const [reader, mismatch] of readerMismatches) {
    if (!hasStraySpace(reader.name))
      evidence.add(reader.path, reader.line, readerMessage(reader, [...mismatch.provisions], mismatch.more))
  }
  for (const reader of [...codeReads, ...workflows.flatMap(workflow => workflow.shellReads)]) {
    if (hasStraySpace(reader.name) && isKeyName(reader.name)) {
      evidence.add(reader.path, reader.line, straySpaceReadMessage(reader))
    }
  }
  for (const provision of sources.flatMap(source => source.provisions)) {
    if (
      hasStraySpace(provision.name) &&
      isKeyName(provision.name) &&
      !evidence.has(provision.path, provision.line)
    ) {
      evidence.add(provision.path, provision.line, straySpaceProvisionMessage(provision))
    }
  }
  for (const workflow of workflows) checkSecretNames(workflow, opts, isKeyName, evidence)
  return evidence.sorted()
}

/** OpenAI-related and shaped like a credential: OPENAI_API_KEY, OPENAI_KEY, AZURE_OPENAI_API_KEY, openai_token. */
function looksLikeOpenAIKeyName(name: string): boolean {
  return /openai/i.test(name) && /key|token|secret/i.test(name)
}

/** Places that read the same name are many; a few per name make the point without flooding annotations. */
const READ_PLACES_PER_NAME = 3
/** Names (and conflicting places) listed in one message; the rest are counted. */
const NAMES_LISTED = 5

function firstPerName(reads: EnvRead[]): EnvRead[] {
  const counts = new Map<string, number>()
  return reads.filter(read => {
    const count = (counts.get(read.name) ?? 0) + 1
    counts.set(read.name, count)
    return count <= READ_PLACES_PER_NAME
  })
}

function normalized(name: string): string {
  return name.trim().toUpperCase()
}

function hasStraySpace(name: string): boolean {
  return /\s/.test(name)
}

function mentions(script: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?<![\\w])${escaped}(?![\\w])(?!\\s*=[^=])`).test(script)
}

/** Names of other characters than letters, digits and `_` searched for in a source's run scripts, at most. */
const SEARCHED_NAMES = 50

/**
 * Whether the run scripts mention a name other than as an assignment's target (`NAME=value`). A name of word
 * characters is looked up among the scripts' words, collected in one pass; only the rare other names are
 * searched for, a few, so thousands of names against large scripts cost no search per name. Past that, a name
 * counts as mentioned: nothing is reported about it rather than something wrong.
 */
function scriptMentions(scripts: readonly string[]): (name: string) => boolean {
  const words = new Set<string>()
  const assignment = /\s*=[^=]/y
  for (const script of scripts) {
    for (const word of script.matchAll(/\w+/g)) {
      assignment.lastIndex = word.index + word[0].length
      if (!assignment.test(script)) words.add(word[0])
    }
  }
  let searched = 0
  return name => {
    if (/^\w+$/.test(name)) return words.has(name)
    if (scripts.length === 0) return false
    return ++searched > SEARCHED_NAMES || scripts.some(script => mentions(script, name))
  }
}

/** `OPENAI_API_KEY`, or `"OPENAI_API_KEY "` (with a trailing space) so that the space can be seen. */
function shown(name: string): string {
  if (!hasStraySpace(name)) return `\`${name}\``
  const where =
    name.trim() !== name
      ? name.trimStart() === name
        ? 'a trailing space'
        : name.trimEnd() === name
          ? 'a leading space'
          : 'leading and trailing spaces'
      : 'a space inside'
  return `${JSON.stringify(name)} (with ${where})`
}

function relation(provided: string, read: string): 'spaces' | 'case' | 'different' {
  if (provided.trim() === read.trim()) return 'spaces'
  if (normalized(provided) === normalized(read)) return 'case'
  return 'different'
}

const CASE_NOTE =
  'env var names are case-sensitive on Linux and macOS runners (only Windows ignores case; GitHub secret names are case-insensitive, env var names are not)'

function fixFor(kind: ReturnType<typeof relation>, readName: string): string {
  if (kind === 'spaces')
    return `a name with spaces is a different variable, so \`${readName.trim()}\` stays empty`
  if (kind === 'case') return `${CASE_NOTE}, so ${shown(readName)} stays empty`
  return (
    'so the key never reaches the OpenAI client ' +
    '(the SDK reports a missing key, or the request goes out without one and gets 401)'
  )
}

function provisionMessage(provision: Provision, readers: EnvRead[]): string {
  const secret = provision.secrets.length > 0 ? ` from secrets.${provision.secrets[0]}` : ''
  const firstReadOf = new Map<string, EnvRead>()
  for (const reader of readers) if (!firstReadOf.has(reader.name)) firstReadOf.set(reader.name, reader)
  const readNames = [...firstReadOf.keys()]
  const listed = readNames
    .slice(0, NAMES_LISTED)
    .map(name => {
      const first = firstReadOf.get(name) as EnvRead
      return `${shown(name)} (${first.path}:${first.line})`
    })
    .join(', ')
  const where =
    readNames.length > NAMES_LISTED ? `${listed} and ${readNames.length - NAMES_LISTED} more names` : listed
  const kind = readNames.length === 1 ? relation(provision.name, readNames[0]) : 'different'
  const fix =
    readNames.length === 1
      ? `Name it ${shown(readNames[0].trim())} here`
      : 'Set the key under the name the code reads'
  return (
    `${provision.setter} sets ${shown(provision.name)}${secret}, but no code reads that name: ` +
    `the code reads ${where}; ${fixFor(kind, readNames[0])}. ${fix}.`
  )
}

function readerMessage(reader: EnvRead, provisions: Provision[], more: number): string {
  const [first] = provisions
  const othersCount = provisions.length - 1 + more
  const others = othersCount > 0 ? ` (and ${othersCount} more)` : ''
  const kind = relation(first.name, reader.name)
  const fix =
    kind === 'different'
      ? `Set ${shown(reader.name)} there, or read ${shown(first.name)} here`
      : `Use exactly ${shown(first.name.trim())} in both places`
  return (
    `${reader.how} reads ${shown(reader.name)}, but ${first.path}:${first.line}${others} provides the key as ` +
    `${shown(first.name)}; ${fixFor(kind, reader.name)}. ${fix}.`
  )
}

function straySpaceReadMessage(reader: EnvRead): string {
  return (
    `${reader.how} reads ${shown(reader.name)}: no environment sets a name with spaces, so this read gets ` +
    `nothing and the OpenAI client has no key. Read \`${reader.name.trim()}\`.`
  )
}

function straySpaceProvisionMessage(provision: Provision): string {
  return (
    `${provision.setter} sets ${shown(provision.name)}: code reading \`${provision.name.trim()}\` will not see it. ` +
    `Remove the spaces from the name.`
  )
}

function checkSecretNames(
  workflow: WorkflowFacts,
  opts: EnvVarNameOptions,
  isKeyName: (name: string) => boolean,
  evidence: EvidenceList
): void {
  const doctorSecrets = workflow.doctorSteps.flatMap(step => [
    ...step.secrets,
    ...step.envRefs.flatMap(name => {
      for (const scope of step.envScopes) {
        const uses = workflow.secretUses.filter(use => use.envScope === scope && use.target === name)
        if (uses.length > 0) return uses.map(use => use.secret)
      }
      return []
    })
  ])
  const checked =
    doctorSecrets.length > 0 ? doctorSecrets : opts.actionSecretName ? [opts.actionSecretName] : []
  if (checked.length === 0) return
  const checkedNames = new Set(checked.map(name => name.toUpperCase()))
  const doctorLine = workflow.doctorSteps.find(step => step.secrets.length + step.envRefs.length > 0)?.line
  const checkedBy =
    doctorSecrets.length > 0
      ? `the openai-key-doctor step (line ${doctorLine}) checks secrets.${checked[0]}`
      : `openai-key-doctor's api-key input comes from secrets.${checked[0]}`
  for (const use of workflow.secretUses) {
    const openAIRelated = /openai/i.test(use.secret) || isKeyName(use.target)
    if (!openAIRelated || checkedNames.has(use.secret.toUpperCase())) continue
    evidence.add(
      use.path,
      use.line,
      `${use.setter} gives ${use.target} the secret secrets.${use.secret}, but ${checkedBy}: the key that was ` +
        `diagnosed is not the key this step uses. Pass the same secret to both (secret names are case-insensitive).`
    )
  }
}

interface Expression {
  /** Offset of its `${{`. */
  index: number
  /** The text between `${{` and `}}`. */
  inner: string
  /** The whole `${{ … }}`. */
  text: string
}

/**
 * Every `${{ … }}` (no `}` inside), as `/\$\{\{([^}]*)\}\}/g` finds them, in one pass: that pattern tries every
 * `${{` against the rest of a text without `}`, which a hostile workflow makes quadratic.
 */
function expressionsIn(text: string): Expression[] {
  const found: Expression[] = []
  for (let start = text.indexOf('${{'); start !== -1;) {
    const close = text.indexOf('}', start + 3)
    if (close === -1) break
    if (text[close + 1] === '}') {
      found.push({ index: start, inner: text.slice(start + 3, close), text: text.slice(start, close + 2) })
      start = text.indexOf('${{', close + 2)
    } else {
      // Every `${{` before `close` ends at the same `}`: none of them is an expression.
      start = text.indexOf('${{', close + 1)
    }
  }
  return found
}

/**
 * The name a run script assigns right before `at` on its line (`NAME=${{ … }}`, `NAME = "${{ … }}"`), as
 * `/([A-Za-z_]\w*)\s*=\s*["']?$/` finds it in the line so far, read backwards from `at` so that many expressions
 * on one long line cost no pass over the line each.
 */
function assignedNameBefore(text: string, at: number): string | undefined {
  const spaceBefore = (index: number) => index > 0 && text[index - 1] !== '\n' && /\s/.test(text[index - 1])
  let end = at
  if (end > 0 && (text[end - 1] === '"' || text[end - 1] === "'")) end--
  while (spaceBefore(end)) end--
  if (end === 0 || text[end - 1] !== '=') return undefined
  end--
  while (spaceBefore(end)) end--
  let start = end
  while (start > 0 && /\w/.test(text[start - 1])) start--
  while (start < end && /\d/.test(text[start])) start++
  return start < end ? text.slice(start, end) : undefined
}

function secretsIn(expressionText: string): string[] {
  const names: string[] = []
  for (const expression of expressionsIn(expressionText)) {
    for (const ref of expression.inner.matchAll(
      /\bsecrets\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*['"]([^'"]+)['"]\s*\])/g
    )) {
      names.push(ref[1] ?? ref[2])
    }
  }
  return names
}

function envRefsIn(expressionText: string): string[] {
  return expressionsIn(expressionText).flatMap(expression =>
    [...expression.inner.matchAll(/\benv\s*\.\s*([A-Za-z_][\w-]*)/g)].map(ref => ref[1])
  )
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')
    ? String(node.value)
    : undefined
}

function readWorkflow(file: RepoFile): WorkflowFacts | undefined {
  const lineCounter = new LineCounter()
  const doc = parseDocument(file.text, { lineCounter })
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined
  const lineOf = (node: ParsedNode): number => lineCounter.linePos(node.range[0]).line
  const facts: WorkflowFacts = {
    path: file.path,
    provisions: [],
    secretUses: [],
    doctorSteps: [],
    shellReads: [],
    runScripts: []
  }

  const addEnv = (env: unknown, setter: string, envScope: string, reachesRepoCode: boolean): void => {
    if (!isMap(env)) return
    for (const pair of (env as YAMLMap<ParsedNode, ParsedNode>).items) {
      const name = scalarText(pair.key)
      if (name === undefined) continue
      const line = lineOf(pair.key)
      const secrets = secretsIn(scalarText(pair.value) ?? '')
      for (const secret of secrets)
        facts.secretUses.push({ secret, target: name, path: file.path, line, setter, envScope })
      if (reachesRepoCode) facts.provisions.push({ name, path: file.path, line, secrets, setter })
    }
  }

  const addRunScript = (run: ParsedNode, setter: string): void => {
    const [start, end] = run.range
    const raw = file.text.slice(start, end)
    const lineAt = (offset: number): number => lineCounter.linePos(start + offset).line
    facts.runScripts.push(raw)
    for (const match of raw.matchAll(/\$env:([A-Za-z_]\w*)|\$(?:\{(?!\{))?([A-Za-z_]\w*)/g)) {
      const name = match[1] ?? match[2]
      facts.shellReads.push({
        name,
        path: file.path,
        line: lineAt(match.index),
        how: `\`${match[0]}\` in ${setter}`,
        forOpenAIClient: false
      })
    }
    for (const expression of expressionsIn(raw)) {
      const assigned = assignedNameBefore(raw, expression.index)
      const secrets = secretsIn(expression.text)
      const line = lineAt(expression.index)
      const target = assigned ?? 'a command'
      for (const secret of secrets) facts.secretUses.push({ secret, target, path: file.path, line, setter })
      if (assigned) facts.provisions.push({ name: assigned, path: file.path, line, secrets, setter })
    }
  }

  const root = doc.contents
  addEnv(root.get('env', true), 'The workflow-level env', 'workflow', true)
  const jobs = root.get('jobs', true)
  if (isMap(jobs)) {
    for (const jobPair of (jobs as YAMLMap<ParsedNode, ParsedNode>).items) {
      const jobId = scalarText(jobPair.key) ?? '?'
      const job = jobPair.value
      if (!isMap(job)) continue
      addEnv(job.get('env', true), `The env of job "${jobId}"`, `job:${jobId}`, true)
      const container = job.get('container', true)
      if (isMap(container))
        addEnv(container.get('env', true), `The container env of job "${jobId}"`, `job:${jobId}`, true)
      const steps = job.get('steps', true)
      if (!isSeq(steps)) continue
      steps.items.forEach((step, index) => {
        if (!isMap(step)) return
        const uses = scalarText(step.get('uses', true))
        const run = step.get('run', true) as ParsedNode | undefined
        const withInputs = step.get('with', true)
        const apiKeyInput = isMap(withInputs)
          ? (withInputs.get('api-key', true) as ParsedNode | undefined)
          : undefined
        const label =
          scalarText(step.get('name', true)) ??
          uses ??
          scalarText(run)?.split('\n')[0].slice(0, 40) ??
          `#${index + 1}`
        const setter = `Step "${label}" of job "${jobId}"`
        const isDoctor =
          uses !== undefined &&
          (/openai-key-doctor/i.test(uses) || (uses.startsWith('./') && apiKeyInput !== undefined))
        if (isDoctor) {
          const input = scalarText(apiKeyInput) ?? ''
          facts.doctorSteps.push({
            line: lineOf((apiKeyInput ?? step) as ParsedNode),
            secrets: secretsIn(input),
            envRefs: envRefsIn(input),
            envScopes: [`step:${jobId}:${index}`, `job:${jobId}`, 'workflow']
          })
        }
        const reachesRepoCode = !isDoctor && (uses === undefined || uses.startsWith('./'))
        addEnv(step.get('env', true), setter, `step:${jobId}:${index}`, reachesRepoCode)
        if (isMap(withInputs) && !isDoctor) {
          for (const pair of (withInputs as YAMLMap<ParsedNode, ParsedNode>).items) {
            const input = scalarText(pair.key)
            if (input === undefined) continue
            for (const secret of secretsIn(scalarText(pair.value) ?? '')) {
              const line = lineOf(pair.key)
              facts.secretUses.push({ secret, target: `input ${input}`, path: file.path, line, setter })
            }
          }
        }
        if (run && scalarText(run) !== undefined)
          addRunScript(run, `the run script of step "${label}" (job "${jobId}")`)
      })
    }
  }

  const lineOfOffset = lineLocator(file.text)
  for (const expression of expressionsIn(file.text)) {
    for (const name of envRefsIn(expression.text)) {
      facts.shellReads.push({
        name,
        path: file.path,
        line: lineOfOffset(expression.index),
        how: `\${{ env.${name} }}`,
        forOpenAIClient: false
      })
    }
  }
  return facts
}

/** `NAME=…`, `export NAME=…`, `NAME: …` at a line's start (tried there only: `[^\S\n]` is a space within the line). */
const DOTENV_ASSIGNMENT = /[^\S\n]*(?:export[^\S\n]+)?([A-Za-z_][\w.-]*)[^\S\n]*[=:]/y

/** What a `.env` entry takes from secrets: one shared empty list (a `.env` file sets thousands of names). */
const NO_SECRETS: readonly string[] = []

/** The entries of a `.env` file that `matters` keeps among its first `max` names, and how many names it sets. */
function readDotenv(
  file: RepoFile,
  max: number,
  matters: (name: string) => boolean
): { provisions: Provision[]; names: number } {
  const provisions: Provision[] = []
  let names = 0
  const { text } = file
  for (let start = 0, line = 1; start <= text.length; line++) {
    DOTENV_ASSIGNMENT.lastIndex = start
    const match = DOTENV_ASSIGNMENT.exec(text)
    if (match && ++names <= max && matters(match[1]))
      provisions.push({ name: match[1], path: file.path, line, secrets: NO_SECRETS, setter: file.path })
    const end = text.indexOf('\n', start)
    if (end === -1) break
    start = end + 1
  }
  return { provisions, names }
}

class EvidenceList {
  private readonly items: RepoEvidence[] = []
  private readonly added = new Set<string>()
  private readonly places = new Set<string>()

  add(path: string, line: number, message: string): void {
    const identity = `${path}\0${line}\0${message}`
    if (this.added.has(identity)) return
    this.added.add(identity)
    this.places.add(`${path}\0${line}`)
    this.items.push({ path, line, message })
  }

  has(path: string, line: number): boolean {
    return this.places.has(`${path}\0${line}`)
  }

  sorted(): RepoEvidence[] {
    return [...this.items].sort(byPathThenLine)
  }
}
