/**
 * `scan: history` / CLI `--history [ref]`: the lines added by every commit reachable from HEAD (or a ref), each
 * with the commit that added it; a key no longer in its file at HEAD is marked `removed`.
 *
 * The fast path, for histories of many thousand commits:
 * - one `git rev-list` lists the commits; git then writes the patches of every other commit of the list in its
 *   own `git log --no-walk=unsorted --stdin` (two processes on two cores), while the scanner matches in Node;
 * - the patches are parsed synchronously per chunk on byte offsets (PatchParser), and only added lines that the
 *   scanner's byte prefilter cannot rule out become text;
 * - no `--topo-order --reverse` (git would have to walk everything before writing anything): findings are put in
 *   commit order afterwards;
 * - memory stays bounded: patches are streamed, never held, and a stream is paused while the scanner lags behind.
 *
 * From a shallow clone (actions/checkout's default) the missing history is fetched first when fetching is
 * allowed; what could not be fetched is reported as not scanned.
 */
import { availableParallelism } from 'node:os'
import type { BytePrefilter, CoverageRecorder, LineSource } from '../scan/coverage.js'
import { isSha, shortSha, type Sha } from '../scan/revisions.js'
import type { AddedLine, Finding } from '../scan/types.js'
import { formatBytes, formatCount, plural, secondsSince } from '../report/format.js'
import { groupBy } from '../core/group.js'
import { decodeText } from '../scan/decode.js'
import { DEFAULT_GIT_TIMEOUT_MS, GitError, runGit, streamGit } from './git.js'
import { ensureHistory, historyOptionsOf } from './history.js'
import { parsePatchStreams, type Rename } from './patch-lanes.js'
import { diffOptions, headPathsToRead, readHeadFiles, type GitTool } from './collect.js'
import { COMMIT_MARKER_FORMAT } from './patch-chunks.js'

const DEFAULT_FETCH_TIMEOUT_MS = 10 * 60_000
const DEFAULT_LOG_TIMEOUT_MS = 60 * 60_000
const DEFAULT_PROGRESS_MS = 10_000
/** Below this many commits a second git process costs more than it saves. */
const MIN_COMMITS_PER_PROCESS = 64
/**
 * git's memory while it writes a long history: packs mapped in small windows (the mapped pages of a large pack
 * count as resident) and a smaller cache of delta bases, so each git process stays far below the scan's memory
 * target whatever the history's size (measured: 270 MB without, under 90 MB with, on 20,000 commits).
 */
const BOUNDED_GIT_MEMORY = {
  'core.packedGitWindowSize': '4m',
  'core.packedGitLimit': '32m',
  'core.deltaBaseCacheLimit': '32m'
}

export interface HistoryScanOptions {
  cwd: string
  /** A revision whose history to scan (checked before use); default HEAD. */
  ref?: string
  /** May fetch the missing history from `origin` (the action: yes; the CLI: no). */
  fetch: boolean
  token?: string
  serverUrl?: string
  maxLineBytes: number
  timeoutMs?: number
  fetchTimeoutMs?: number
  logTimeoutMs?: number
  /** git processes writing patches; default 2 on a machine with two cores or more. */
  processes?: number
  /** How often progress is logged while the history is read (default 10 s). */
  progressIntervalMs?: number
  log?: (message: string) => void
  tool?: GitTool
}

export class HistoryRefError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'HistoryRefError'
  }
}

/** Every commit reachable from the ref, as a source: lines, the prefiltered fast path, and settling findings. */
export function collectHistoryLines(options: HistoryScanOptions, coverage: CoverageRecorder): LineSource {
  const state: HistoryState = { order: new Map(), renames: [] }
  return {
    lines: historyLines(options, coverage, state),
    candidateLines: prefilter => historyLines(options, coverage, state, prefilter),
    settle: findings => settleFindings(findings, state, options),
    coverage: () => coverage.snapshot()
  }
}

