import { lstat, readFile, readdir, realpath, stat } from 'node:fs/promises'
import { isAbsolute, join, relative, sep } from 'node:path'
import { runGit } from '../git/git.js'
import { baseName, comparePaths, isDotenvPath, isJsPath, isWorkflowPath, type RepoFile } from './repo-file.js'

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
  /** Source bytes read at most (after workflows, manifests and lockfiles): the texts are held in memory. */
  maxSourceBytes: 32 * 1024 * 1024,
  maxFileBytes: 1024 * 1024,
  /** Lockfiles of real projects often pass 1 MiB, and they are where the installed version is. */
  maxLockfileBytes: 16 * 1024 * 1024,
  /** Directory entries the fallback walk looks at before giving up on the rest. */
  maxWalkEntries: 100_000
}

export interface RepoFileSet {
  files: RepoFile[]
  listedWith: 'git' | 'walk'
  /** Candidate files not read because they were larger than the limit. */
  skippedLarge: string[]
  /** True when there were more source files than `maxSourceFiles`, or the walk hit `maxWalkEntries`. */
  hitFileLimit: boolean
  /** True when the source files to read held more than `maxSourceBytes`: the rest were not read. */
  hitByteLimit: boolean
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
  if (path.split('/').some(part => SKIPPED_DIRECTORIES.has(part))) return undefined
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
 * Reads the files the repo checks need from `workspace`: workflows, manifests, lockfiles, .env files and
 * source code. Lists with `git ls-files` (tracked and untracked-but-not-ignored), else a bounded walk.
 * Never follows a symlink out of the workspace; skips binary and oversized files. Source files are read in
 * listing order until `maxSourceBytes` would be passed.
 */
export async function readRepoFilesForChecks(
  workspace: string,
  limits: RepoReadLimits = REPO_READ_LIMITS
): Promise<RepoFileSet> {
  const root = await realpath(workspace)
  const gitList = await listWithGit(root)
  const listing = gitList
    ? { paths: gitList, truncated: false }
    : await listWithWalk(root, limits.maxWalkEntries)
  const candidates = listing.paths.flatMap(path => {
    const kind = candidateKind(path)
    return kind ? [{ path, kind }] : []
  })
  const sources = candidates.filter(candidate => candidate.kind === 'source')
  const skippedLarge: string[] = []
  const files: RepoFile[] = []
  const read = async ({ path, kind }: { path: string; kind: Kind }): Promise<void> => {
    const limit = kind === 'lockfile' ? limits.maxLockfileBytes : limits.maxFileBytes
    const result = await readCandidate(root, path, limit)
    if (result === 'too-large') skippedLarge.push(path)
    else if (result !== undefined) files.push({ path, text: result })
  }
  await forEachLimited(
    candidates.filter(candidate => candidate.kind !== 'source'),
    16,
    read
  )
  // Sizes first, so the sources read are the same listing-order prefix however the reads interleave.
  const listedSources = sources.slice(0, limits.maxSourceFiles)
  const sizes = new Array<number | undefined>(listedSources.length)
  await forEachLimited([...listedSources.keys()], 16, async index => {
    sizes[index] = await sizeOf(root, listedSources[index].path)
  })
  let budget = limits.maxSourceBytes
  let withinBudget = 0
  for (; withinBudget < listedSources.length; withinBudget++) {
    const size = sizes[withinBudget] ?? 0
    if (size > limits.maxFileBytes) continue
    if (size > budget) break
    budget -= size
  }
  await forEachLimited(listedSources.slice(0, withinBudget), 16, read)
  files.sort((a, b) => comparePaths(a.path, b.path))
  return {
    files,
    listedWith: gitList ? 'git' : 'walk',
    skippedLarge: skippedLarge.sort(comparePaths),
    hitFileLimit: listing.truncated || sources.length > limits.maxSourceFiles,
    hitByteLimit: withinBudget < listedSources.length
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
      if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) pending.push(path)
      else if (entry.isFile() || entry.isSymbolicLink()) paths.push(path)
    }
  }
  return { paths, truncated: false }
}

/** The regular file `path` names inside the workspace (through a link that stays inside), and its size. */
async function locate(root: string, path: string): Promise<{ absolute: string; size: number } | undefined> {
  let absolute = join(root, ...path.split('/'))
  if ((await lstat(absolute)).isSymbolicLink()) {
    absolute = await realpath(absolute)
    const inside = relative(root, absolute)
    if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside))
      return undefined
  }
  const info = await stat(absolute)
  return info.isFile() ? { absolute, size: info.size } : undefined
}

async function sizeOf(root: string, path: string): Promise<number | undefined> {
  try {
    return (await locate(root, path))?.size
  } catch {
    return undefined
  }
}

/** The file's text; undefined for missing, binary, non-regular files and symlinks leaving the workspace. */
async function readCandidate(
  root: string,
  path: string,
  limit: number
): Promise<string | 'too-large' | undefined> {
  try {
    const located = await locate(root, path)
    if (!located) return undefined
    const { absolute } = located
    if (located.size > limit) return 'too-large'
    const content = await readFile(absolute)
    if (content.subarray(0, 8000).includes(0)) return undefined
    return content.toString('utf8')
  } catch {
    return undefined
  }
}

async function forEachLimited<T>(
  items: T[],
  concurrency: number,
  work: (item: T) => Promise<void>
): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
}
