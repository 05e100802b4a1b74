/**
 * Contract tests: the built dist/index.js run as a child process with a runner's environment, against a
 * loopback server that answers like the OpenAI API. Every test checks that the key appears nowhere.
 */
import { describe, expect, it } from '@jest/globals'
import { INSUFFICIENT_QUOTA } from '../fixtures/openai-bodies.js'
import { respond } from '../helpers/fake-openai.js'
import { actionSession } from '../helpers/action-session.js'
import { expectNoKey } from '../helpers/no-key.js'
import { makeKey } from '../helpers/keys.js'
import type { ActionRun, RunOptions } from '../helpers/runner-harness.js'

const KEY = makeKey('project', 11)
const OTHER_KEY = makeKey('project', 12)
const session = actionSession({
  validKeys: [KEY],
  organization: 'org-right',
  models: ['gpt-4o', 'gpt-4o-mini']
})

async function doctor(inputs: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
  const run = await session.run({
    ...options,
    inputs: { 'base-url': session.fake.baseUrl, scan: 'none', ...inputs }
  })
  return run
}

/** The runner masks a value only after ::add-mask::, so it must come before anything else is printed. */
function expectMaskedFirst(run: ActionRun, key: string): void {
  const firstLine = run.stdout.split('\n')[0]
  expect(firstLine.startsWith('::add-mask::')).toBe(true)
  expect(run.masks).toContain(key.trim())
}

