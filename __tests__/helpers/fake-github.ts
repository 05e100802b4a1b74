/**
 * A loopback server (127.0.0.1, port 0) answering like the GitHub REST API for the calls the REST fallback
 * makes: a pull request's commits, a commit with its files, a compare; and an organization's repositories (the
 * organization sweep's listing, `GET /orgs/{org}/repos`, 30 a page by default, at most 100; and its SARIF upload to
 * one of them, `POST /repos/{owner}/{repo}/code-scanning/sarifs`). Pagination follows GitHub: `per_page`
 * (default 30, at most 100), `page`, and a `Link` header with rel="next"/"last"; a pull request lists at most
 * 250 commits, a commit at most 3000 files (300 per page by default). The same API is served under `/api/v3`, as
 * GitHub Enterprise Server serves it. Every request is recorded, and `intercept` can answer instead (errors,
 * rate limits, delays).
 */
import http from 'node:http'
import { listenOnLoopback, type LoopbackServer } from './loopback-server.js'

export interface FakeFile {
  filename: string
  status?: string
  additions?: number
  patch?: string
}

export interface FakeCommit {
  sha: string
  parents?: string[]
  files: FakeFile[]
}

/** One repository as `GET /orgs/{org}/repos` lists it (the fields the sweep reads, and a few it does not). */
export interface FakeOrgRepository {
  name: string
  archived?: boolean
  fork?: boolean
  /** Kilobytes. */
  size?: number
  /** Private or internal (default: public). */
  private?: boolean
}

export interface FakeRepository {
  owner: string
  repo: string
  /** Organization login to its repositories, in the API's order. */
  organizations?: Record<string, FakeOrgRepository[]>
  commits: FakeCommit[]
  /** Pull request number to its commit SHAs, oldest first. */
  pulls?: Record<number, string[]>
  /** `base...head` to the commit SHAs the comparison lists, oldest first. */
  compares?: Record<string, string[]>
}

/** Where GitHub Enterprise Server serves the REST API. */
const GHES_PREFIX = '/api/v3'

export interface RecordedRequest {
  method: string
  /** `/api/v3` when asked the GitHub Enterprise Server way, else empty. */
  prefix: string
  /** The path without the prefix. */
  path: string
  query: URLSearchParams
  authorization?: string
  /** A request's JSON body, parsed (undefined without one). */
  body?: unknown
}

export interface FakeResponse {
  status: number
  headers?: Record<string, string>
  body?: unknown
  /** Answer after this long (to exercise client timeouts). */
  delayMs?: number
}

export class FakeGitHub {
  readonly requests: RecordedRequest[] = []
  intercept?: (request: RecordedRequest) => FakeResponse | undefined

  private constructor(
    private readonly loopback: LoopbackServer,
    readonly url: string,
    private readonly data: FakeRepository
  ) {}

  static async start(data: FakeRepository): Promise<FakeGitHub> {
    const server = http.createServer()
    const loopback = await listenOnLoopback(server)
    const fake = new FakeGitHub(loopback, loopback.origin, data)
    server.on('request', (request, response) => fake.handle(request, response))
    return fake
  }

  requestsTo(pathPrefix: string): RecordedRequest[] {
    return this.requests.filter(request => request.path.startsWith(pathPrefix))
  }

  async close(): Promise<void> {
    await this.loopback.close()
  }

