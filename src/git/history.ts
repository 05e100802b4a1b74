/**
 * Makes sure the local repository holds every commit of a range, fetching only what is missing.
 *
 * Works on the default `actions/checkout` (depth 1, credentials persisted): missing tips are fetched by SHA
 * with a depth from the event's commit count, then history is deepened (`--deepen`, doubling) until no commit
 * of the range sits on a shallow boundary, and `--unshallow` is the last resort. A shallow boundary inside the
 * range would make git diff that commit against nothing and report its whole tree as added, so the range is
 * only "complete" when none of its commits is shallow.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { isSha, shortSha, type Sha } from '../scan/revisions.js'
import { DEFAULT_GIT_TIMEOUT_MS, GitError, runGit, streamGit, type GitResult } from './git.js'
import { splitLines } from './lines.js'

const DEEPEN_ROUNDS = 6
const MIN_FIRST_DEPTH = 50
const DEPTH_MARGIN = 10
const KNOWN_COMMITS_CAP = 200_000

export interface HistoryNeed {
  /** Tips whose history is scanned. */
  include: Sha[]
  /** Tips whose history is excluded (already on the base). */
  exclude: Sha[]
  /** Only the tip commit is scanned: its parents must be present, nothing more. */
  single?: boolean
  /** Lets a fork's head be fetched through `refs/pull/N/head`. */
  pullNumber?: number
  /** Commits the event announces: the first fetch depth. */
  depthHint?: number
}

export interface HistoryOptions {
  cwd: string
  fetch: boolean
  token?: string
  /** GITHUB_SERVER_URL: `git` sends the token to this server only, whatever origin points at (default github.com). */
  serverUrl?: string
  timeoutMs: number
  fetchTimeoutMs: number
  log: (message: string) => void
}

export type HistoryOutcome =
  | {
      ok: true
      /** Commits present before any fetch; undefined when nothing was fetched (or too many to list). */
      knownBefore?: ReadonlySet<string>
      fetched: boolean
    }
  | { ok: false; missingBase: boolean; reason: string; fix: string }

/** What a scan's options say about reaching history; timeouts optional, the log too. */
export type HistoryRequest = Pick<HistoryOptions, 'cwd' | 'fetch' | 'token' | 'serverUrl'> &
  Partial<Pick<HistoryOptions, 'timeoutMs' | 'fetchTimeoutMs' | 'log'>>

/** The history options of a scan, with the default timeouts filled in (fetches: `defaultFetchTimeoutMs`). */
export function historyOptionsOf(request: HistoryRequest, defaultFetchTimeoutMs: number): HistoryOptions {
  return {
    cwd: request.cwd,
    fetch: request.fetch,
    token: request.token,
    serverUrl: request.serverUrl,
    timeoutMs: request.timeoutMs ?? DEFAULT_GIT_TIMEOUT_MS,
    fetchTimeoutMs: request.fetchTimeoutMs ?? defaultFetchTimeoutMs,
    log: request.log ?? (() => undefined)
  }
}

const FETCH_FIX =
  'keep `persist-credentials` (the default) on actions/checkout so the action can fetch the missing commits, ' +
  'or add `fetch-depth: 0` to actions/checkout'

