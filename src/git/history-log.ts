/**
 * `scan: history` / CLI `--history [ref]`: the lines added by every commit reachable from HEAD (or a ref), each
 * with the commit that added it; a key no longer in its file at HEAD is marked `removed`.
 *
 * The fast path, for histories of many thousand commits:
 * - one `git rev-list` lists the commits; git then writes the patches of each half of the list in its own
 *   `git log --no-walk=unsorted --stdin` (two processes on two cores), while the scanner matches in Node;
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
import type { Finding } from '../scan/types.js'
import type { AddedLine } from '../scan/types.js'
import { formatBytes, plural } from '../report/format.js'
import { DEFAULT_GIT_TIMEOUT_MS, GitError, runGit, streamGit } from './git.js'
import { ensureHistory, type HistoryOptions } from './history.js'
import { mergePatchStreams } from './patch-lanes.js'
import { diffOptions, headFiles, type GitTool } from './collect.js'
import { PatchParser, type PatchSink } from './patch-chunks.js'
import { COMMIT_MARKER_FORMAT } from './patch-parser.js'

const DEFAULT_FETCH_TIMEOUT_MS = 10 * 60_000
const DEFAULT_LOG_TIMEOUT_MS = 60 * 60_000
const DEFAULT_PROGRESS_MS = 10_000
/** Below this many commits a second git process costs more than it saves. */
const MIN_COMMITS_PER_PROCESS = 64

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
  const state: HistoryState = { order: new Map() }
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
    const head = await resolveRef(options.ref ?? 'HEAD', git).catch((error: unknown) => {
      // A repository without a commit yet has no history: nothing to scan, which is no usage error.
      if (options.ref === undefined && error instanceof HistoryRefError) return undefined
      throw error
    })
    if (head === undefined) {
      coverage.range = 'HEAD'
      coverage.skip({ what: 'history', reason: 'the repository has no commit yet' })
      return
    }
    state.head = head
    coverage.range = `${options.ref ?? 'HEAD'} (${shortSha(head)})`
    await completeHistory(head, options, coverage, git)
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
  yield* streamPatches(commits, options, coverage, prefilter)
}

/** A revision the user named, resolved to a commit before any other git command sees it. */
async function resolveRef(
  ref: string,
  git: (args: string[], extra?: { okExitCodes?: number[] }) => Promise<{ stdout: string }>
): Promise<Sha> {
  if (!/^[^\s\x00-\x1f\x7f]{1,255}$/.test(ref) || ref.startsWith('-')) {
    throw new HistoryRefError(`not a usable revision: ${JSON.stringify(ref)}`)
  }
  const { stdout } = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], {
    okExitCodes: [0, 1]
  })
  const sha = stdout.trim()
  if (!isSha(sha)) throw new HistoryRefError(`unknown revision ${JSON.stringify(ref)}`)
  return sha
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
  const shallow = (await git(['rev-parse', '--is-shallow-repository'])).stdout.trim() === 'true'
  if (!shallow) return
  const log = options.log ?? (() => undefined)
  const history: HistoryOptions = {
    cwd: options.cwd,
    fetch: options.fetch,
    token: options.token,
    serverUrl: options.serverUrl,
    timeoutMs: options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS,
    fetchTimeoutMs: options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS,
    log
  }
  const before = await countCommits(head, git)
  const started = Date.now()
  const outcome = await ensureHistory({ include: [head], exclude: [] }, history)
  if (outcome.ok) {
    const after = await countCommits(head, git)
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
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
          : 'add `fetch-depth: 0` to actions/checkout, or keep `persist-credentials` so the action can fetch'
    },
    true
  )
}

async function countCommits(head: Sha, git: (args: string[]) => Promise<{ stdout: string }>) {
  const { stdout } = await git(['rev-list', '--count', '--end-of-options', head, '--'])
  return Number(stdout.trim()) || 0
}

/**
 * The patches of `commits`, written by one or two `git log --no-walk=unsorted --stdin` processes (each over a
 * contiguous part of the list) and parsed in this process as they arrive.
 */