  private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => this.answer(request, Buffer.concat(chunks).toString('utf8'), response))
  }

  private answer(request: http.IncomingMessage, body: string, response: http.ServerResponse): void {
    const url = new URL(request.url ?? '/', this.url)
    const prefix = url.pathname.startsWith(`${GHES_PREFIX}/`) ? GHES_PREFIX : ''
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      prefix,
      path: url.pathname.slice(prefix.length),
      query: url.searchParams,
      authorization: request.headers.authorization,
      ...(body ? { body: JSON.parse(body) as unknown } : {})
    }
    this.requests.push(recorded)
    const answer = this.intercept?.(recorded) ?? this.route(recorded)
    const send = () => {
      if (response.destroyed) return
      response.writeHead(answer.status, {
        'content-type': 'application/json; charset=utf-8',
        ...answer.headers
      })
      response.end(JSON.stringify(answer.body ?? {}))
    }
    if (answer.delayMs) setTimeout(send, answer.delayMs).unref()
    else send()
  }

  private route(request: RecordedRequest): FakeResponse {
    const prefix = `/repos/${this.data.owner}/${this.data.repo}`
    const notFound = {
      status: 404,
      body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }
    }
    const organization = /^\/orgs\/([^/]+)\/repos$/.exec(request.path)
    if (request.method === 'GET' && organization) {
      const login = decodeURIComponent(organization[1])
      const repositories = this.data.organizations?.[login]
      if (!repositories) return notFound
      const items = repositories.map(repository => ({
        name: repository.name,
        full_name: `${login}/${repository.name}`,
        private: repository.private ?? false,
        archived: repository.archived ?? false,
        fork: repository.fork ?? false,
        size: repository.size ?? 0,
        default_branch: 'main'
      }))
      return this.page(request, items, 30, 100, pageItems => pageItems)
    }
    const upload = /^\/repos\/([^/]+)\/([^/]+)\/code-scanning\/sarifs$/.exec(request.path)
    if (request.method === 'POST' && upload) {
      const [owner, name] = upload.slice(1).map(decodeURIComponent)
      if (!this.data.organizations?.[owner]?.some(repository => repository.name === name)) return notFound
      return { status: 202, body: { id: `sarif-${this.requests.length}`, url: `${this.url}${request.path}` } }
    }
    if (request.method !== 'GET' || !request.path.startsWith(`${prefix}/`)) return notFound
    const rest = request.path.slice(prefix.length)

    const pull = /^\/pulls\/(\d+)\/commits$/.exec(rest)
    if (pull) {
      const shas = this.data.pulls?.[Number(pull[1])]
      if (!shas) return notFound
      const items = shas.slice(0, 250).map(sha => this.listed(sha))
      return this.page(request, items, 30, 100, pageItems => pageItems)
    }
    const commit = /^\/commits\/([0-9a-f]{40})$/.exec(rest)
    if (commit) {
      const found = this.data.commits.find(candidate => candidate.sha === commit[1])
      if (!found) return { status: 422, body: { message: `No commit found for SHA: ${commit[1]}` } }
      const files = found.files.slice(0, 3000)
      return this.page(request, files, 300, 300, pageFiles => ({
        ...this.listed(found.sha),
        files: pageFiles.map(file => ({ status: 'modified', additions: 1, ...file }))
      }))
    }
    const compare = /^\/compare\/(.+)$/.exec(rest)
    if (compare) {
      const shas = this.data.compares?.[decodeURIComponent(compare[1])]
      if (!shas) return notFound
      const items = shas.map(sha => this.listed(sha))
      // As GitHub answers: `url` first (octokit's paginate leaves such an object whole).
      return this.page(request, items, 250, 100, pageItems => ({
        url: `${this.url}${request.prefix}${request.path}`,
        status: 'ahead',
        total_commits: shas.length,
        commits: pageItems
      }))
    }
    return notFound
  }

  private listed(sha: string) {
    const parents = this.data.commits.find(candidate => candidate.sha === sha)?.parents ?? ['0'.repeat(40)]
    return { sha, parents: parents.map(parent => ({ sha: parent })), commit: { message: `commit ${sha}` } }
  }

  private page<T>(
    request: RecordedRequest,
    items: T[],
    defaultPerPage: number,
    maxPerPage: number,
    body: (pageItems: T[]) => unknown
  ): FakeResponse {
    const perPage = Math.min(
      Number(request.query.get('per_page') ?? defaultPerPage) || defaultPerPage,
      maxPerPage
    )
    const page = Math.max(1, Number(request.query.get('page') ?? 1) || 1)
    const last = Math.max(1, Math.ceil(items.length / perPage))
    const link = (target: number) => {
      const query = new URLSearchParams(request.query)
      query.set('per_page', String(perPage))
      query.set('page', String(target))
      return `<${this.url}${request.prefix}${request.path}?${query}>`
    }
    const links = page < last ? [`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`] : []
    return {
      status: 200,
      headers: links.length > 0 ? { link: links.join(', ') } : {},
      body: body(items.slice((page - 1) * perPage, page * perPage))
    }
  }
}

/** A 40-hex SHA made from a number, for fake commits. */
export function fakeSha(index: number): string {
  return index.toString(16).padStart(40, 'f')
}