export async function ensureHistory(need: HistoryNeed, options: HistoryOptions): Promise<HistoryOutcome> {
  const git = (args: string[], extra: { okExitCodes?: number[]; input?: string } = {}) =>
    runGit(args, { cwd: options.cwd, timeoutMs: options.timeoutMs, ...extra })

  const missing = await missingCommits([...need.include, ...need.exclude], git)
  let shallow = await shallowCommits(options.cwd, git)
  if (missing.size === 0 && !(await incomplete(need, shallow, options))) return { ok: true, fetched: false }

  if (!options.fetch) {
    const what =
      missing.size > 0 ? `commit ${[...missing].map(shortSha).join(', ')} is not` : 'the full history is not'
    return {
      ok: false,
      missingBase: need.exclude.some(sha => missing.has(sha)) && need.include.every(sha => !missing.has(sha)),
      reason: `${what} in the local clone and fetching is disabled`,
      fix: 'fetch the history first (e.g. `git fetch --unshallow`), or add `fetch-depth: 0` to actions/checkout'
    }
  }

  const knownBefore = await knownCommits(git)
  const depth = need.single ? 2 : Math.max(MIN_FIRST_DEPTH, (need.depthHint ?? 0) + DEPTH_MARGIN)
  const depthArgs = shallow.size > 0 ? [`--depth=${depth}`] : []
  const fetchTips = async (tips: string[], flags: string[]) =>
    tips.length === 0 ? undefined : fetchFromOrigin(flags, tips, options)

  // A tip that is itself a shallow boundary (depth 1) can only get deeper from `--depth`; deeper tips are left
  // alone, since `--depth` could also shorten history another step relies on.
  const wanted = (tips: string[]) => tips.filter(sha => missing.has(sha) || shallow.has(sha))
  const [wantedInclude, wantedExclude] = [wanted(need.include), wanted(need.exclude)]
  if (wantedInclude.length + wantedExclude.length > 0) {
    // The tips asked for, not the commits that come with them: the summary counts those once fetched.
    const tips = wantedInclude.length + wantedExclude.length
    options.log(`Fetching the history behind ${tips === 1 ? '1 tip' : `${tips} tips`} (depth ${depth})`)
  }
  // One round trip for all tips; when that fails (a base may be gone), one per side to tell which.
  const together = await fetchTips([...wantedInclude, ...wantedExclude], depthArgs)
  if (together && wantedInclude.length > 0) {
    let failure = await fetchTips(wantedInclude, depthArgs)
    if (failure && need.pullNumber !== undefined) {
      failure = await fetchTips([`refs/pull/${need.pullNumber}/head`], depthArgs)
    }
    if ((await missingCommits(wantedInclude, git)).size > 0) {
      return {
        ok: false,
        missingBase: false,
        reason: fetchFailure('the head commit', failure),
        fix: FETCH_FIX
      }
    }
  }
  if (together && wantedExclude.length > 0) {
    const failure = await fetchTips(wantedExclude, depthArgs)
    if ((await missingCommits(wantedExclude, git)).size > 0) {
      return {
        ok: false,
        missingBase: true,
        reason: fetchFailure('the base commit', failure),
        fix: FETCH_FIX
      }
    }
  }

  shallow = await shallowCommits(options.cwd, git)
  let step = need.single ? 1 : depth
  for (let round = 0; await incomplete(need, shallow, options); round++) {
    // With nothing to exclude (a first push) the whole history is the range: no point in deepening by steps.
    const unshallow = round >= DEEPEN_ROUNDS || (need.exclude.length === 0 && !need.single)
    options.log(
      unshallow ? 'Fetching the full history (--unshallow)' : `Deepening history by ${step} commits`
    )
    const failure = await fetchTips(
      [...need.include, ...need.exclude],
      unshallow ? ['--unshallow'] : [`--deepen=${step}`]
    )
    const before = shallow
    shallow = await shallowCommits(options.cwd, git)
    if (failure || unshallow || sameSet(before, shallow)) {
      if (!(await incomplete(need, shallow, options))) break
      return {
        ok: false,
        missingBase: false,
        reason: fetchFailure('enough history to reach the base of the range', failure),
        fix: FETCH_FIX
      }
    }
    step *= 2
  }
  return { ok: true, fetched: true, knownBefore }
}

type Git = (args: string[], extra?: { okExitCodes?: number[]; input?: string }) => Promise<{ stdout: string }>

/** The SHAs among `shas` that are not commits in the local object store. */
async function missingCommits(shas: string[], git: Git): Promise<Set<string>> {
  if (shas.length === 0) return new Set()
  const { stdout } = await git(['cat-file', '--batch-check=%(objectname) %(objecttype)'], {
    input: shas.map(sha => `${sha}\n`).join('')
  })
  const present = new Set(
    stdout
      .split('\n')
      .filter(line => line.endsWith(' commit'))
      .map(line => line.split(' ')[0])
  )
  return new Set(shas.filter(sha => !present.has(sha)))
}

/** The repository's shallow boundary commits (empty for a complete clone). */
async function shallowCommits(cwd: string, git: Git): Promise<Set<string>> {
  const { stdout } = await git(['rev-parse', '--git-path', 'shallow'])
  const file = path.resolve(cwd, stdout.trim())
  try {
    return new Set((await readFile(file, 'utf8')).split('\n').filter(line => line !== ''))
  } catch {
    return new Set()
  }
}

/**
 * True when the local graph cannot show the whole range: a commit of it is a shallow boundary (its parents
 * are missing), or a root commit shows up in a range with a base while history is still shallow (the base's
 * own history may be cut above it, so git cannot tell it is an ancestor of the base).
 */
async function incomplete(
  need: HistoryNeed,
  shallow: ReadonlySet<string>,
  options: HistoryOptions
): Promise<boolean> {
  if (shallow.size === 0) return false
  if (need.single) return need.include.some(sha => shallow.has(sha))
  const stream = streamGit(
    [
      'rev-list',
      '--parents',
      '--end-of-options',
      ...need.include,
      ...need.exclude.map(sha => `^${sha}`),
      '--'
    ],
    { cwd: options.cwd, timeoutMs: options.timeoutMs }
  )
  let found = false
  for await (const segment of splitLines(stream.stdout, 4096)) {
    const [sha, ...parents] = segment.bytes.toString('latin1').split(' ')
    if (shallow.has(sha) || (parents.length === 0 && need.exclude.length > 0)) {
      found = true
      stream.kill()
      break
    }
  }
  if (!found) await stream.finished
  return found
}

