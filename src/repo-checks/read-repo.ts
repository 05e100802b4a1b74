import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { CheckoutReader, type WholeFile } from '../git/checkout-reader.js'
import { compareCodeUnits } from '../core/order.js'
import type { CheckoutObserver } from '../scan/coverage.js'
import { runGit } from '../git/git.js'
import { envReadWords } from './env-reads.js'
import { baseName, holdsAny, isDotenvPath, isJsPath, isWorkflowPath, type RepoFile } from './repo-file.js'
import { lockfileMayNameOpenAI, removedApiWords } from './sdk-versions.js'

export interface RepoReadLimits {
  maxSourceFiles: number
  maxSourceBytes: number
  maxFileBytes: number
  maxLockfileBytes: number
  maxWalkEntries: number
}

export const REPO_READ_LIMITS: RepoReadLimits = {
  /** Source files read at most; workflows, manifests and lockfiles are few and always read. */
  maxSourceFiles: 5000,
  /** Source bytes read at most (after workflows, manifests and lockfiles): the texts that can matter are held. */
  maxSourceBytes: 32 * 1024 * 1024,
  maxFileBytes: 1024 * 1024,
  /** Lockfiles of real projects often pass 1 MiB, and they are where the installed version is. */
  maxLockfileBytes: 16 * 1024 * 1024,
  /** Directory entries the fallback walk looks at before giving up on the rest. */
  maxWalkEntries: 100_000
}

export interface NotRead {
  path: string
  reason: string
}

export interface RepoFileSet {
  files: RepoFile[]
  listedWith: 'git' | 'walk'
  /** Candidate files not read because they were larger than the limit. */
  skippedLarge: string[]
  /** Candidate files refused by the checkout reader: symbolic links (never followed), FIFOs, devices. */
  notRead: NotRead[]
  /** True when there were more source files than `maxSourceFiles`, or the walk hit `maxWalkEntries`. */
  hitFileLimit: boolean
  /** True when the source files to read held more than `maxSourceBytes`: the rest were not read. */
  hitByteLimit: boolean
  /** Lockfiles read but not kept: they name no openai package (their project's libraries are checked all the same). */
  lockfilesWithoutOpenAI: number
}

const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  '.git',
  'dist',
  'vendor',
  'venv',
  '.venv',
  'site-packages',
  '__pycache__',
  '.tox'
])

const MANIFESTS = /^(package\.json|pyproject\.toml|Pipfile|(requirements|constraints).*\.(txt|in))$/i
const LOCKFILES =
  /^(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|poetry\.lock|uv\.lock|pdm\.lock|Pipfile\.lock)$/

type Kind = 'config' | 'lockfile' | 'source'

/** What the repo checks read a path for, or undefined when they do not need it. */
export function candidateKind(path: string): Kind | undefined {
  const kind = kindOfName(path)
  // Asked of every file of the tree: the folders are split only for the few it wants.
  return kind !== undefined && !path.split('/').some(part => SKIPPED_DIRECTORIES.has(part)) ? kind : undefined
}

function kindOfName(path: string): Kind | undefined {
  const name = baseName(path)
  if (LOCKFILES.test(name)) return 'lockfile'
  if (
    isWorkflowPath(path) ||
    isDotenvPath(path) ||
    MANIFESTS.test(name) ||
    /(^|\/)requirements\/[^/]+\.txt$/i.test(path)
  ) {
    return 'config'
  }
  if (isJsPath(path) || /\.(py|rb|go)$/.test(name)) return 'source'
  return undefined
}

/**
 * Whether the checks can find anything in a file they read, by a byte search for the words their patterns
 * need: most code reads no env var and never names openai, and is then counted as read but neither decoded nor
 * held. Workflows, manifests and `.env` files are few and small, and always held.
 */
function mayHoldWhatChecksSeek(kind: Kind, path: string, bytes: Buffer): boolean {
  if (kind === 'config') return true
  if (kind === 'lockfile') return lockfileMayNameOpenAI(path, bytes)
  return holdsAny(bytes, sourceWords(path))
}

/** The words of both checks for a source path, each once (a word absent from a file costs a pass over it). */
function sourceWords(path: string): readonly string[] {
  return [...new Set([...envReadWords(path), ...removedApiWords(path)])]
}

/**
 * Reads the files the repo checks need from `workspace`: workflows, manifests, lockfiles, .env files and
 * source code. Lists with `git ls-files` (tracked and untracked-but-not-ignored), else a bounded walk.
 * Reads through the checkout reader (no link followed, no FIFO waited on, bounded size); skips binary and
 * oversized files. Source files are read in listing order until `maxSourceBytes` would be passed.
 */
