/**
 * The GitHub REST API as a source of added lines, for when local git cannot get the range: lists the commits
 * (a pull request's, or a compare's), then each commit's files and patches. Every failure ends as a skipped
 * entry with a reason and a fix in the coverage, never as an exception, an unhandled rejection or a hang.
 *
 * `@actions/github` is imported only when this path runs: loading Octokit costs start-up time.
 */
import type { CoverageRecorder } from '../scan/coverage.js'
import { isSha, shortSha, type RepositoryName } from '../scan/revisions.js'
import { fileNameLine } from '../scan/scanner.js'
import type { AddedLine } from '../scan/types.js'
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

export interface RestOptions {
  /** GITHUB_API_URL, e.g. https://api.github.com or https://ghes.example/api/v3. */
  apiUrl: string
  token: string
  repository: RepositoryName
  maxLineBytes: number
  /** Per request; default 10 s. */
  requestTimeoutMs?: number
  /** Extra attempts after a 5xx or network error; default 2. */
  retries?: number
  /** First back-off delay, doubled per retry (a `retry-after` header wins); default 1 s. */
  retryDelayMs?: number
  log?: (message: string) => void
}

/** A request that failed for good, in words a user can act on. */
export class RestFailure extends Error {
  constructor(
    message: string,
    readonly fix: string
  ) {
    super(message)
    this.name = 'RestFailure'
  }
}