async function* streamPatches(
  commits: Sha[],
  options: HistoryScanOptions,
  coverage: CoverageRecorder,
  prefilter: BytePrefilter | undefined
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
  const streams = splitEvenly(commits, processes).map(part =>
    streamGit(args, {
      cwd: options.cwd,
      timeoutMs: options.logTimeoutMs ?? DEFAULT_LOG_TIMEOUT_MS,
      input: part.map(sha => `${sha}\n`).join('')
    })
  )
  const progress = setInterval(() => {
    log(
      `History: ${coverage.commits} of ${commits.length} commits, ${formatBytes(coverage.bytes)} of added lines` +
        ` (${((Date.now() - started) / 1000).toFixed(0)} s)`
    )
  }, options.progressIntervalMs ?? DEFAULT_PROGRESS_MS)
  progress.unref()
  try {
    yield* mergePatchStreams(
      streams.map(stream => stream.stdout),
      emit =>
        new PatchParser(coverageSink(coverage, emit), {
          maxLineBytes: options.maxLineBytes,
          prefilter
        })
    )
    await Promise.all(streams.map(stream => stream.finished))
  } catch (error) {
    if (!(error instanceof GitError)) throw error
    coverage.skip(
      { what: coverage.range ?? 'history', reason: error.message, fix: gitFix(options.tool) },
      true
    )
  } finally {
    clearInterval(progress)
    for (const stream of streams) stream.kill()
  }
  log(
    `History: scanned ${coverage.commits} commits, ${formatBytes(coverage.bytes)} of added lines in ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s`
  )
}

/** Records coverage (commits, files, bytes, submodules) while lines go to `onLine`. */
function coverageSink(coverage: CoverageRecorder, onLine: PatchSink['line']): PatchSink {
  return {
    commit: () => coverage.commits++,
    file: path => coverage.addFile(path),
    addedBytes: count => (coverage.bytes += count),
    line: onLine,
    submodule: path => coverage.skip({ what: path, reason: 'submodule: scan it in its own repository' })
  }
}

function splitEvenly<T>(items: T[], parts: number): T[][] {
  const size = Math.ceil(items.length / parts)
  return Array.from({ length: parts }, (_, index) => items.slice(index * size, (index + 1) * size)).filter(
    part => part.length > 0
  )
}

/**
 * Findings in commit order (oldest first, then by place); a key no longer in its file at the scanned head is
 * marked `removed` (the commit that removed it is not looked for). The keys reach git on stdin (`git grep -f -`), never on a command line.
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
  const present = await keysAtHead(
    state.head,
    findings.map(finding => finding.secret),
    options
  )
  if (!present) return
  const names = findings.filter(finding => finding.inFileName).map(finding => finding.path)
  const namedAtHead = names.length > 0 ? await headFiles(state.head, options).read(names) : new Map()
  for (const finding of findings) {
    // Not in the file (or no file of that name) at the head any more: reports show the file and the commit
    // that added it, no line.
    const atHead = finding.inFileName
      ? namedAtHead.has(finding.path)
      : present.get(finding.path)?.has(finding.secret)
    if (!atHead) finding.removed = {}
  }
}

/**
 * path -> the given keys its file at `head` holds; undefined when git could not tell. `head` is a checked SHA
 * (git grep has no `--end-of-options` before git 2.43).
 */
async function keysAtHead(
  head: Sha,
  secrets: string[],
  options: HistoryScanOptions
): Promise<Map<string, Set<string>> | undefined> {
  const patterns = [...new Set(secrets)].filter(secret => !/[\r\n]/.test(secret))
  try {
    const { stdout } = await runGit(
      ['grep', '-F', '-o', '-z', '-I', '--no-color', '--no-textconv', '-f', '-', head, '--'],
      {
        cwd: options.cwd,
        timeoutMs: options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS,
        input: patterns.map(pattern => `${pattern}\n`).join(''),
        okExitCodes: [0, 1]
      }
    )
    return parseGrepMatches(stdout, head)
  } catch (error) {
    if (error instanceof GitError) return undefined
    throw error
  }
}

/** `<head>:<path>\0<match>\n` records; a path may hold a newline, never a NUL. */
export function parseGrepMatches(output: string, head: string): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>()
  const prefix = `${head}:`
  for (let at = 0; at < output.length;) {
    const nul = output.indexOf('\0', at)
    if (nul === -1 || !output.startsWith(prefix, at)) break
    const newline = output.indexOf('\n', nul)
    const end = newline === -1 ? output.length : newline
    const path = output.slice(at + prefix.length, nul)
    const keys = found.get(path) ?? new Set<string>()
    keys.add(output.slice(nul + 1, end))
    found.set(path, keys)
    at = end + 1
  }
  return found
}

function gitFix(tool: GitTool = 'action'): string {
  return tool === 'cli'
    ? 'run it inside a git checkout of your project; for a shallow clone, run `git fetch --unshallow` first'
    : 'run actions/checkout before this action; add `fetch-depth: 0` when the action cannot fetch'
}
