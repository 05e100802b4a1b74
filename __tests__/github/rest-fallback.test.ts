/** The REST API path against a loopback fake of GitHub: pagination, caps, missing patches and every failure. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { restAddedLines, type RestOptions, type RestRange } from '../../src/github/rest-fallback.js'
import { CoverageRecorder } from '../../src/scan/coverage.js'
import { drain, drainContent } from '../helpers/git-fixtures.js'
import { FakeGitHub, fakeSha, type FakeCommit } from '../helpers/fake-github.js'

const TOKEN = 'ghs_faketoken_never_printed_0123456789'
const repository = { owner: 'octo', repo: 'widgets' }

function markerCommit(index: number): FakeCommit {
  return {
    sha: fakeSha(index),
    files: [{ filename: `f/${index}.txt`, status: 'added', patch: `@@ -0,0 +1 @@\n+REST-${index}` }]
  }
}

const commits = Array.from({ length: 260 }, (_, index) => markerCommit(index + 1))
const special: FakeCommit[] = [
  {
    sha: fakeSha(1000),
    files: [
      {
        filename: 'src/app.ts',
        patch:
          '@@ -8,4 +8,5 @@ export function x() {\n context 8\n-old 9\n+NEW-9\r\n context 10\n+NEW-11\n context 12\n\\ No newline at end of file'
      },
      { filename: 'logo.png', status: 'added', additions: 0 },
      { filename: 'renamed.txt', status: 'renamed', additions: 0 },
      { filename: 'huge.sql', status: 'modified', additions: 90000 },
      { filename: 'removed.txt', status: 'removed', additions: 0, patch: '@@ -1 +0,0 @@\n-DELETED' }
    ]
  },
  {
    sha: fakeSha(1001),
    parents: [fakeSha(1000), fakeSha(5)],
    files: [{ filename: 'm.txt', patch: '@@ -0,0 +1 @@\n+MERGE-LINE' }]
  },
  {
    sha: fakeSha(1002),
    files: Array.from({ length: 350 }, (_, index) => ({
      filename: `many/${index}.txt`,
      patch: `@@ -0,0 +1 @@\n+MANY-${index}`
    }))
  }
]

let github: FakeGitHub
beforeAll(async () => {
  github = await FakeGitHub.start({
    ...repository,
    commits: [...commits, ...special],
    pulls: {
      1: commits.slice(0, 120).map(commit => commit.sha),
      2: commits.map(commit => commit.sha),
      3: special.map(commit => commit.sha)
    },
    compares: { [`${fakeSha(1)}...${fakeSha(4)}`]: [fakeSha(2), fakeSha(3), fakeSha(4)] }
  })
})
afterEach(() => {
  github.intercept = undefined
  github.requests.length = 0
})
afterAll(async () => github.close())

function options(extra: Partial<RestOptions> = {}): RestOptions {
  return {
    apiUrl: github.url,
    token: TOKEN,
    repository,
    maxLineBytes: 4096,
    retryDelayMs: 5,
    requestTimeoutMs: 2000,
    ...extra
  }
}

async function collect(range: RestRange, extra: Partial<RestOptions> = {}) {
  // Streamed into the coverage of the `changed` source that falls back to it.
  const recorder = new CoverageRecorder('changed', 'git', 'pull_request #n')
  const lines = await drainContent(restAddedLines(range, options(extra), recorder, 'pull_request #n'))
  const coverage = recorder.snapshot()
  expect(JSON.stringify({ lines, coverage })).not.toContain(TOKEN)
  return { lines, coverage }
}

describe('listing commits', () => {
  it('follows Link pagination past 30 and 100 commits and scans all 120, in order', async () => {
    const { lines, coverage } = await collect({ kind: 'pull', pullNumber: 1, expectedCommits: 120 })
    expect(lines.map(line => line.text)).toEqual(commits.slice(0, 120).map((_, index) => `REST-${index + 1}`))
    expect(lines[5]).toEqual({ path: 'f/6.txt', line: 1, text: 'REST-6', commit: fakeSha(6) })
    expect(coverage).toMatchObject({
      source: 'GitHub REST API',
      commits: 120,
      files: 120,
      incomplete: false,
      skipped: []
    })
    const pages = github.requestsTo('/repos/octo/widgets/pulls/1/commits')
    expect(pages.map(request => [request.query.get('per_page'), request.query.get('page')])).toEqual([
      ['100', null],
      ['100', '2']
    ])
    expect(github.requests.every(request => request.authorization === `token ${TOKEN}`)).toBe(true)
  })

  it('says so when the API cap of 250 commits cuts the pull request short', async () => {
    const { lines, coverage } = await collect({ kind: 'pull', pullNumber: 2, expectedCommits: 260 })
    // Every commit the API lists, over three pages of 100.
    expect(lines).toHaveLength(250)
    expect(
      github.requestsTo('/repos/octo/widgets/pulls/2/commits').map(request => request.query.get('page'))
    ).toEqual([null, '2', '3'])
    expect(coverage.incomplete).toBe(true)
    expect(coverage.skipped).toEqual([
      expect.objectContaining({
        reason: expect.stringMatching(/at most 250 commits; 10 later commits were not scanned/)
      })
    ])
  })

  it('GitHub Enterprise Server: every request and every next page under GITHUB_API_URL (/api/v3)', async () => {
    const { lines, coverage } = await collect(
      { kind: 'pull', pullNumber: 1, expectedCommits: 120 },
      { apiUrl: `${github.url}/api/v3/` }
    )
    expect(lines).toHaveLength(120)
    expect(coverage.incomplete).toBe(false)
    expect(github.requests.every(request => request.prefix === '/api/v3')).toBe(true)
    expect(github.requestsTo('/repos/octo/widgets/pulls/1/commits')).toHaveLength(2)
  })

  it('lists a push range through compare', async () => {
    const { lines } = await collect({ kind: 'compare', base: fakeSha(1), head: fakeSha(4) })
    expect(lines.map(line => line.text)).toEqual(['REST-2', 'REST-3', 'REST-4'])
  })
})

describe('reading commits', () => {
  it('parses patches with correct line numbers, skips files without a patch, removed files and merges', async () => {
    const { lines, coverage } = await collect({ kind: 'pull', pullNumber: 3, expectedCommits: 3 })
    expect(lines.slice(0, 2)).toEqual([
      { path: 'src/app.ts', line: 9, text: 'NEW-9', commit: fakeSha(1000) },
      { path: 'src/app.ts', line: 11, text: 'NEW-11', commit: fakeSha(1000) }
    ])
    expect(lines.some(line => /DELETED|MERGE-LINE/.test(line.text))).toBe(false)
    expect(coverage.skipped).toEqual(
      expect.arrayContaining([
        { what: 'huge.sql', reason: 'no patch from the GitHub API (binary or too large)' },
        { what: 'logo.png', reason: 'no patch from the GitHub API (binary or too large)' },
        expect.objectContaining({ what: `merge commit ${fakeSha(1001).slice(0, 7)}` })
      ])
    )
    expect(coverage.skipped.some(entry => entry.what === 'renamed.txt')).toBe(false)
    expect(coverage.incomplete).toBe(false)
  })

  it('gives the names of added and renamed files as lines of their own, patch or none', async () => {
    const recorder = new CoverageRecorder('changed', 'git', 'commit')
    const lines = await drain(
      restAddedLines({ kind: 'commit', sha: fakeSha(1000) }, options(), recorder, 'commit')
    )
    expect(lines.filter(line => line.inFileName)).toEqual(
      ['logo.png', 'renamed.txt'].map(path => ({
        path,
        line: 0,
        text: path,
        inFileName: true,
        commit: fakeSha(1000)
      }))
    )
  })

  it('pages through a commit with 350 files', async () => {
    const { lines } = await collect({ kind: 'commit', sha: fakeSha(1002) })
    expect(lines).toHaveLength(350)
    expect(github.requestsTo(`/repos/octo/widgets/commits/${fakeSha(1002)}`)).toHaveLength(4)
  })
})

describe('failures end in the coverage, never as a crash or a hang', () => {
  it('403 with the rate limit exhausted: a clear message, no retries', async () => {
    github.intercept = () => ({
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1900000000' },
      body: { message: 'API rate limit exceeded' }
    })
    const { lines, coverage } = await collect({ kind: 'pull', pullNumber: 1 })
    expect(lines).toEqual([])
    expect(coverage.incomplete).toBe(true)
    expect(coverage.skipped[0].reason).toBe(
      'GitHub API rate limit exhausted (resets at 2030-03-17T17:46:40.000Z)'
    )
    expect(github.requests).toHaveLength(1)
  })

  it('a rate limit that resets within a minute is waited for once, logged, and the scan completes', async () => {
    let limited = 0
    github.intercept = request =>
      request.path.endsWith('/pulls/1/commits') && limited++ === 0
        ? {
            status: 403,
            headers: {
              'x-ratelimit-remaining': '0',
              'x-ratelimit-reset': String(Math.floor(Date.now() / 1000))
            },
            body: { message: 'API rate limit exceeded' }
          }
        : undefined
    const log: string[] = []
    const { lines, coverage } = await collect(
      { kind: 'pull', pullNumber: 1, expectedCommits: 120 },
      { log: m => log.push(m) }
    )
    expect(lines).toHaveLength(120)
    expect(coverage.incomplete).toBe(false)
    expect(log).toEqual(
      expect.arrayContaining([expect.stringMatching(/^GitHub API primary rate limit: waiting \d+ s/)])
    )
  })

  it('a secondary rate limit is waited for as its retry-after says', async () => {
    let limited = 0
    github.intercept = request =>
      request.path.endsWith('/pulls/1/commits') && limited++ === 0
        ? {
            status: 403,
            headers: { 'retry-after': '1' },
            body: {
              message:
                'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.'
            }
          }
        : undefined
    const log: string[] = []
    const { lines } = await collect(
      { kind: 'pull', pullNumber: 1, expectedCommits: 120 },
      { log: m => log.push(m) }
    )
    expect(lines).toHaveLength(120)
    expect(log).toContain('GitHub API secondary rate limit: waiting 1 s for its reset')
  })

  it('403 Resource not accessible by integration: names the permissions to grant', async () => {
    github.intercept = () => ({ status: 403, body: { message: 'Resource not accessible by integration' } })
    const { coverage } = await collect({ kind: 'pull', pullNumber: 1 })
    expect(coverage.skipped[0]).toMatchObject({
      reason: expect.stringMatching(/Resource not accessible by integration/),
      fix: expect.stringMatching(/contents: read.*pull-requests: read/)
    })
  })

  it('404: says what may be invisible to the token', async () => {
    const { coverage } = await collect({ kind: 'pull', pullNumber: 99 })
    expect(coverage).toMatchObject({ incomplete: true })
    expect(coverage.skipped[0].reason).toMatch(/^not found \(404\)/)
  })

  it('5xx: retried a bounded number of times, then reported', async () => {
    github.intercept = () => ({ status: 502, body: { message: 'Bad Gateway' } })
    const { coverage } = await collect({ kind: 'pull', pullNumber: 1 }, { retries: 2 })
    expect(github.requests).toHaveLength(3)
    expect(coverage.skipped[0].reason).toBe('GitHub API error 502 after 3 attempts')
  })

  it('a transient 503 on one commit is retried and the scan completes', async () => {
    let failures = 0
    github.intercept = request =>
      request.path.endsWith(`/commits/${fakeSha(7)}`) && failures++ === 0 ? { status: 503 } : undefined
    const { lines, coverage } = await collect({ kind: 'pull', pullNumber: 1 })
    expect(lines).toHaveLength(120)
    expect(coverage.incomplete).toBe(false)
  })

  it('a commit that keeps failing is reported as not scanned while the others are', async () => {
    github.intercept = request =>
      request.path.endsWith(`/commits/${fakeSha(7)}`) ? { status: 500 } : undefined
    const { lines, coverage } = await collect({ kind: 'pull', pullNumber: 1 }, { retries: 1 })
    expect(lines).toHaveLength(119)
    expect(coverage.incomplete).toBe(true)
    expect(coverage.skipped).toEqual([expect.objectContaining({ what: `commit ${fakeSha(7).slice(0, 7)}` })])
  })

  it('a server that does not answer times out instead of hanging', async () => {
    github.intercept = () => ({ status: 200, body: [], delayMs: 5000 })
    const started = Date.now()
    const { coverage } = await collect({ kind: 'pull', pullNumber: 1 }, { requestTimeoutMs: 100, retries: 1 })
    expect(Date.now() - started).toBeLessThan(3000)
    expect(coverage.skipped[0].reason).toMatch(/could not reach the GitHub API after 2 attempt/)
  })

  it('does not follow a next-page link to another host: the token stays with GITHUB_API_URL', async () => {
    const other = await FakeGitHub.start({ ...repository, commits, pulls: { 1: [fakeSha(1)] } })
    try {
      github.intercept = request =>
        request.path.endsWith('/pulls/1/commits')
          ? {
              status: 200,
              headers: { link: `<${other.url}/repos/octo/widgets/pulls/1/commits?page=2>; rel="next"` },
              body: []
            }
          : undefined
      const { coverage } = await collect({ kind: 'pull', pullNumber: 1 })
      expect(coverage.incomplete).toBe(true)
      expect(coverage.skipped[0]).toMatchObject({
        reason: expect.stringMatching(/outside GITHUB_API_URL/),
        fix: 'check GITHUB_API_URL'
      })
      expect(github.requests).toHaveLength(1)
      expect(other.requests).toEqual([])
    } finally {
      await other.close()
    }
  })
})