describe('the key doctor, run as the runner runs it', () => {
  it('reports a valid key: status valid, cause none, the key type, exit 0', async () => {
    const run = await doctor({ 'api-key': KEY })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({
      'key-status': 'valid',
      cause: 'none',
      'key-type': 'project',
      leaks: '0'
    })
    expect(run.summary).toMatch(/Key: ` ?valid ?` · cause: ` ?none ?`/)
    // A valid key needs no 401 explained: the checklist is there, collapsed, for an app that still gets one.
    expect(run.summary).toContain(
      '<details><summary>If your app still gets a 401 with this key: the 10 common causes</summary>'
    )
    expect(session.fake.requestsTo('/v1/models')).toHaveLength(1)
    expect(session.fake.requests[0].headers['openai-organization']).toBeUndefined()
    expectMaskedFirst(run, KEY)
    expectNoKey(run, KEY)
  })

  it('reports a revoked key as invalid-api-key and fails the step with the verdict', async () => {
    const run = await doctor({ 'api-key': OTHER_KEY })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({
      'key-status': 'invalid',
      cause: 'invalid-api-key',
      'key-type': 'project'
    })
    const failure = run.annotations.find(a => a.level === 'error' && !a.properties.file)
    expect(failure?.properties.title).toBe('OpenAI key invalid (invalid-api-key)')
    expect(failure?.message).toMatch(
      /^fail-on key: the key is invalid\. Key rejected by the API\. The server said: HTTP 401 invalid_api_key: /
    )
    expect(run.summary).toMatch(/revoked|Revoked/)
    expect(run.summary).toContain('req_')
    expectMaskedFirst(run, OTHER_KEY)
    expectNoKey(run, OTHER_KEY)
  })

  it('reports a trailing newline as malformed and says the key works without it', async () => {
    const run = await doctor({ 'api-key': `${KEY}\n` })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ 'key-status': 'malformed', cause: 'whitespace' })
    expect(run.summary).toMatch(/Without it\\, the key is live/)
    // Only the cleaned key was sent.
    expect(session.fake.requests.map(r => r.headers.authorization)).toEqual([`Bearer ${KEY}`])
    expectNoKey(run, KEY)
  })

  it('skips an empty key on a fork pull request without failing', async () => {
    const run = await doctor(
      { 'api-key': '' },
      {
        eventName: 'pull_request',
        event: {
          pull_request: {
            number: 7,
            base: { sha: 'a'.repeat(40), repo: { full_name: 'octo/app' } },
            head: { sha: 'b'.repeat(40), repo: { full_name: 'fork/app' } }
          }
        }
      }
    )
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ 'key-status': 'skipped', cause: 'fork-pull-request', 'key-type': '' })
    expect(run.summary).toMatch(/fork/i)
    expect(session.fake.requests).toHaveLength(0)
  })

  it('skips an empty key on a Dependabot run and names Dependabot secrets', async () => {
    const run = await doctor(
      { 'api-key': '' },
      { env: { GITHUB_ACTOR: 'dependabot[bot]', GITHUB_TRIGGERING_ACTOR: 'dependabot[bot]' } }
    )
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ 'key-status': 'skipped', cause: 'dependabot' })
    expect(run.summary).toMatch(/Dependabot secret/i)
  })

  it('reports an empty key on a push as a missing secret and fails', async () => {
    const run = await doctor({ 'api-key': '' })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ 'key-status': 'missing', cause: 'missing-secret', 'key-type': '' })
    expect(run.summary).toMatch(/environment/)
  })

  it('reports an organization mismatch as misconfigured and sends the header only because it is set', async () => {
    const run = await doctor({ 'api-key': KEY, organization: 'org-wrong' })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ 'key-status': 'misconfigured', cause: 'organization-mismatch' })
    expect(session.fake.requests[0].headers['openai-organization']).toBe('org-wrong')
    expectNoKey(run, KEY)
  })

  it('reports exhausted quota as no-quota: passes by default, fails with fail-on quota, never retried', async () => {
    session.fake.script('GET /v1/models', respond.with(INSUFFICIENT_QUOTA))
    const passing = await doctor({ 'api-key': KEY })
    expect(passing.exitCode).toBe(0)
    expect(passing.outputs).toMatchObject({ 'key-status': 'no-quota', cause: 'insufficient-quota' })
    expect(session.fake.requestsTo('/v1/models')).toHaveLength(1)

    const [warning] = passing.annotations.filter(a => a.level === 'warning')
    expect(warning.properties.title).toBe('OpenAI key no-quota (insufficient-quota)')
    // "<headline>. The server said: …. Fix: <fix>": the title says the status and cause code, the message the rest, once.
    // What the server said follows the headline: status once, code, message (the headline does not repeat them).
    expect(warning.message).toMatch(
      /^No quota or credit left\. The server said: HTTP 429 insufficient_quota: “You exceeded your current quota[^”]*”\. Fix: Add credit or raise the limit/
    )
    expect(`${warning.properties.title}\n${warning.message}`.split('No quota or credit left')).toHaveLength(2)

    const failing = await doctor({ 'api-key': KEY, 'fail-on': 'key,quota' })
    expect(failing.exitCode).toBe(1)
    expectNoKey(failing, KEY)
  })

  it('reports a server that never answers as unreachable/timeout within the documented bound', async () => {
    session.fake.script('GET /v1/models', respond.hang())
    const run = await doctor({ 'api-key': KEY, timeout: '0.5' })
    expect(run.outputs).toMatchObject({ 'key-status': 'unreachable', cause: 'timeout' })
    expect(run.exitCode).toBe(0)
    expect(session.fake.requestsTo('/v1/models')).toHaveLength(3)
    // 3 attempts x 0.5 s + 2 backoffs (at most 0.5 s and 1 s), plus start-up.
    expect(run.durationMs).toBeLessThan(8_000)
    expect(run.annotations.some(a => a.level === 'warning' && a.message.includes('timeout'))).toBe(true)
  })

  it('gates a deploy on required models: a missing model fails with model-not-accessible', async () => {
    const run = await doctor({ 'api-key': KEY, 'required-models': 'gpt-4o\ngpt-5-secret' })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ 'key-status': 'restricted', cause: 'model-not-accessible' })
    expect(session.fake.requestsTo('/v1/models/gpt-4o')).toHaveLength(1)
    expect(session.fake.requestsTo('/v1/models/gpt-5-secret')).toHaveLength(1)
    expect(run.summary).toContain('gpt-5-secret')
    expectNoKey(run, KEY)
  })

  it('stays offline with liveness false and reports unchecked', async () => {
    const run = await doctor({ 'api-key': KEY, liveness: 'false' })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ 'key-status': 'unchecked', cause: 'none', 'key-type': 'project' })
    expect(session.fake.requests).toHaveLength(0)
  })
})
