/**
 * Lines added by a range of commits or by the staged changes, read with git. Each streams added lines and
 * records what was covered; a range git could not get ends as a gap (reason and fix) that the caller either
 * reads another way (the REST API, src/scan/sources/changed.ts) or reports as `incomplete`, never as clean.
 *
 * Decisions (see also patch-chunks.ts):
 * - Added lines only, commit by commit (`git log -p -U0`), so a key added and removed later is still reported
 *   with the commit that added it; deleted lines are never reported.
 * - Renames are detected (`-M`), bounded (`-l`, RENAME_LIMIT): a renamed file reports only the lines the rename
 *   changed; in a commit with more added and deleted files than that, only exact renames are found, and the
 *   other moved files are read as deleted and added (more lines scanned, never fewer), so a flood of renames
 *   cannot make rename detection exhaust the time budget.
 * - The range's net change (`git diff base head`, renames bounded the same way) is read after its commits, with lines
 *   numbered as in the head: whatever the head holds that the base does not is scanned whatever the merge
 *   topology (a merge of an old commit re-adding a removed key adds no line to any commit of the range), and
 *   findings are located in the head (src/engine/locate-in-head.ts). Removed lines are read too, to name the
 *   commit that removed a key the range added.
 * - Merge commits are read as dense combined diffs (`--cc`): only lines that are new against every parent
 *   (conflict resolutions, "evil merges") are reported; what the merged branch brought is reported with the
 *   branch's own commits.
 * - Every file is diffed as text whatever its attributes or size (the wrapper in git.ts adds `--text`): the
 *   lines of a file marked `-diff`, of a binary and of a large file are scanned, long ones in windows.
 */
import type { CoverageRecorder, HeadFiles } from '../scan/coverage.js'
import { isSha, shortSha, type Sha } from '../scan/revisions.js'
import type { CommitRangePlan, RangePlan } from '../scan/sources/event-range.js'
import type { AddedLine } from '../scan/types.js'
import { DEFAULT_GIT_TIMEOUT_MS, GitError, runGit, runGitBytes, streamGit } from './git.js'
import {
  ensureHistory,
  historyOptionsOf,
  remoteBranchTip,
  type HistoryNeed,
  type HistoryOptions,
  type HistoryOutcome
} from './history.js'
import { COMMIT_MARKER_FORMAT } from './patch-chunks.js'
import { parsePatchStreams, type PatchReading } from './patch-lanes.js'

const DEFAULT_FETCH_TIMEOUT_MS = 5 * 60_000
const DEFAULT_LOG_TIMEOUT_MS = 15 * 60_000
/** Added and deleted files per commit past which only exact renames are detected (git's `-l`). */
export const RENAME_LIMIT = 100
/** Findings are located in at most this many head files, read in one `cat-file` of at most HEAD_READ_BYTES. */
const MAX_HEAD_FILES = 2_000
const HEAD_READ_BYTES = 256 * 1024 * 1024

export interface CollectOptions {
  /** The repository (GITHUB_WORKSPACE for the action). */
  cwd: string
  /** May fetch missing commits from `origin` (the action: yes; the CLI: no). */
  fetch: boolean
  /** GitHub token, for `git fetch` when checkout kept no credentials. */
  token?: string
  /** GITHUB_SERVER_URL: the only server `git fetch` sends the token to. */
  serverUrl?: string
  /** Longer lines are scanned in overlapping windows (AddedLine.columnOffset). */
  maxLineBytes: number
  /** Per git call (default 60 s); fetches get `fetchTimeoutMs` (5 min), the history walk `logTimeoutMs` (15 min). */
  timeoutMs?: number
  fetchTimeoutMs?: number
  logTimeoutMs?: number
  log?: (message: string) => void
  /** Who reads the fixes for git failures: the action (a workflow to edit) or the CLI (a shell); default `action`. */
  tool?: GitTool
}

export type GitTool = 'action' | 'cli'

/** The files of a range read with git, once its lines have been fully iterated (see LineSource.head/base). */
export interface RangeFiles {
  head?: HeadFiles
  base?: HeadFiles
}

/** What git could not get of a range, for a caller that may read it another way. */
export interface GitRangeGap {
  reason: string
  fix: string
  /** The head git resolved (HEAD, for a plan without one), when it got that far. */
  head?: Sha
  /** Compared against instead of the plan's base (force-pushed away): the default branch's tip. */
  comparedWith?: Sha
}

