/**
 * Fault injection on the GitHub REST fallback path, through the built action: when git cannot get a pull
 * request's commits and the REST API then fails (rate limit, 404, 5xx), the scan is reported incomplete with the
 * reason and the fix, never clean, and the run ends on time (per request: 3 attempts, waits of 1 s and 2 s).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { FakeGitHub } from '../helpers/fake-github.js'
import { GitFixture } from '../helpers/git-fixtures.js'
import { makeKey } from '../helpers/keys.js'
import { cleanup, runAction, type ActionRun, type RunOptions } from '../helpers/runner-harness.js'
import { expectNoKey } from '../helpers/no-key.js'
import { RUN_OVERHEAD_MS, expectCleanEnd, expectExit, expectOnlyOurCommands, readable } from './support.js'

const KEY = makeKey('project', 402)
const OUR_TITLES =
  /^(OpenAI key [a-z-]+ \([a-z-]+\)|Part of the change was not scanned|openai-key-doctor|Committed |not everything could be scanned|\d+ committed keys? found)/
const runs: ActionRun[] = []

afterEach(() => {
  for (const run of runs.splice(0)) cleanup(run)
})

async function doctor(inputs: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
  const run = await runAction({ timeoutMs: 30_000, ...options, inputs: { 'api-key': KEY, ...inputs } })
  runs.push(run)
  expectCleanEnd(run)
  expectOnlyOurCommands(run, OUR_TITLES)
  expectNoKey(run, KEY)
  return run
}

describe('GitHub REST fallback faults: the scan is reported incomplete, never clean', () => {
  let fx: GitFixture
  let github: FakeGitHub
  let event: Record<string, unknown>
  let workspace: string

  beforeAll(async () => {
    fx = new GitFixture()
    const base = fx.commit({ 'README.md': 'base\n' }, 'base')
    fx.push('main')
    const [head] = fx.importCommits('feature', base, [{ files: { 'app.txt': 'hello\n' } }])
    fx.push('feature')
    // A checkout git cannot complete: no origin to fetch the pull request's commits from.
    workspace = fx.shallowClone('main')
    fx.git(workspace, ['remote', 'remove', 'origin'])
    event = {
      repository: { full_name: 'octo/app' },
      pull_request: {
        number: 9,
        commits: 1,
        base: { sha: base, repo: { full_name: 'octo/app' } },
        head: { sha: head, repo: { full_name: 'octo/app' } }
      }
    }
    github = await FakeGitHub.start({ owner: 'octo', repo: 'app', commits: [], pulls: { 9: [head] } })
  })
  afterAll(async () => {
    await github?.close()
    fx?.cleanup()
  })
  afterEach(() => {
    github.intercept = undefined
    github.requests.length = 0
  })

  async function scanPullRequest(): Promise<ActionRun> {
    return doctor(
      { scan: 'changed', liveness: 'false' },
      { eventName: 'pull_request', event, workspace, env: { GITHUB_API_URL: github.url } }
    )
  }

  function expectIncomplete(run: ActionRun, reason: RegExp): void {
    expect(run.outputs).toMatchObject({ leaks: '0', 'key-status': 'unchecked' })
    expect(run.summary).toContain('The requested range was NOT fully scanned')
    expect(run.summary).toContain('What was scanned (incomplete)')
    expect(run.summary).not.toContain('Committed keys: none found\n')
    expect(readable(run.summary)).toMatch(reason)
    const warning = run.annotations.find(
      annotation => annotation.properties.title === 'Part of the change was not scanned for keys'
    )
    expect(warning?.message).toMatch(reason)
    expect(github.requests.length).toBeGreaterThan(0)
    expect(
      github.requests.every(request =>
        request.authorization?.endsWith('faketoken0000000000000000000000000000')
      )
    ).toBe(true)
  }

  it('403 with x-ratelimit-remaining: 0 says the rate limit is exhausted and when it resets', async () => {
    github.intercept = () => ({
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1900000000' },
      body: { message: 'API rate limit exceeded for installation.' }
    })
    const run = await scanPullRequest()
    // A range that could not be scanned fails `fail-on: leak` (a key there would pass unseen).
    expectExit(run, true)
    expectIncomplete(run, /rate limit exhausted \(resets at 2030-03-17T17:46:40\.000Z\)/)
    expect(github.requests).toHaveLength(1)
  })

  it('404 says the pull request is not visible to the token and which permissions to grant', async () => {
    github.intercept = () => ({ status: 404, body: { message: 'Not Found' } })
    const run = await scanPullRequest()
    // A range that could not be scanned fails `fail-on: leak` (a key there would pass unseen).
    expectExit(run, true)
    expectIncomplete(run, /not found \(404\)/)
    expect(readable(run.summary)).toContain('pull-requests: read')
    expect(github.requests).toHaveLength(1)
  })

  it('5xx on every attempt: retried with backoff, then reported with the status', async () => {
    github.intercept = () => ({ status: 502, body: { message: 'Server Error' } })
    const run = await scanPullRequest()
    // A range that could not be scanned fails `fail-on: leak` (a key there would pass unseen).
    expectExit(run, true)
    expectIncomplete(run, /GitHub API error 502 after 3 attempt/)
    expect(github.requests).toHaveLength(3)
    // Octokit's back-off between the three attempts: 0.5 s, then 2 s.
    expect(run.durationMs).toBeLessThan(3_000 + RUN_OVERHEAD_MS)
  })
})
