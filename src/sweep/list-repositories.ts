/**
 * The repositories of an organization, from `GET /orgs/{org}/repos` (every page, 100 a page), with archived
 * repositories and forks left out unless asked for. The GitHub client (its retries and rate-limit waits included) is
 * loaded only when a listing runs.
 */
import { compareCodeUnits } from '../core/order.js'
import { exhaustedRateLimit, openGitHubClient } from '../github/client.js'
import { clip, logSafe } from '../report/escape.js'

export interface ListOptions {
  organization: string
  token: string
  /** GITHUB_API_URL, e.g. https://api.github.com or https://ghe.example.com/api/v3. */
  apiUrl: string
  includeArchived: boolean
  includeForks: boolean
}

export interface ListedRepository {
  /** `owner/name`, as the API spells it. */
  fullName: string
  /** The API's `size` (kilobytes of the whole repository), to balance the jobs. */
  sizeKb: number
}

export interface Listing {
  repositories: ListedRepository[]
  /** How many were left out, and why (each repository counted once: archived before fork). */
  leftOut: { archived: number; forks: number }
  /** How many of `repositories` are private or internal (their results must not be shown to the public). */
  notPublic: number
}

/** What the API returns per repository, as far as the listing reads it. */
interface ApiRepository {
  full_name: string
  archived?: boolean
  fork?: boolean
  size?: number
  /** True for private and internal repositories. */
  private?: boolean
}

/** GitHub's rule for organization (and user) names; anything else never reaches a URL. */
const ORGANIZATION_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/

export class ListingError extends Error {}

export function isOrganizationName(name: string): boolean {
  return ORGANIZATION_NAME.test(name)
}

export async function listRepositories(options: ListOptions): Promise<Listing> {
  if (!isOrganizationName(options.organization))
    throw new ListingError(
      `"${logSafe(options.organization)}" is not an organization name (letters, digits and hyphens, at most 39).`
    )
  const octokit = await openGitHubClient({ token: options.token, apiUrl: options.apiUrl })
  let listed: ApiRepository[]
  try {
    listed = await octokit.paginate('GET /orgs/{org}/repos', {
      org: options.organization,
      type: 'all',
      per_page: 100
    })
  } catch (error) {
    throw new ListingError(describeFailure(error, options.organization))
  }
  return selectRepositories(listed, options)
}

/** Keeps what the options ask for, sorted by name; counts what was left out. */
export function selectRepositories(
  listed: readonly ApiRepository[],
  options: Pick<ListOptions, 'includeArchived' | 'includeForks'>
): Listing {
  const leftOut = { archived: 0, forks: 0 }
  const repositories: ListedRepository[] = []
  let notPublic = 0
  for (const repository of listed) {
    if (repository.archived && !options.includeArchived) leftOut.archived++
    else if (repository.fork && !options.includeForks) leftOut.forks++
    else {
      repositories.push({ fullName: repository.full_name, sizeKb: repository.size ?? 0 })
      if (repository.private !== false) notPublic++
    }
  }
  repositories.sort((a, b) => compareCodeUnits(a.fullName, b.fullName))
  return { repositories, leftOut, notPublic }
}

interface RequestFailure {
  status?: number
  message?: string
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown }
}

/** The API's answer in words, with what to do about it. */
function describeFailure(error: unknown, organization: string): string {
  const failure = error as RequestFailure
  const said = apiMessage(failure)
  const prefix = `Could not list the repositories of ${organization}`
  if (failure.status === 404)
    return (
      `${prefix}: GitHub answered 404: there is no such organization, or the token cannot see it ` +
      '(a user account is not an organization).'
    )
  if (failure.status === 401)
    return `${prefix}: GitHub answered 401: the token was rejected (expired or revoked?).`
  const rateLimit = exhaustedRateLimit(error)
  if (rateLimit) {
    const when = rateLimit.resetsAt ? ` until ${rateLimit.resetsAt}` : ''
    return (
      `${prefix}: the token's API rate limit is used up${when}. Run the sweep later, or with a GitHub App ` +
      'token (a higher limit).'
    )
  }
  if (failure.status === 403 || failure.status === 429)
    return `${prefix}: GitHub answered ${failure.status}${said}. The token needs read access to the organization's metadata.`
  if (failure.status) return `${prefix}: GitHub answered ${failure.status}${said}.`
  return `${prefix}: ${logSafe(failure.message ?? String(error))}`
}

function apiMessage(failure: RequestFailure): string {
  const data = failure.response?.data as { message?: unknown } | undefined
  return typeof data?.message === 'string' && data.message ? ` (${clip(logSafe(data.message), 300)})` : ''
}