/** Streams the range's added lines into the caller's coverage (which this sets to "GitHub REST API"). */
export async function* restAddedLines(
  range: RestRange,
  options: RestOptions,
  coverage: CoverageRecorder,
  label: string
): AsyncGenerator<AddedLine> {
  coverage.source = 'GitHub REST API'
  let client: RestClient
  let shas: string[]
  try {
    client = await RestClient.create(options)
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

async function fetchCommit(client: RestClient, sha: string): Promise<CommitResult> {
  try {
    const files: ApiFile[] = []
    let parents = 0
    let first = true
    for await (const page of client.pages(`/commits/${sha}`)) {
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
  client: RestClient,
  range: RestRange,
  coverage: CoverageRecorder,
  label: string
): Promise<string[]> {
  if (range.kind === 'commit') return [range.sha]
  const shas: string[] = []
  let total: number | undefined
  const path =
    range.kind === 'pull'
      ? `/pulls/${range.pullNumber}/commits`
      : `/compare/${encodeURIComponent(range.base)}...${encodeURIComponent(range.head)}`
  const cap = range.kind === 'pull' ? PULL_COMMITS_CAP : COMPARE_COMMITS_CAP
  for await (const page of client.pages(path)) {
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

interface OctokitLike {
  request(route: string, parameters?: Record<string, unknown>): Promise<{ data: unknown; headers: Headers }>
}
type Headers = Record<string, string | number | undefined>

class RestClient {
  private constructor(
    private readonly octokit: OctokitLike,
    private readonly options: RestOptions
  ) {}

  static async create(options: RestOptions): Promise<RestClient> {
    const { getOctokit } = await import('@actions/github')
    const octokit = getOctokit(options.token, { baseUrl: options.apiUrl.replace(/\/+$/, '') })
    return new RestClient(octokit as unknown as OctokitLike, options)
  }

  /** GET `/repos/{owner}/{repo}{path}` page by page (per_page=100), following the `Link: rel="next"` header. */
  async *pages(path: string): AsyncGenerator<unknown> {
    const { owner, repo } = this.options.repository
    const base = this.options.apiUrl.replace(/\/+$/, '')
    let url: string | undefined =
      `${base}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}${path}?per_page=${PER_PAGE}`
    while (url !== undefined) {
      const response = await this.get(url)
      yield response.data
      url = nextLink(response.headers.link)
      // Never send the token anywhere but the API it was meant for.
      if (url !== undefined && !url.startsWith(`${base}/`)) {
        throw new RestFailure(
          'the GitHub API pointed the next page outside GITHUB_API_URL',
          'check GITHUB_API_URL'
        )
      }
    }
  }

  private async get(url: string): Promise<{ data: unknown; headers: Headers }> {
    const retries = this.options.retries ?? 2
    const delay = this.options.retryDelayMs ?? 1000
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.octokit.request(`GET ${url}`, {
          request: { signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 10_000) }
        })
      } catch (error) {
        const status = statusOf(error)
        const retryable = status === undefined || status >= 500
        if (!retryable || attempt >= retries) throw describeFailure(error, attempt + 1)
        const wait = retryAfterMs(error) ?? delay * 2 ** attempt
        this.options.log?.(`GitHub API request failed (${status ?? 'network error'}); retrying in ${wait} ms`)
        await new Promise(resolve => setTimeout(resolve, wait))
      }
    }
  }
}

function nextLink(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined
  return /<([^>]+)>;\s*rel="next"/.exec(header)?.[1]
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown }).status
  // Octokit reports network failures and timeouts as status 500 with no response.
  if (typeof status !== 'number' || (status === 500 && !responseOf(error))) return undefined
  return status
}

function responseOf(error: unknown): { headers?: Headers; data?: unknown } | undefined {
  return (error as { response?: { headers?: Headers; data?: unknown } }).response
}

function headerOf(error: unknown, name: string): string | undefined {
  const value = responseOf(error)?.headers?.[name]
  return value === undefined ? undefined : String(value)
}

function retryAfterMs(error: unknown): number | undefined {
  const seconds = Number(headerOf(error, 'retry-after'))
  return Number.isFinite(seconds) && seconds > 0 && seconds <= 60 ? seconds * 1000 : undefined
}

const PERMISSIONS_FIX = 'give the job `permissions: contents: read` and `pull-requests: read`'

function describeFailure(error: unknown, attempts: number): RestFailure {
  const status = statusOf(error)
  const apiMessage = String((responseOf(error)?.data as { message?: unknown } | undefined)?.message ?? '')
  if (status === undefined) {
    const cause = error instanceof Error ? error.message : String(error)
    return new RestFailure(
      `could not reach the GitHub API after ${attempts === 1 ? '1 attempt' : `${attempts} attempts`}: ${cause}`,
      'check GITHUB_API_URL and the network'
    )
  }
  if (
    (status === 403 || status === 429) &&
    (headerOf(error, 'x-ratelimit-remaining') === '0' || status === 429)
  ) {
    const reset = Number(headerOf(error, 'x-ratelimit-reset'))
    const when =
      Number.isFinite(reset) && reset > 0 ? ` (resets at ${new Date(reset * 1000).toISOString()})` : ''
    return new RestFailure(
      `GitHub API rate limit exhausted${when}`,
      'wait for the reset, or let the action use git (keep `persist-credentials` on actions/checkout)'
    )
  }
  if (status === 403 && /resource not accessible by integration/i.test(apiMessage)) {
    return new RestFailure(
      'the token may not read this (403 Resource not accessible by integration)',
      PERMISSIONS_FIX
    )
  }
  if (status === 401)
    return new RestFailure('the GitHub token was rejected (401)', 'check the `github-token` input')
  if (status === 404) {
    return new RestFailure(
      'not found (404): the repository, pull request or commit is not visible to this token',
      `check the \`github-token\` input; ${PERMISSIONS_FIX}`
    )
  }
  if (status >= 500) {
    return new RestFailure(
      `GitHub API error ${status} after ${attempts === 1 ? '1 attempt' : `${attempts} attempts`}`,
      'run the job again later'
    )
  }
  return new RestFailure(`GitHub API error ${status}${apiMessage ? `: ${apiMessage}` : ''}`, PERMISSIONS_FIX)
}

function failureEntry(what: string, error: unknown): { what: string; reason: string; fix?: string } {
  if (error instanceof RestFailure) return { what, reason: error.message, fix: error.fix }
  return { what, reason: error instanceof Error ? error.message : String(error) }
}

function isApiFile(value: unknown): value is ApiFile {
  return typeof value === 'object' && value !== null && typeof (value as ApiFile).filename === 'string'
}

function numberField(value: unknown, name: string): number | undefined {
  const field = (value as Record<string, unknown> | null)?.[name]
  return typeof field === 'number' ? field : undefined
}