/** `git diff --cached`: what the next commit would add (CLI `--staged`, pre-commit hooks). */
export async function* stagedLines(
  options: Pick<CollectOptions, 'cwd' | 'maxLineBytes' | 'timeoutMs' | 'tool'>,
  coverage: CoverageRecorder
): AsyncGenerator<AddedLine> {
  const args = [...diffOptions('diff'), '--cached', '--']
  const timeoutMs = options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS
  // The index has no history: its removed lines name no commit that removed a key.
  yield* patchLines(args, options.cwd, timeoutMs, options, coverage, { maxLineBytes: options.maxLineBytes })
}

export class RevisionRangeError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RevisionRangeError'
  }
}

/**
 * CLI `--range`: `A..B` (commits of B not in A), `A...B` (commits of B since its merge base with A), `A..`
 * (up to HEAD). Revisions are resolved to SHAs before any other git command sees them.
 */
export async function planRevisionRange(
  cwd: string,
  spec: string,
  timeoutMs?: number
): Promise<CommitRangePlan> {
  const match = /^(.*?)(\.\.\.?)(.*)$/.exec(spec)
  if (!match) throw new RevisionRangeError(`--range expects A..B, got "${spec}"`)
  const [, left, dots, right] = match
  const resolve = async (revision: string) => {
    if (!/^[^\s\x00-\x1f\x7f]{1,255}$/.test(revision) || revision.startsWith('-')) {
      throw new RevisionRangeError(`not a usable revision: "${revision}"`)
    }
    const { stdout } = await runGit(
      ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`],
      { cwd, timeoutMs: timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS, okExitCodes: [0, 1] }
    )
    const sha = stdout.trim()
    if (!isSha(sha)) throw new RevisionRangeError(`unknown revision "${revision}"`)
    return sha
  }
  const head = await resolve(right || 'HEAD')
  let base = await resolve(left || 'HEAD')
  if (dots === '...') {
    const { stdout } = await runGit(['merge-base', '--end-of-options', base, head], {
      cwd,
      timeoutMs: timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS,
      okExitCodes: [0, 1]
    })
    if (!isSha(stdout.trim()))
      throw new RevisionRangeError(`"${left}" and "${right}" have no common ancestor`)
    base = stdout.trim()
  }
  return {
    kind: 'range',
    trigger: 'cli',
    label: `${spec} (${shortSha(base)}..${shortSha(head)})`,
    base,
    head,
    forced: false
  }
}

/**
 * Lines added by the plan's commits, read with git into `coverage` (and `read`, the range's files). Returns the
 * gap when git could not get the range, leaving it to the caller to read it another way or mark it skipped.
 */
export async function* rangeLines(
  plan: RangePlan,
  options: CollectOptions,
  coverage: CoverageRecorder,
  read: RangeFiles
): AsyncGenerator<AddedLine, GitRangeGap | undefined> {
  if (plan.kind === 'nothing') {
    coverage.source = 'event payload'
    coverage.range = `${plan.label}: ${plan.reason}`
    return
  }
  if (plan.kind === 'unplannable') {
    coverage.skip({ what: plan.label, reason: plan.reason, fix: plan.fix }, true)
    return
  }
  const history = historyOptionsOf(options, DEFAULT_FETCH_TIMEOUT_MS)
  const { log } = history
  let need: HistoryNeed | undefined
  let comparedWith: Sha | undefined
  let outcome: HistoryOutcome
  try {
    need = await needOf(plan, history)
    outcome = await ensureHistory(need, history)
    if (!outcome.ok && outcome.missingBase && plan.kind === 'range' && plan.fallbackBranch) {
      const tip = await remoteBranchTip(plan.fallbackBranch, history)
      if (tip === plan.head) {
        outcome = {
          ...outcome,
          reason: `the push's base ${shortSha(plan.base)} no longer exists (force-push) and the pushed branch is the default branch, so the new commits cannot be told from the old ones`,
          fix: 'run a one-off scan with `scan: all`'
        }
      } else if (isSha(tip)) {
        log(
          `The push's base ${shortSha(plan.base)} is gone (force-push); comparing with ${plan.fallbackBranch}`
        )
        coverage.range = `${plan.label} (base ${shortSha(plan.base)} no longer exists: commits not on ${plan.fallbackBranch})`
        need = { ...need, exclude: [tip] }
        comparedWith = tip
        outcome = await ensureHistory(need, history)
      }
    }
    // History's fixes name actions/checkout; the CLI never fetches, so the user fetches.
    if (!outcome.ok && options.tool === 'cli') outcome = { ...outcome, fix: CLI_HISTORY_FIX }
  } catch (error) {
    if (!(error instanceof GitError)) throw error
    outcome = { ok: false, missingBase: false, reason: error.message, fix: fixFor(error, options.tool) }
  }
  if (outcome.ok && need) {
    const source = yield* logLines(need, options, coverage)
    if (plan.kind === 'range' && plan.pullNumber !== undefined) read.base = headFiles(plan.base, options)
    const [head] = need.include
    if (!need.single && !coverage.incomplete) {
      const [base] = need.exclude
      if (base !== undefined) yield* netChangeLines(base, head, options, coverage)
      if (!coverage.incomplete) read.head = headFiles(head, options)
    }
    if (outcome.fetched) {
      const fetched = outcome.knownBefore
        ? source.commits.filter(sha => !outcome.knownBefore?.has(sha)).length
        : 0
      // Fetches that only brought parents or the base (nothing scanned was missing) still fetched history.
      coverage.source =
        fetched > 0
          ? `git (fetched ${fetched} missing commit${fetched === 1 ? '' : 's'})`
          : 'git (fetched missing history)'
    }
    return undefined
  }
  if (outcome.ok) return undefined
  return { reason: outcome.reason, fix: outcome.fix, head: need?.include[0], comparedWith }
}

