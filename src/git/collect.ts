/**
 * The sources of lines to scan: every commit of a range (git, falling back to the REST API), the staged
 * changes, or the whole tree. Each returns a stream of added lines and what was covered; a range that could not
 * be scanned ends as `incomplete` with a reason and a fix, never as a clean result.
 *
 * Decisions (see also patch-parser.ts):
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
import type { AddedLine } from '../scan/types.js'
import { restAddedLines, type RestRange } from '../github/rest-fallback.js'
import { CoverageRecorder, type HeadFiles, type LineSource } from './coverage.js'
import { DEFAULT_GIT_TIMEOUT_MS, GitError, runGit, runGitBytes, streamGit } from './git.js'
import {
  ensureHistory,
  remoteBranchTip,
  type HistoryNeed,
  type HistoryOptions,
  type HistoryOutcome
} from './history.js'
import { splitLines } from './lines.js'
import { COMMIT_MARKER_FORMAT, parsePatch } from './patch-parser.js'
import {
  isSha,
  shortSha,
  type CommitRangePlan,
  type RangePlan,
  type RepositoryName,
  type Sha
} from './range.js'
import { collectTreeLines } from './tree.js'

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
  /** GitHub token: for the REST fallback, and for `git fetch` when checkout kept no credentials. */
  token?: string
  /** GITHUB_SERVER_URL: the only server `git fetch` sends the token to. */
  serverUrl?: string
  /** The tree scan's limit (range scans read every file, however large, through git's diff). */
  maxFileBytes: number
  /** Longer lines are scanned in overlapping windows (AddedLine.columnOffset). */
  maxLineBytes: number
  /** Per git call (default 60 s); fetches get `fetchTimeoutMs` (5 min), the history walk `logTimeoutMs` (15 min). */
  timeoutMs?: number
  fetchTimeoutMs?: number
  logTimeoutMs?: number
  /** The REST fallback; without it (or without a token) a range git cannot get is reported as not scanned. */
  github?: {
    /** GITHUB_API_URL. */
    apiUrl: string
    /** Defaults to the event payload's repository. */
    repository?: RepositoryName
    requestTimeoutMs?: number
    retries?: number
    retryDelayMs?: number
  }
  log?: (message: string) => void
  /** Who reads the fixes for git failures: the action (a workflow to edit) or the CLI (a shell); default `action`. */
  tool?: GitTool
}

export type GitTool = 'action' | 'cli'

export type { LineSource } from './coverage.js'
export { collectTreeLines, type TreeOptions } from './tree.js'

/** Lines added by the plan's commits (or the tree, for a `tree` plan). CLI plans (`trigger: 'cli'`) report mode `range`. */
export function collectChangedLines(plan: RangePlan, options: CollectOptions): LineSource {
  if (plan.kind === 'tree') return collectTreeLines(options.cwd, options)
  const coverage = new CoverageRecorder(plan.trigger === 'cli' ? 'range' : 'changed', 'git', plan.label)
  const read: { head?: HeadFiles; base?: HeadFiles } = {}
  return {
    lines: changedLines(plan, options, coverage, read),
    coverage: () => coverage.snapshot(),
    head: () => read.head,
    base: () => read.base
  }
}

/** `git diff --cached`: what the next commit would add (CLI `--staged`, pre-commit hooks). */
export function collectStagedLines(
  options: Pick<CollectOptions, 'cwd' | 'maxLineBytes' | 'timeoutMs' | 'tool'>
): LineSource {
  const coverage = new CoverageRecorder('staged', 'staged changes (git index)', 'staged changes')
  const args = [...diffOptions('diff'), '--cached', '--']
  const lines = patchLines(args, options.cwd, options.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS, options, coverage)
  return { lines: addedOnly(lines), coverage: () => coverage.snapshot() }
}

/** The index has no history: its removed lines name no commit that removed a key. */
async function* addedOnly(lines: AsyncIterable<AddedLine>): AsyncGenerator<AddedLine> {
  for await (const line of lines) if (line.role !== 'removed') yield line
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

interface Target {
  need: HistoryNeed
  rest?: RestRange
}

async function* changedLines(
  plan: Exclude<RangePlan, { kind: 'tree' }>,
  options: CollectOptions,
  coverage: CoverageRecorder,
  read: { head?: HeadFiles; base?: HeadFiles }
): AsyncGenerator<AddedLine> {
  if (plan.kind === 'nothing') {
    coverage.source = 'event payload'
    coverage.range = `${plan.label}: ${plan.reason}`
    return
  }
  if (plan.kind === 'unplannable') {
    coverage.skip({ what: plan.label, reason: plan.reason, fix: plan.fix }, true)
    return
  }
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
  let target: Target | undefined
  let outcome: HistoryOutcome
  try {
    target = await targetOf(plan, history)
    outcome = await ensureHistory(target.need, history)
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
        target = {
          need: { ...target.need, exclude: [tip] },
          rest: { kind: 'compare', base: tip, head: plan.head }
        }
        outcome = await ensureHistory(target.need, history)
      }
    }
    // History's fixes name actions/checkout; the CLI never fetches, so the user fetches.
    if (!outcome.ok && options.tool === 'cli') outcome = { ...outcome, fix: CLI_HISTORY_FIX }
  } catch (error) {
    if (!(error instanceof GitError)) throw error
    outcome = { ok: false, missingBase: false, reason: error.message, fix: fixFor(error, options.tool) }
  }
  if (outcome.ok && target) {
    const source = yield* logLines(target.need, options, coverage)
    if (plan.kind === 'range' && plan.pullNumber !== undefined) read.base = headFiles(plan.base, options)
    const [head] = target.need.include
    if (!target.need.single && !coverage.incomplete) {
      const [base] = target.need.exclude
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
    return
  }
  if (outcome.ok) return
  yield* fallback(plan, target?.rest ?? restRangeOf(plan), outcome, options, coverage)
}

