/**
 * The GitHub REST API as a source of added lines, for when local git cannot get the range: lists the commits
 * (a pull request's, or a compare's), then each commit's files and patches. Every failure ends as a skipped
 * entry with a reason and a fix in the coverage, never as an exception, an unhandled rejection or a hang.
 *
 * Requests, pagination, retries and rate limits are the GitHub client's (./client.ts), loaded only when this runs.
 */
import type { CoverageRecorder } from '../scan/coverage.js'
import { isSha, shortSha, type RepositoryName } from '../scan/revisions.js'
import { fileNameLine } from '../scan/scanner.js'
import type { AddedLine } from '../scan/types.js'
import {
  attemptsOf,
  exhaustedRateLimit,
  ForeignUrlError,
  openGitHubClient,
  type GitHubClient,
  type GitHubClientOptions
} from './client.js'
import { addedLinesFromPatch } from './patch.js'

/** GitHub's caps: a pull request's commit list, a compare's commit list, a commit's file list. */
export const PULL_COMMITS_CAP = 250
export const COMPARE_COMMITS_CAP = 250
export const COMMIT_FILES_CAP = 3000
const PER_PAGE = 100
/** Statuses of a file whose name the commit gave it: a key in a file name is a committed key. */
const NAME_ADDING_STATUSES = new Set(['added', 'renamed', 'copied'])
const PREFETCH = 4

export type RestRange =
  | { kind: 'pull'; pullNumber: number; expectedCommits?: number }
  /** `base` is a SHA or a branch name already checked by `isSafeBranchName`. */
  | { kind: 'compare'; base: string; head: string }
  | { kind: 'commit'; sha: string }

export interface RestOptions extends GitHubClientOptions {
  repository: RepositoryName
  maxLineBytes: number
}

/** Streams the range's added lines into the caller's coverage (which this sets to "GitHub REST API"). */
export async function* restAddedLines(
  range: RestRange,
  options: RestOptions,
  coverage: CoverageRecorder,
  label: string
): AsyncGenerator<AddedLine> {
  coverage.source = 'GitHub REST API'
  let client: RepositoryPages
  let shas: string[]
  try {
    client = new RepositoryPages(await openGitHubClient(options), options.repository)
    shas = await listCommits(client, range, coverage, label)
  } catch (error) {
    coverage.skip(failureEntry(`${label} (GitHub REST API)`, error), true)
    return
  }

  const pending = shas.slice(0, PREFETCH).map(sha => fetchCommit(client, sha))
  for (let index = 0; index < shas.length; index++) {
    const next = shas[index + PREFETCH]
    if (next !== undefined) pending.push(fetchCommit(client, next))
    const result = await pending[index]
    delete pending[index]
    const sha = shas[index]
    if ('error' in result) {
      coverage.skip(failureEntry(`commit ${shortSha(sha)}`, result.error), true)
      continue
    }
    if (result.parents > 1) {
      coverage.skip({
        what: `merge commit ${shortSha(sha)}`,
        reason: 'merge commits are not read through the REST API (their diff repeats the merged branch)',
        fix: 'let the action fetch the history with git to check conflict resolutions too'
      })
      continue
    }
    coverage.commits++
    if (result.capped) {
      coverage.skip(
        {
          what: `commit ${shortSha(sha)}`,
          reason: `changes more than ${COMMIT_FILES_CAP} files; the GitHub API lists no more`,
          fix: 'let the action fetch the history with git (keep `persist-credentials`, or `fetch-depth: 0`)'
        },
        true
      )
    }
    for (const file of result.files) {
      if (file.status === 'removed') continue
      if (NAME_ADDING_STATUSES.has(file.status ?? '')) yield fileNameLine(file.filename, sha)
      if (typeof file.patch !== 'string') {
        const pureRename = file.status === 'renamed' && !file.additions
        if (!pureRename) {
          coverage.skip({ what: file.filename, reason: 'no patch from the GitHub API (binary or too large)' })
        }
        continue
      }
      coverage.addFile(file.filename)
      coverage.bytes += Buffer.byteLength(file.patch)
      yield* addedLinesFromPatch(file.patch, file.filename, sha, options.maxLineBytes)
    }
  }
}

interface ApiFile {
  filename: string
  status?: string
  additions?: number
  patch?: string
}

type CommitResult = { parents: number; files: ApiFile[]; capped: boolean } | { error: unknown }

async function fetchCommit(client: RepositoryPages, sha: string): Promise<CommitResult> {
  try {
    const files: ApiFile[] = []
    let parents = 0
    let first = true
    for await (const page of client.pages('GET /repos/{owner}/{repo}/commits/{ref}', { ref: sha })) {
      const data = page as { parents?: unknown[]; files?: unknown[] }
      if (first) parents = Array.isArray(data.parents) ? data.parents.length : 0
      first = false
      for (const file of data.files ?? []) {
        if (isApiFile(file)) files.push(file)
      }
      if (files.length >= COMMIT_FILES_CAP) break
    }
    return { parents, files, capped: files.length >= COMMIT_FILES_CAP }
  } catch (error) {
    return { error }
  }
}