async function needOf(
  plan: Exclude<RangePlan, { kind: 'nothing' | 'unplannable' }>,
  history: HistoryOptions
): Promise<HistoryNeed> {
  switch (plan.kind) {
    case 'last-commit':
      return { include: [plan.head ?? (await currentHead(history))], exclude: [], single: true }
    case 'range':
      return {
        include: [plan.head],
        exclude: [plan.base],
        pullNumber: plan.pullNumber,
        depthHint: plan.expectedCommits
      }
    case 'new-branch': {
      if (plan.defaultBranch === undefined) {
        return { include: [plan.head], exclude: [], depthHint: plan.expectedCommits }
      }
      const tip = await remoteBranchTip(plan.defaultBranch, history)
      if (tip === undefined) {
        throw new GitError(
          'failed',
          `could not find the tip of the default branch ${plan.defaultBranch}`,
          null,
          ''
        )
      }
      const exclude = tip === 'absent' ? [] : [tip]
      return { include: [plan.head], exclude, depthHint: plan.expectedCommits }
    }
  }
}

async function currentHead(history: HistoryOptions): Promise<Sha> {
  const { stdout } = await runGit(['rev-parse', '--verify', 'HEAD^{commit}'], {
    cwd: history.cwd,
    timeoutMs: history.timeoutMs
  })
  const sha = stdout.trim()
  if (!isSha(sha)) throw new GitError('failed', 'the repository has no commit at HEAD', null, '')
  return sha
}

/** `git log -p` of the range, streamed; returns the scanned commits. */
async function* logLines(
  need: HistoryNeed,
  options: CollectOptions,
  coverage: CoverageRecorder
): AsyncGenerator<AddedLine, { commits: string[] }> {
  const args = [
    ...diffOptions('log'),
    '--root',
    '--diff-merges=dense-combined',
    '--topo-order',
    '--reverse',
    '--no-notes',
    `--format=${COMMIT_MARKER_FORMAT}`,
    ...(need.single ? ['--max-count=1'] : []),
    '--end-of-options',
    ...need.include,
    ...need.exclude.map(sha => `^${sha}`),
    '--'
  ]
  const commits: string[] = []
  yield* patchLines(args, options.cwd, options.logTimeoutMs ?? DEFAULT_LOG_TIMEOUT_MS, options, coverage, {
    maxLineBytes: options.maxLineBytes,
    removedLines: true,
    commits
  })
  return { commits }
}

/** Options shared by `git log -p` and `git diff`: only changed lines, raw paths (the wrapper adds `--text`). */
export function diffOptions(command: 'log' | 'diff'): string[] {
  return [
    command,
    '-p',
    '-U0',
    '-M',
    `-l${RENAME_LIMIT}`,
    '--full-index',
    '--no-color',
    '--submodule=short',
    '--no-relative',
    '--src-prefix=a/',
    '--dst-prefix=b/'
  ]
}

/**
 * `git diff base head`: what the head holds that the base does not, numbered as in the head (`role: 'head'`).
 * Not counted again in the coverage: the commits' own diffs covered the same files and bytes.
 */