interface HistoryState {
  head?: Sha
  /** Commit -> position, oldest first, for ordering findings. */
  order: Map<string, number>
  /** The files later commits renamed: a key in one is still at the head under its new name. */
  renames: Rename[]
}

async function* historyLines(
  options: HistoryScanOptions,
  coverage: CoverageRecorder,
  state: HistoryState,
  prefilter?: BytePrefilter
): AsyncGenerator<AddedLine> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS
  const git = (args: string[], extra: { okExitCodes?: number[]; input?: string } = {}) =>
    runGit(args, { cwd: options.cwd, timeoutMs, ...extra })
  let commits: Sha[]
  try {
    const resolved = await resolveRef(options.ref ?? 'HEAD', git).catch((error: unknown) => {
      // A repository without a commit yet has no history: nothing to scan, which is no usage error.
      if (options.ref === undefined && error instanceof HistoryRefError) return undefined
      throw error
    })
    if (resolved === undefined) {
      coverage.range = 'HEAD'
      coverage.skip({ what: 'history', reason: 'the repository has no commit yet' })
      return
    }
    const head = resolved.sha
    state.head = head
    coverage.range = `${options.ref ?? 'HEAD'} (${shortSha(head)})`
    if (resolved.shallow) await completeHistory(head, options, coverage, git)
    const { stdout } = await git(['rev-list', '--end-of-options', head, '--'], {
      okExitCodes: [0]
    })
    commits = stdout.split('\n').filter(isSha).reverse()
  } catch (error) {
    if (error instanceof HistoryRefError) throw error
    if (!(error instanceof GitError)) throw error
    coverage.skip(
      { what: coverage.range ?? 'history', reason: error.message, fix: gitFix(options.tool) },
      true
    )
    return
  }
  commits.forEach((sha, index) => state.order.set(sha, index))
  yield* streamPatches(commits, options, coverage, prefilter, state.renames)
}

/**
 * A revision the user named, resolved to a commit before any other git command sees it, and whether the clone
 * is shallow (one git call).
 */
