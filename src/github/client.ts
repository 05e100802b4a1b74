/**
 * The GitHub REST API client: the Octokit that `@actions/github` bundles (its `paginate` follows GitHub's
 * `Link` headers), with GitHub's own retry and throttling plugins: 5xx answers and network failures are retried
 * with octokit's growing back-off, a rate limit that resets soon is waited for once, and every other failure is
 * thrown for the caller to put in words.
 *
 * Loaded only when a run calls the API (`await import`): Octokit and its plugins cost start-up time.
 */
import type { Octokit } from '@octokit/core'

/** A rate limit that resets within this many seconds is waited for (once); a later reset is reported. */
const MAX_RATE_LIMIT_WAIT_S = 60

export interface GitHubClientOptions {
  token: string
  /** GITHUB_API_URL, e.g. https://api.github.com or https://ghes.example/api/v3. */
  apiUrl: string
  /** Per attempt; default 10 s. */
  requestTimeoutMs?: number
  /** Extra attempts after a 5xx, a network error or a timeout; default 2. */
  retries?: number
  /** Octokit's back-off unit: the n-th retry waits n² times this (default 500 ms: 0.5 s, then 2 s). */
  retryDelayMs?: number
  log?: (message: string) => void
}

export type GitHubClient = Awaited<ReturnType<typeof openGitHubClient>>

/** A request the client refused to send: the token goes nowhere but GITHUB_API_URL. */
export class ForeignUrlError extends Error {
  constructor(readonly url: string) {
    super('the GitHub API pointed a request (a next page) outside GITHUB_API_URL')
    this.name = 'ForeignUrlError'
  }
}

export async function openGitHubClient(options: GitHubClientOptions) {
  const [{ getOctokit }, { retry }, { throttling }] = await Promise.all([
    import('@actions/github'),
    import('@octokit/plugin-retry'),
    import('@octokit/plugin-throttling')
  ])
  const baseUrl = options.apiUrl.replace(/\/+$/, '')
  const log = options.log ?? (() => undefined)
  const retries = options.retries ?? 2
  const waitForReset =
    (kind: string) => (retryAfter: number, _request: unknown, _octokit: unknown, count: number) => {
      if (count > 0 || retryAfter > MAX_RATE_LIMIT_WAIT_S) return false
      log(`GitHub API ${kind} rate limit: waiting ${retryAfter} s for its reset`)
      return true
    }
  return getOctokit(
    options.token,
    {
      baseUrl,
      log: { debug: () => undefined, info: () => undefined, warn: log, error: log },
      retry: { retries, retryAfterBaseValue: options.retryDelayMs ?? 500 },
      throttle: {
        onRateLimit: waitForReset('primary'),
        onSecondaryRateLimit: waitForReset('secondary')
      }
    },
    // Registered first, so it runs innermost: once per attempt, inside the retries.
    attemptGuard(baseUrl, options.requestTimeoutMs ?? 10_000, retries, log),
    retry,
    throttling
  )
}

/** Each attempt: only to GITHUB_API_URL, with its own timeout; a failed attempt says how many were made. */
function attemptGuard(baseUrl: string, timeoutMs: number, retries: number, log: (message: string) => void) {
  return (octokit: Octokit) => {
    octokit.hook.wrap('request', async (request, options) => {
      const url = String(options.url)
      if (/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith(`${baseUrl}/`)) throw new ForeignUrlError(url)
      const attempt = Number(options.request?.retryCount ?? 0) + 1
      // Hooks get the options they were bound to (a changed copy would be ignored): a new timeout per attempt.
      options.request = { ...options.request, signal: AbortSignal.timeout(timeoutMs) }
      try {
        return await request(options)
      } catch (error) {
        const status = (error as { status?: unknown }).status
        if (typeof status !== 'number' || status >= 500) {
          log(
            `GitHub API request failed (${status ?? 'network error'}), attempt ${attempt} of ${retries + 1}`
          )
        }
        throw Object.assign(error as object, { attempts: attempt })
      }
    })
  }
}

/** How many attempts a failed request made (1 when it was not retried). */
export function attemptsOf(error: unknown): number {
  const attempts = (error as { attempts?: unknown } | undefined)?.attempts
  return typeof attempts === 'number' ? attempts : 1
}

/**
 * A used-up rate limit, from a failed request (403 or 429 with `x-ratelimit-remaining: 0`): when it resets, as an
 * ISO time (undefined when GitHub did not say). Undefined for any other failure.
 */
export function exhaustedRateLimit(error: unknown): { resetsAt?: string } | undefined {
  const { status, response } = error as { status?: unknown; response?: { headers?: Record<string, unknown> } }
  const headers = response?.headers ?? {}
  if ((status !== 403 && status !== 429) || String(headers['x-ratelimit-remaining']) !== '0') return undefined
  const reset = Number(headers['x-ratelimit-reset'])
  return Number.isFinite(reset) && reset > 0 ? { resetsAt: new Date(reset * 1000).toISOString() } : {}
}