async function* netChangeLines(
  base: string,
  head: string,
  options: CollectOptions,
  coverage: CoverageRecorder
): AsyncGenerator<AddedLine> {
  const args = [...diffOptions('diff'), '--end-of-options', base, head, '--']
  const timeoutMs = options.logTimeoutMs ?? DEFAULT_LOG_TIMEOUT_MS
  const reading = { maxLineBytes: options.maxLineBytes, counted: false }
  for await (const line of patchLines(args, options.cwd, timeoutMs, options, coverage, reading)) {
    yield { ...line, role: 'head' }
  }
}

/**
 * The paths a head read (`headFiles`, `readHeadFiles`) takes of those asked for: distinct, without a line break
 * (cat-file cannot take one), capped.
 */
export function headPathsToRead(paths: readonly string[]): string[] {
  return [...new Set(paths)].filter(path => !/[\n\r]/.test(path)).slice(0, MAX_HEAD_FILES)
}

/** The head's files, read in one `git cat-file --batch` (names with a line break cannot be asked for). */
export function headFiles(commit: string, options: HeadReadOptions): HeadFiles {
  return { commit, read: paths => readHeadFiles(commit, headPathsToRead(paths), options) }
}

type HeadReadOptions = Pick<CollectOptions, 'cwd' | 'logTimeoutMs'>

/** `wanted` (paths as `headPathsToRead` gives them) at `commit`: the files git read, none when it failed. */
export async function readHeadFiles(
  commit: string,
  wanted: readonly string[],
  options: HeadReadOptions
): Promise<Map<string, Buffer>> {
  const contents = new Map<string, Buffer>()
  if (wanted.length === 0) return contents
  let stdout: Buffer
  try {
    ;({ stdout } = await runGitBytes(['cat-file', '--batch'], {
      cwd: options.cwd,
      timeoutMs: options.logTimeoutMs ?? DEFAULT_LOG_TIMEOUT_MS,
      input: wanted.map(path => `${commit}:${path}\n`).join(''),
      maxStdoutBytes: HEAD_READ_BYTES
    }))
  } catch (error) {
    if (error instanceof GitError) return contents
    throw error
  }
  let at = 0
  for (const path of wanted) {
    const newline = stdout.indexOf(0x0a, at)
    if (newline === -1) break
    const header = stdout.subarray(at, newline).toString('latin1')
    const match = / (blob|tree|commit|tag) (\d+)$/.exec(header)
    if (!match) {
      at = newline + 1
      continue
    }
    const start = newline + 1
    const end = start + Number(match[2])
    if (end > stdout.length) break
    if (match[1] === 'blob') contents.set(path, stdout.subarray(start, end))
    at = end + 1
  }
  return contents
}

async function* patchLines(
  args: string[],
  cwd: string,
  timeoutMs: number,
  options: Pick<CollectOptions, 'tool'>,
  coverage: CoverageRecorder,
  reading: PatchReading
): AsyncGenerator<AddedLine> {
  const stream = streamGit(args, { cwd, timeoutMs })
  try {
    yield* parsePatchStreams([stream.stdout], coverage, reading)
    await stream.finished
  } catch (error) {
    if (!(error instanceof GitError)) throw error
    coverage.skip(
      { what: coverage.range ?? 'changes', reason: error.message, fix: fixFor(error, options.tool) },
      true
    )
  } finally {
    stream.kill()
  }
}

/** On a developer's machine history is never fetched for them, and there is no workflow to edit. */
const CLI_HISTORY_FIX =
  'run `git fetch` (or `git fetch --unshallow` in a shallow clone) and check that both revisions of the range exist'

function fixFor(error: GitError, tool: GitTool = 'action'): string {
  if (tool === 'cli') {
    switch (error.kind) {
      case 'dubious-ownership':
        return 'run `git config --global --add safe.directory <repository path>` if you trust this repository'
      case 'not-a-repository':
        return 'run it inside a git checkout of your project'
      case 'not-installed':
        return 'install git and make sure it is on PATH'
      case 'timeout':
        return 'the repository is too large to read in time; scan a smaller range with `--range`'
      default:
        return 'run it inside a git checkout of your project; for `--range`, run `git fetch` and check that both revisions exist'
    }
  }
  switch (error.kind) {
    case 'dubious-ownership':
      return 'run `git config --global --add safe.directory "$GITHUB_WORKSPACE"` before this step'
    case 'not-a-repository':
      return 'run actions/checkout before this action'
    case 'not-installed':
      return 'install git on the runner'
    case 'timeout':
      return 'the repository is too large to read in time; use `scan: changed` on smaller ranges'
    default:
      return 'add `fetch-depth: 0` to actions/checkout, or grant `contents: read` and `pull-requests: read` for the REST API'
  }
}