async function listCommits(
  client: RepositoryPages,
  range: RestRange,
  coverage: CoverageRecorder,
  label: string
): Promise<string[]> {
  if (range.kind === 'commit') return [range.sha]
  const shas: string[] = []
  let total: number | undefined
  const pages =
    range.kind === 'pull'
      ? client.pages('GET /repos/{owner}/{repo}/pulls/{pull_number}/commits', {
          pull_number: range.pullNumber
        })
      : client.pages('GET /repos/{owner}/{repo}/compare/{basehead}', {
          basehead: `${range.base}...${range.head}`
        })
  const cap = range.kind === 'pull' ? PULL_COMMITS_CAP : COMPARE_COMMITS_CAP
  for await (const page of pages) {
    const commits = range.kind === 'pull' ? page : (page as { commits?: unknown }).commits
    if (range.kind === 'compare') total ??= numberField(page, 'total_commits')
    for (const commit of Array.isArray(commits) ? commits : []) {
      const sha = (commit as { sha?: unknown }).sha
      if (isSha(sha) && shas.length < cap) shas.push(sha)
    }
    if (shas.length >= cap) break
  }
  if (range.kind === 'pull') total = range.expectedCommits
  const unlisted = total !== undefined ? total - shas.length : 0
  if (unlisted > 0 || (total === undefined && shas.length >= cap)) {
    coverage.skip(
      {
        what: label,
        reason:
          `the GitHub API lists at most ${cap} commits` +
          (unlisted > 0
            ? `; ${unlisted === 1 ? '1 later commit was' : `${unlisted} later commits were`} not scanned`
            : '; later commits may be missing'),
        fix: 'let the action fetch the history with git (keep `persist-credentials`), or add `fetch-depth: 0` to actions/checkout'
      },
      true
    )
  }
  return shas
}

/** One repository's API pages, 100 items a page, as octokit's `paginate` follows them. */
class RepositoryPages {
  constructor(
    private readonly client: GitHubClient,
    private readonly repository: RepositoryName
  ) {}

  async *pages(route: string, parameters: Record<string, unknown>): AsyncGenerator<unknown> {
    const pages = this.client.paginate.iterator(route, {
      ...this.repository,
      ...parameters,
      per_page: PER_PAGE
    })
    for await (const page of pages) yield page.data
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown }).status
  // Octokit reports network failures and timeouts as status 500 with no response.
  if (typeof status !== 'number' || (status === 500 && !responseOf(error))) return undefined
  return status
}

function responseOf(error: unknown): { headers?: Record<string, unknown>; data?: unknown } | undefined {
  return (error as { response?: { headers?: Record<string, unknown>; data?: unknown } }).response
}

const PERMISSIONS_FIX = 'give the job `permissions: contents: read` and `pull-requests: read`'

/** A request that failed for good, in words a user can act on. */
function describeFailure(error: unknown): { reason: string; fix: string } {
  if (error instanceof ForeignUrlError) return { reason: error.message, fix: 'check GITHUB_API_URL' }
  const attempts = attemptsOf(error)
  const status = statusOf(error)
  const apiMessage = String((responseOf(error)?.data as { message?: unknown } | undefined)?.message ?? '')
  if (status === undefined) {
    const cause = error instanceof Error ? error.message : String(error)
    return {
      reason: `could not reach the GitHub API after ${attempts === 1 ? '1 attempt' : `${attempts} attempts`}: ${cause}`,
      fix: 'check GITHUB_API_URL and the network'
    }
  }
  const rateLimit = exhaustedRateLimit(error) ?? (status === 429 ? {} : undefined)
  if (rateLimit) {
    const when = rateLimit.resetsAt ? ` (resets at ${rateLimit.resetsAt})` : ''
    return {
      reason: `GitHub API rate limit exhausted${when}`,
      fix: 'wait for the reset, or let the action use git (keep `persist-credentials` on actions/checkout)'
    }
  }
  if (status === 403 && /resource not accessible by integration/i.test(apiMessage)) {
    return {
      reason: 'the token may not read this (403 Resource not accessible by integration)',
      fix: PERMISSIONS_FIX
    }
  }
  if (status === 401)
    return { reason: 'the GitHub token was rejected (401)', fix: 'check the `github-token` input' }
  if (status === 404) {
    return {
      reason: 'not found (404): the repository, pull request or commit is not visible to this token',
      fix: `check the \`github-token\` input; ${PERMISSIONS_FIX}`
    }
  }
  if (status >= 500) {
    return {
      reason: `GitHub API error ${status} after ${attempts === 1 ? '1 attempt' : `${attempts} attempts`}`,
      fix: 'run the job again later'
    }
  }
  return { reason: `GitHub API error ${status}${apiMessage ? `: ${apiMessage}` : ''}`, fix: PERMISSIONS_FIX }
}

function failureEntry(what: string, error: unknown): { what: string; reason: string; fix?: string } {
  const fromApi =
    error instanceof ForeignUrlError || typeof (error as { status?: unknown }).status === 'number'
  if (fromApi) return { what, ...describeFailure(error) }
  return { what, reason: error instanceof Error ? error.message : String(error) }
}

function isApiFile(value: unknown): value is ApiFile {
  return typeof value === 'object' && value !== null && typeof (value as ApiFile).filename === 'string'
}

function numberField(value: unknown, name: string): number | undefined {
  const field = (value as Record<string, unknown> | null)?.[name]
  return typeof field === 'number' ? field : undefined
}