export async function readRepoFilesForChecks(
  workspace: string,
  limits: RepoReadLimits = REPO_READ_LIMITS
): Promise<RepoFileSet> {
  const collector = await RepoFileCollector.at(workspace, limits)
  const root = collector.root
  const gitList = await listWithGit(root)
  const listing = gitList
    ? { paths: gitList, truncated: false }
    : await listWithWalk(root, limits.maxWalkEntries)
  for (const path of listing.paths) collector.file(path, undefined)
  collector.end(!listing.truncated)
  return collector.fileSet(gitList ? 'git' : 'walk')
}

/**
 * Builds the checks' file set from the checkout's files in listing order: the files a listing names (read
 * here), or the files the tree scan reads (shown as it reads them: the checkout is then listed and read once).
 */
export class RepoFileCollector implements CheckoutObserver {
  private readonly files: RepoFile[] = []
  private readonly skippedLarge: string[] = []
  private readonly notRead: NotRead[] = []
  private sourceFiles = 0
  private sourceBudget: number
  private hitFileLimit = false
  private hitByteLimit = false
  private lockfilesWithoutOpenAI = 0
  private complete = false

  constructor(
    private readonly reader: CheckoutReader,
    private readonly limits: RepoReadLimits = REPO_READ_LIMITS
  ) {
    this.sourceBudget = limits.maxSourceBytes
  }

  static async at(workspace: string, limits: RepoReadLimits = REPO_READ_LIMITS): Promise<RepoFileCollector> {
    return new RepoFileCollector(await CheckoutReader.at(workspace), limits)
  }

  get root(): string {
    return this.reader.root.toString()
  }

  begin(root: Buffer): boolean {
    return root.equals(this.reader.root)
  }

  file(path: string, bytes: Buffer | undefined): void {
    const kind = candidateKind(path)
    if (kind === undefined) return
    if (kind === 'source' && ++this.sourceFiles > this.limits.maxSourceFiles) {
      this.hitFileLimit = true
      return
    }
    if (kind === 'source' && this.hitByteLimit) return
    const limit = kind === 'lockfile' ? this.limits.maxLockfileBytes : this.limits.maxFileBytes
    const read: WholeFile =
      bytes === undefined
        ? this.reader.readWhole(path, limit)
        : bytes.length > limit
          ? { tooLarge: true, size: bytes.length }
          : { bytes }
    if ('tooLarge' in read) this.skippedLarge.push(path)
    if ('refused' in read) this.notRead.push({ path, reason: read.refused.reason })
    if (!('bytes' in read)) return
    if (kind === 'source') {
      // Sources are read in listing order until the budget: the rest are not read at all.
      if (read.bytes.length > this.sourceBudget) {
        this.hitByteLimit = true
        return
      }
      this.sourceBudget -= read.bytes.length
    }
    if (read.bytes.subarray(0, 8000).includes(0)) return
    if (!mayHoldWhatChecksSeek(kind, path, read.bytes)) {
      if (kind === 'lockfile') this.lockfilesWithoutOpenAI++
      return
    }
    this.files.push({ path, text: read.bytes.toString('utf8') })
  }

  end(complete: boolean): void {
    this.complete = complete
  }

  /** Undefined when the listing was not complete (the checks then read the checkout themselves). */
  sharedFileSet(): RepoFileSet | undefined {
    return this.complete ? this.fileSet('git') : undefined
  }

  fileSet(listedWith: RepoFileSet['listedWith']): RepoFileSet {
    return {
      files: [...this.files].sort((a, b) => compareCodeUnits(a.path, b.path)),
      listedWith,
      skippedLarge: [...this.skippedLarge].sort(compareCodeUnits),
      notRead: [...this.notRead].sort((a, b) => compareCodeUnits(a.path, b.path)),
      hitFileLimit: this.hitFileLimit || !this.complete,
      hitByteLimit: this.hitByteLimit,
      lockfilesWithoutOpenAI: this.lockfilesWithoutOpenAI
    }
  }
}

async function listWithGit(root: string): Promise<string[] | undefined> {
  try {
    const { stdout } = await runGit(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      maxStdoutBytes: 256 * 1024 * 1024
    })
    return [...new Set(stdout.split('\0').filter(path => path !== ''))]
  } catch {
    return undefined
  }
}

async function listWithWalk(
  root: string,
  maxEntries: number
): Promise<{ paths: string[]; truncated: boolean }> {
  const paths: string[] = []
  const pending = ['']
  let seen = 0
  while (pending.length > 0) {
    const directory = pending.shift() as string
    let entries
    try {
      entries = await readdir(join(root, directory), { withFileTypes: true })
    } catch {
      continue
    }
    for (const entry of entries) {
      if (++seen > maxEntries) return { paths, truncated: true }
      const path = directory === '' ? entry.name : `${directory}/${entry.name}`
      // Links, FIFOs and devices too: the reader refuses them, and the checks say so.
      if (!entry.isDirectory()) paths.push(path)
      else if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push(path)
    }
  }
  return { paths, truncated: false }
}
