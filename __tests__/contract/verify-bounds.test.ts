/**
 * Contract tests of how far the built action's verify-leaks goes with keys a pull request brings: a fork's keys are
 * never probed (the workflow must not become a key-checking oracle for whoever opens a pull request), and a change
 * with many keys gets at most MAX_VERIFIED_KEYS probes. The summary says so either way. `required-models` entries
 * are model ids (never `.` or `..`, which would probe another path), at most MAX_REQUIRED_MODELS of them.
 */
import { describe, expect, it } from '@jest/globals'
import { MAX_VERIFIED_KEYS } from '../../src/engine/verify-leaks.js'
import { MAX_REQUIRED_MODELS } from '../../src/settings/action-inputs.js'
import { actionSession } from '../helpers/action-session.js'
import { makeKey } from '../helpers/keys.js'
import { expectNoKeys, keysSentTo, pullRequest, summaryText } from './leak-scan-support.js'

const CONFIGURED_KEY = makeKey('project', 1501)
const LIVE = makeKey('project', 1502)
const session = actionSession({ validKeys: [CONFIGURED_KEY, LIVE] })

describe('verify-leaks bounds', () => {
  it('never probes the keys of a fork pull request, and says so', async () => {
    const pull = pullRequest(session.fixture(), [{ files: { '.env': `OPENAI_API_KEY=${LIVE}\n` } }])
    const payload = pull.event.pull_request as { head: { repo: { full_name: string } } }
    payload.head.repo.full_name = 'mallory/app'
    const run = await session.run({
      eventName: 'pull_request',
      event: pull.event,
      workspace: pull.checkout,
      env: { GITHUB_SHA: pull.merge },
      // GitHub withholds secrets from a fork's pull_request run: no api-key.
      inputs: { 'api-key': '', 'base-url': session.fake.baseUrl }
    })
    expect(run.outputs).toMatchObject({ leaks: '1', 'live-leaks': '0' })
    expect(keysSentTo(session.fake).has(LIVE)).toBe(false)
    expect(session.fake.requests).toHaveLength(0)
    expect(summaryText(run)).toMatch(
      /1 found key was not checked live: keys found in a fork pull request are never sent[^.]*\. Treat it as live\./
    )
    expectNoKeys(run, [LIVE])
  })

  it(`probes at most ${MAX_VERIFIED_KEYS} found keys per run, and says how many it left`, async () => {
    const keys = Array.from({ length: MAX_VERIFIED_KEYS + 5 }, (_, index) => makeKey('project', 1600 + index))
    const pull = pullRequest(session.fixture(), [
      { files: { '.env': keys.map((key, index) => `KEY_${index}=${key}\n`).join('') } }
    ])
    const run = await session.run({
      eventName: 'pull_request',
      event: pull.event,
      workspace: pull.checkout,
      env: { GITHUB_SHA: pull.merge },
      inputs: { 'api-key': CONFIGURED_KEY, 'base-url': session.fake.baseUrl }
    })
    expect(run.outputs.leaks).toBe(String(keys.length))
    const probed = keys.filter(key => keysSentTo(session.fake).has(key))
    expect(probed.length).toBe(MAX_VERIFIED_KEYS)
    expect(summaryText(run)).toMatch(
      new RegExp(
        `5 more found keys were not checked live: at most ${MAX_VERIFIED_KEYS} are checked per run\\. Treat them as live\\.`
      )
    )
    expectNoKeys(run, [CONFIGURED_KEY, ...keys])
  })
})

describe('required-models bounds', () => {
  it('probes a provider id with a slash by its path, segment by segment', async () => {
    const run = await session.run({
      inputs: {
        'api-key': CONFIGURED_KEY,
        'base-url': session.fake.baseUrl,
        scan: 'none',
        'required-models': 'openai/gpt-4o, gpt-4o-mini'
      }
    })
    const paths = session.fake.requests.map(request => request.path)
    expect(paths).toContain('/v1/models/openai/gpt-4o')
    expect(paths).toContain('/v1/models/gpt-4o-mini')
    expectNoKeys(run, [CONFIGURED_KEY])
  })

  it.each([['.'], ['..'], ['gpt-4o/../../admin'], ['a b'], ['x?y=1']])(
    'refuses %s as a model id, before any request',
    async model => {
      const run = await session.run({
        inputs: { 'api-key': CONFIGURED_KEY, 'base-url': session.fake.baseUrl, 'required-models': model }
      })
      expect(run.exitCode).toBe(1)
      expect(run.annotations.find(a => a.level === 'error')?.message).toMatch(
        /Input 'required-models' has .* which is not a model id/
      )
      expect(session.fake.requests).toHaveLength(0)
    }
  )

  it(`refuses more than ${MAX_REQUIRED_MODELS} models`, async () => {
    const models = Array.from({ length: MAX_REQUIRED_MODELS + 1 }, (_, index) => `model-${index}`)
    const run = await session.run({
      inputs: {
        'api-key': CONFIGURED_KEY,
        'base-url': session.fake.baseUrl,
        'required-models': models.join(',')
      }
    })
    expect(run.exitCode).toBe(1)
    expect(run.annotations.find(a => a.level === 'error')?.message).toMatch(
      new RegExp(`lists ${MAX_REQUIRED_MODELS + 1} models; at most ${MAX_REQUIRED_MODELS}`)
    )
    expect(session.fake.requests).toHaveLength(0)
  })
})