async function targetOf(
  plan: Exclude<RangePlan, { kind: 'tree' | 'nothing' | 'unplannable' }>,
  history: HistoryOptions
) {
  switch (plan.kind) {
    case 'last-commit': {
      const head = plan.head ?? (await currentHead(history))
      return {
        need: { include: [head], exclude: [], single: true },
        rest: { kind: 'commit', sha: head }
      } as Target
    }
    case 'range':
      return {
        need: {
          include: [plan.head],
          exclude: [plan.base],
          pullNumber: plan.pullNumber,
          depthHint: plan.expectedCommits
        },
        rest: restRangeOf(plan)
      }
    case 'new-branch': {
      const rest = restRangeOf(plan)
      if (plan.defaultBranch === undefined) {
        return { need: { include: [plan.head], exclude: [], depthHint: plan.expectedCommits }, rest }
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
      return { need: { include: [plan.head], exclude, depthHint: plan.expectedCommits }, rest }
    }
  }
}

function restRangeOf(
  plan: Exclude<RangePlan, { kind: 'tree' | 'nothing' | 'unplannable' }>
): RestRange | undefined {
  switch (plan.kind) {
    case 'last-commit':
      return plan.head ? { kind: 'commit', sha: plan.head } : undefined
    case 'range':
      if (plan.trigger === 'cli') return undefined
      return plan.pullNumber !== undefined
        ? { kind: 'pull', pullNumber: plan.pullNumber, expectedCommits: plan.expectedCommits }
        : { kind: 'compare', base: plan.base, head: plan.head }
    case 'new-branch':
      return plan.defaultBranch ? { kind: 'compare', base: plan.defaultBranch, head: plan.head } : undefined
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

async function* fallback(
  plan: Exclude<RangePlan, { kind: 'tree' | 'nothing' | 'unplannable' }>,
  rest: RestRange | undefined,
  outcome: Extract<HistoryOutcome, { ok: false }>,
  options: CollectOptions,
  coverage: CoverageRecorder
): AsyncGenerator<AddedLine> {
  const repository = options.github?.repository ?? plan.repository
  const gitGap = { what: `${plan.label} (git)`, reason: outcome.reason, fix: outcome.fix }
  if (!rest || !options.github || !options.token || !repository) {
    coverage.skip(gitGap, true)
    return
  }
  options.log?.(`git could not get the range (${outcome.reason}); reading it through the GitHub REST API`)
  const { apiUrl, requestTimeoutMs, retries, retryDelayMs } = options.github
  yield* restAddedLines(
    rest,
    {
      apiUrl,
      token: options.token,
      repository,
      maxLineBytes: options.maxLineBytes,
      requestTimeoutMs,
      retries,
      retryDelayMs,
      log: options.log
    },
    coverage,
    plan.label
  )
  if (coverage.incomplete) coverage.skip(gitGap, true)
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
  yield* patchLines(
    args,
    options.cwd,
    options.logTimeoutMs ?? DEFAULT_LOG_TIMEOUT_MS,
    options,
    coverage,
    commits
  )
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
  for await (const line of patchLines(args, options.cwd, timeoutMs, options, coverage, [], 'head')) {
    if (line.role !== 'removed') yield { ...line, role: 'head' }
  }
}

/** The head's files, read in one `git cat-file --batch` (names with a line break cannot be asked for). */
function headFiles(commit: string, options: CollectOptions): HeadFiles {
  return {
    commit,
    async read(paths) {
      const wanted = [...new Set(paths)].filter(path => !/[\n\r]/.test(path)).slice(0, MAX_HEAD_FILES)
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
  }
}

async function* patchLines(
  args: string[],
  cwd: string,
  timeoutMs: number,
  options: Pick<CollectOptions, 'maxLineBytes' | 'tool'>,
  coverage: CoverageRecorder,
  commits: string[] = [],
  role?: 'head'
): AsyncGenerator<AddedLine> {
  const stream = streamGit(args, { cwd, timeoutMs })
  try {
    for await (const event of parsePatch(splitLines(stream.stdout, options.maxLineBytes))) {
      switch (event.type) {
        case 'commit':
          coverage.commits++
          commits.push(event.sha)
          break
        case 'file':
          if (role === undefined) coverage.addFile(event.path)
          break
        case 'line':
          if (role === undefined && event.line.role === undefined) coverage.bytes += event.bytes
          yield event.line
          break
        case 'submodule':
          coverage.skip({ what: event.path, reason: 'submodule: scan it in its own repository' })
          break
      }
    }
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