async function resolveRef(
  ref: string,
  git: (args: string[], extra?: { okExitCodes?: number[] }) => Promise<{ stdout: string }>
): Promise<{ sha: Sha; shallow: boolean }> {
  if (!/^[^\s\x00-\x1f\x7f]{1,255}$/.test(ref) || ref.startsWith('-')) {
    throw new HistoryRefError(`not a usable revision: ${JSON.stringify(ref)}`)
  }
  const { stdout } = await git(
    ['rev-parse', '--is-shallow-repository', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`],
    { okExitCodes: [0, 1] }
  )
  const [shallow, sha = ''] = stdout.trim().split('\n')
  if (!isSha(sha)) throw new HistoryRefError(`unknown revision ${JSON.stringify(ref)}`)
  return { sha, shallow: shallow === 'true' }
}

/**
 * A shallow clone holds only the last commits: fetch the rest when allowed (saying what and how long), else
 * record the gap. The commits on the shallow boundary are still scanned: git shows their whole tree as added.
 */
async function completeHistory(
  head: Sha,
  options: HistoryScanOptions,
  coverage: CoverageRecorder,
  git: (args: string[]) => Promise<{ stdout: string }>
): Promise<void> {
  const history = historyOptionsOf(options, DEFAULT_FETCH_TIMEOUT_MS)
  const { log } = history
  const before = await countCommits(head, git)
  const started = Date.now()
  // git says nothing while it fetches: a line at the progress pace shows a long fetch is still going.
  const stopProgress = logEvery(
    options,
    () => `History: still fetching from origin (${secondsSince(started, 0)} s)`
  )
  const outcome = await ensureHistory({ include: [head], exclude: [] }, history).finally(stopProgress)
  if (outcome.ok) {
    const after = await countCommits(head, git)
    const seconds = secondsSince(started, 1)
    // One count of fetched commits, the same in the log and in the summary's source.
    const fetched = `fetched ${plural(after - before, 'commit')} of history in ${seconds} s`
    log(`History: ${fetched}`)
    coverage.source = `git (${fetched})`
    return
  }
  coverage.source = 'git (shallow clone)'
  coverage.skip(
    {
      what: `history before the shallow boundary of ${shortSha(head)}`,
      reason: `the clone is shallow and ${outcome.reason}; commits on the boundary are scanned whole (their entire tree as added)`,
      fix:
        options.tool === 'cli'
          ? 'run `git fetch --unshallow`, then scan again'
          : options.fetch
            ? 'add `fetch-depth: 0` to actions/checkout, or keep `persist-credentials` so the action can fetch'
            : 'use `scan: history` (it fetches the history itself), or add `fetch-depth: 0` to actions/checkout'
    },
    true
  )
}

async function countCommits(head: Sha, git: (args: string[]) => Promise<{ stdout: string }>) {
  const { stdout } = await git(['rev-list', '--count', '--end-of-options', head, '--'])
  return Number(stdout.trim()) || 0
}

/**
 * The patches of `commits`, written by one or two `git log --no-walk=unsorted --stdin` processes (each over
 * every other commit of the list) and parsed in this process as they arrive.
 */
async function* streamPatches(
  commits: Sha[],
  options: HistoryScanOptions,
  coverage: CoverageRecorder,
  prefilter: BytePrefilter | undefined,
  renames: Rename[]
): AsyncGenerator<AddedLine> {
  const log = options.log ?? (() => undefined)
  const started = Date.now()
  const processes = Math.max(
    1,
    Math.min(
      options.processes ?? Math.min(2, availableParallelism()),
      Math.floor(commits.length / MIN_COMMITS_PER_PROCESS)
    )
  )
  const args = [
    ...diffOptions('log'),
    '--root',
    '--diff-merges=dense-combined',
    '--no-notes',
    `--format=${COMMIT_MARKER_FORMAT}`,
    '--no-walk=unsorted',
    '--stdin',
    '--'
  ]
  const streams = dealOut(commits, processes).map(part =>
    streamGit(args, {
      cwd: options.cwd,
      timeoutMs: options.logTimeoutMs ?? DEFAULT_LOG_TIMEOUT_MS,
      config: BOUNDED_GIT_MEMORY,
      input: part.map(sha => `${sha}\n`).join('')
    })
  )
  const stopProgress = logEvery(
    options,
    () =>
      `History: ${formatCount(coverage.commits)} of ${plural(commits.length, 'commit')}, ` +
      `${formatBytes(coverage.bytes)} of added lines (${secondsSince(started, 0)} s)`
  )
  try {
    yield* parsePatchStreams(
      streams.map(stream => stream.stdout),
      coverage,
      { maxLineBytes: options.maxLineBytes, prefilter, renames }
    )
    await Promise.all(streams.map(stream => stream.finished))
  } catch (error) {
    if (!(error instanceof GitError)) throw error
    coverage.skip(
      { what: coverage.range ?? 'history', reason: error.message, fix: gitFix(options.tool) },
      true
    )
  } finally {
    stopProgress()
    for (const stream of streams) stream.kill()
  }
  log(
    `History: scanned ${plural(coverage.commits, 'commit')}, ${formatBytes(coverage.bytes)} of added lines in ` +
      `${secondsSince(started, 1)} s`
  )
}

/** Logs `message()` at the progress pace until the returned function is called. */
function logEvery(options: HistoryScanOptions, message: () => string): () => void {
  const log = options.log
  if (!log) return () => undefined
  const timer = setInterval(() => log(message()), options.progressIntervalMs ?? DEFAULT_PROGRESS_MS)
  timer.unref()
  return () => clearInterval(timer)
}

/**
 * Commits dealt out in turn, so that each git process gets its share of the big commits (a vendored package,
 * a generated file) wherever in the history they are; findings are put back in commit order afterwards.
 */
function dealOut<T>(items: T[], parts: number): T[][] {
  const dealt: T[][] = Array.from({ length: parts }, () => [])
  items.forEach((item, index) => dealt[index % parts].push(item))
  return dealt.filter(part => part.length > 0)
}

/**
 * Findings in commit order (oldest first, then by place); a key no longer in its file at the scanned head (under
 * the name later commits renamed the file to) is marked `removed` (the commit that removed it is not looked for).
 * Only the files that hold findings are read at the head (one `git cat-file --batch`, keys never on a command
 * line), decoded as the scan decodes them.
 */
async function settleFindings(
  findings: Finding[],
  state: HistoryState,
  options: HistoryScanOptions
): Promise<void> {
  const position = (finding: Finding) => state.order.get(finding.commit ?? '') ?? -1
  findings.sort(
    (a, b) =>
      position(a) - position(b) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      a.line - b.line ||
      a.startColumn - b.startColumn
  )
  if (findings.length === 0 || state.head === undefined) return
  const nameAtHead = laterNames(state)
  const renamedTo = new Map(findings.map(finding => [finding, nameAtHead(finding.path, position(finding))]))
  // Paths that cannot be asked for (a line break in the name, past the read's limits) stay unjudged.
  const asked = new Set(headPathsToRead([...findings.map(finding => finding.path), ...renamedTo.values()]))
  const contents = await readHeadFiles(state.head, [...asked], {
    cwd: options.cwd,
    logTimeoutMs: options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS
  })
  // git either reads every file asked for or fails and reads none: nothing read may be a failure, or files all gone.
  if (contents.size === 0 && !(await headReadable(state.head, options))) return
  const texts = new Map<string, string | undefined>()
  const textAt = (path: string) => {
    if (!texts.has(path)) {
      const content = contents.get(path)
      texts.set(path, content === undefined ? undefined : decodeText(content))
    }
    return texts.get(path)
  }
  for (const finding of findings) {
    if (!asked.has(finding.path)) continue
    const renamed = renamedTo.get(finding) ?? finding.path
    // Not in the file (or no file of that name) at the head any more: reports show the file and the commit
    // that added it, no line.
    const atHead = finding.inFileName
      ? contents.has(finding.path)
      : [finding.path, renamed].some(path => asked.has(path) && textAt(path)?.includes(finding.secret))
    if (!atHead) finding.removed = {}
  }
}

/**
 * The name a file has at the head: `nameAtHead(path, position)` follows the renames of the commits after
 * `position`, in commit order (a file renamed twice takes both names in turn).
 */
function laterNames(state: HistoryState): (path: string, position: number) => string {
  const inCommitOrder = state.renames
    .map(({ from, to, commit }) => ({ from, to, position: state.order.get(commit) ?? -1 }))
    .sort((a, b) => a.position - b.position)
  const renamesOf = groupBy(inCommitOrder, rename => rename.from)
  return (path, position) => {
    let name = path
    for (let at = position; ;) {
      const next = renamesOf.get(name)?.find(rename => rename.position > at)
      if (next === undefined) return name
      name = next.to
      at = next.position
    }
  }
}

/** Whether git can read the head at all (a file missing from what it read is then really not there). */
async function headReadable(head: Sha, options: HistoryScanOptions): Promise<boolean> {
  try {
    await runGit(['cat-file', '-e', `${head}^{tree}`], {
      cwd: options.cwd,
      timeoutMs: options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS
    })
    return true
  } catch (error) {
    if (error instanceof GitError) return false
    throw error
  }
}

function gitFix(tool: GitTool = 'action'): string {
  return tool === 'cli'
    ? 'run it inside a git checkout of your project; for a shallow clone, run `git fetch --unshallow` first'
    : 'run actions/checkout before this action; add `fetch-depth: 0` when the action cannot fetch'
}