async function knownCommits(git: Git): Promise<ReadonlySet<string> | undefined> {
  try {
    const { stdout } = await git(['rev-list', `--max-count=${KNOWN_COMMITS_CAP + 1}`, '--all'])
    const commits = stdout.split('\n').filter(line => line !== '')
    return commits.length > KNOWN_COMMITS_CAP ? undefined : new Set(commits)
  } catch {
    return new Set()
  }
}

/** `git fetch origin <tips>` without tags or submodules; returns the error of the last attempt, if any. */
async function fetchFromOrigin(
  flags: string[],
  tips: string[],
  options: HistoryOptions
): Promise<GitError | undefined> {
  const args = [
    'fetch',
    '--no-tags',
    '--no-recurse-submodules',
    '--quiet',
    ...flags,
    'origin',
    '--end-of-options',
    ...tips
  ]
  const result = await againstOrigin(args, options)
  return result instanceof GitError ? result : undefined
}

/**
 * The tip of `branch` (already checked by isSafeBranchName): the local remote-tracking ref, else asked from
 * origin. 'absent' when origin has no such branch; undefined when it could not be found out.
 */
export async function remoteBranchTip(
  branch: string,
  options: HistoryOptions
): Promise<Sha | 'absent' | undefined> {
  const local = await runGit(
    ['rev-parse', '--verify', '--quiet', '--end-of-options', `refs/remotes/origin/${branch}^{commit}`],
    { cwd: options.cwd, timeoutMs: options.timeoutMs, okExitCodes: [0, 1] }
  )
  const localTip = local.stdout.trim()
  if (isSha(localTip)) return localTip
  if (!options.fetch) return undefined
  const remote = await againstOrigin(['ls-remote', 'origin', `refs/heads/${branch}`], options)
  if (remote instanceof GitError) return undefined
  for (const line of remote.stdout.split('\n')) {
    const [sha, ref] = line.split('\t')
    if (ref === `refs/heads/${branch}` && isSha(sha)) return sha
  }
  return 'absent'
}

/**
 * The programs a `.git/config` changed before this step (an artifact or cache extracted over the workspace) could
 * make a command that talks to origin run, turned off: `-c` wins over the repository's configuration, and
 * `--upload-pack` over a configured upload-pack command (local and ssh origins; git keeps the first one
 * configured). Not run either: the `ext::` transport, git:// through `core.gitProxy`, credential helpers and
 * askpass programs (the token, when needed, goes as a header). `core.sshCommand` stays as the checkout set it:
 * actions/checkout's `ssh-key` needs it.
 */
const ORIGIN_UPLOAD_PACK = '--upload-pack=git-upload-pack'
const ORIGIN_CONFIG: Readonly<Record<string, string>> = {
  'protocol.ext.allow': 'never',
  'protocol.git.allow': 'never',
  'credential.helper': '',
  'core.askPass': ''
}

/**
 * Run a command that talks to origin. If it fails and a token is at hand, retry once with the token as an
 * HTTP header passed through the environment (never the command line, which `ps` shows): actions/checkout
 * with `persist-credentials: false` leaves no credentials behind. The header is scoped to the GitHub server,
 * as actions/checkout scopes it, so an origin elsewhere never receives the token.
 */
async function againstOrigin(
  [command, ...rest]: string[],
  options: HistoryOptions
): Promise<GitResult | GitError> {
  const attempt = async (env?: Record<string, string>) => {
    try {
      return await runGit([command, ORIGIN_UPLOAD_PACK, ...rest], {
        cwd: options.cwd,
        timeoutMs: options.fetchTimeoutMs,
        env,
        config: ORIGIN_CONFIG
      })
    } catch (error) {
      if (error instanceof GitError) return error
      throw error
    }
  }
  const first = await attempt()
  if (!(first instanceof GitError) || !options.token || first.kind === 'timeout') return first
  const basic = Buffer.from(`x-access-token:${options.token}`).toString('base64')
  return attempt({
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: `http.${(options.serverUrl || 'https://github.com').replace(/\/+$/, '')}/.extraheader`,
    GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}`
  })
}

function fetchFailure(what: string, failure: GitError | undefined): string {
  const cause = failure ? `: ${failure.message}` : ''
  return `git could not fetch ${what} from origin${cause}`
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every(item => b.has(item))
}
