/**
 * Fault injection through the built action (dist/index.js as the runner runs it), against loopback servers
 * only. Every fault ends in its documented key-status and cause with a clear message, no crash or unhandled
 * rejection, the exit code `fail-on` asks for, and a wall-clock time inside the documented bound:
 * per probe `attempts × timeout + backoff` (at most `3 × timeout + 2 × 10 s` with the cap on `retry-after`).
 * The GitHub REST fallback's faults are in faults-github.test.ts.
 */
import { describe, expect, it } from '@jest/globals'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { RATE_LIMIT_EXCEEDED } from '../fixtures/openai-bodies.js'
import { modelsListFixture, respond } from '../helpers/fake-openai.js'
import { actionSession } from '../helpers/action-session.js'
import { makeKey } from '../helpers/keys.js'
import { type ActionRun, type RunOptions } from '../helpers/runner-harness.js'
import { expectNoKey } from '../helpers/no-key.js'
import {
  RUN_OVERHEAD_MS,
  expectCleanEnd,
  expectExit,
  expectOnlyOurCommands,
  probeBoundMs,
  readable
} from './support.js'

const KEY = makeKey('project', 401)
const TIMEOUT_S = 0.5
const TIMEOUT_MS = TIMEOUT_S * 1000
const OUR_TITLES =
  /^(OpenAI key [a-z-]+ \([a-z-]+\)|Part of the change was not scanned|openai-key-doctor|Committed |\d+ committed keys? found)/
const session = actionSession({ validKeys: [KEY] })

async function doctor(inputs: Record<string, string>, options: RunOptions = {}): Promise<ActionRun> {
  const run = await session.run({
    timeoutMs: 30_000,
    ...options,
    inputs: {
      'api-key': KEY,
      'base-url': session.fake.baseUrl,
      scan: 'none',
      timeout: String(TIMEOUT_S),
      ...inputs
    }
  })
  expectCleanEnd(run)
  expectOnlyOurCommands(run, OUR_TITLES)
  expectNoKey(run, KEY)
  return run
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>(resolve => server.close(() => resolve()))
  return port
}

describe('OpenAI API faults: the key check ends undetermined, never invalid, and on time', () => {
  it('DNS failure (a .invalid host): unreachable / network-error, retried, bounded', async () => {
    const run = await doctor({
      'base-url': 'https://okd-fault-injection.invalid/v1',
      'fail-on': 'unreachable'
    })
    expect(run.outputs).toMatchObject({ 'key-status': 'unreachable', cause: 'network-error' })
    expectExit(run, true)
    expect(readable(run.summary)).toMatch(/The error: (ENOTFOUND|EAI_AGAIN)/)
    expect(readable(run.summary)).toContain('The API was asked 3 times, with backoff between attempts.')
    expect(readable(run.summary)).toContain('okd-fault-injection.invalid')
    expect(run.durationMs).toBeLessThan(probeBoundMs(TIMEOUT_MS) + RUN_OVERHEAD_MS)
  })

  it('connection refused: unreachable / network-error after 3 attempts; passes with the default fail-on', async () => {
    const port = await closedPort()
    const run = await doctor({ 'base-url': `http://127.0.0.1:${port}/v1` })
    expect(run.outputs).toMatchObject({ 'key-status': 'unreachable', cause: 'network-error' })
    expectExit(run, false)
    expect(readable(run.summary)).toMatch(/The error: ECONNREFUSED/)
    expect(readable(run.summary)).toContain('The API was asked 3 times, with backoff between attempts.')
    const warning = run.annotations.find(annotation => annotation.level === 'warning')
    expect(warning?.properties.title).toBe('OpenAI key unreachable (network-error)')
    expect(run.durationMs).toBeLessThan(probeBoundMs(TIMEOUT_MS) + RUN_OVERHEAD_MS)
  })

  it('a reset in the middle of the body: unreachable / network-error, every attempt made', async () => {
    session.fake.script('GET /v1/models', respond.resetMidBody())
    const run = await doctor({ 'fail-on': 'key,unreachable' })
    expect(run.outputs).toMatchObject({ 'key-status': 'unreachable', cause: 'network-error' })
    expectExit(run, true)
    expect(session.fake.requestsTo('/v1/models')).toHaveLength(3)
    expect(readable(run.summary)).toMatch(/The error: (ECONNRESET|UND_ERR_SOCKET)/)
    expect(readable(run.summary)).toContain('The API was asked 3 times, with backoff between attempts.')
    expect(run.durationMs).toBeLessThan(probeBoundMs(TIMEOUT_MS) + RUN_OVERHEAD_MS)
  })

  it('a reset mid-body that clears up: the retry answers and the key is valid', async () => {
    session.fake.script('GET /v1/models', respond.resetMidBody(), respond.likeOpenAI())
    const run = await doctor({})
    expect(run.outputs).toMatchObject({ 'key-status': 'valid', cause: 'none' })
    expectExit(run, false)
    expect(session.fake.requestsTo('/v1/models')).toHaveLength(2)
    expect(run.summary).toContain('asked 2 times')
  })

  it('a slow drip that never ends: the per-attempt timeout covers the whole body (unreachable / timeout)', async () => {
    session.fake.script('GET /v1/models', respond.drip({ intervalMs: 50 }))
    const run = await doctor({})
    expect(run.outputs).toMatchObject({ 'key-status': 'unreachable', cause: 'timeout' })
    expectExit(run, false)
    expect(session.fake.requestsTo('/v1/models')).toHaveLength(3)
    expect(readable(run.summary)).toMatch(/The timeout was 0\.5 s per attempt\./)
    // The attempts are said once, in a note.
    expect(readable(run.summary).split('3 times')).toHaveLength(2)
    expect(readable(run.summary)).not.toMatch(/after 3 attempts/)
    expect(run.durationMs).toBeLessThan(probeBoundMs(TIMEOUT_MS) + RUN_OVERHEAD_MS)
  })

  it('truncated JSON with 200: unreachable / server-error (not a model list), not retried', async () => {
    session.fake.script('GET /v1/models', respond.truncatedJson(modelsListFixture(['gpt-4o'])))
    const run = await doctor({ 'fail-on': 'unreachable' })
    expect(run.outputs).toMatchObject({ 'key-status': 'unreachable', cause: 'server-error' })
    expectExit(run, true)
    expect(session.fake.requestsTo('/v1/models')).toHaveLength(1)
    expect(readable(run.summary)).toMatch(/not an API answer/)
  })

  it('an HTML error page from a proxy: unreachable / server-error naming the proxy page', async () => {
    session.fake.script('GET /v1/models', respond.html(502))
    const run = await doctor({})
    expect(run.outputs).toMatchObject({ 'key-status': 'unreachable', cause: 'server-error' })
    expectExit(run, false)
    expect(session.fake.requestsTo('/v1/models')).toHaveLength(3)
    expect(readable(run.summary)).toMatch(/HTML page comes from a proxy/)
    expect(run.summary).not.toMatch(/<html|<title|<center/i)
    expect(run.durationMs).toBeLessThan(probeBoundMs(TIMEOUT_MS) + RUN_OVERHEAD_MS)
  })

  it('a storm of 5xx: 3 attempts with backoff, then unreachable / server-error', async () => {
    session.fake.script(
      'GET /v1/models',
      respond.with({
        status: 503,
        body: { error: { message: 'The server is overloaded', type: 'server_error' } }
      })
    )
    const started = Date.now()
    const run = await doctor({ 'fail-on': 'unreachable' })
    expect(run.outputs).toMatchObject({ 'key-status': 'unreachable', cause: 'server-error' })
    expectExit(run, true)
    expect(session.fake.requestsTo('/v1/models')).toHaveLength(3)
    expect(readable(run.summary)).toMatch(/HTTP 503/)
    expect(readable(run.summary)).toContain('The API was asked 3 times, with backoff between attempts.')
    // Backoff waited between attempts (at least 0.375 s + 0.75 s with full jitter), and not much more.
    expect(Date.now() - started).toBeGreaterThan(1_100)
    expect(run.durationMs).toBeLessThan(probeBoundMs(TIMEOUT_MS) + RUN_OVERHEAD_MS)
  })

  it('429 with a very long retry-after: rate-limited at once, without waiting an hour', async () => {
    session.fake.script('GET /v1/models', respond.with(RATE_LIMIT_EXCEEDED, { 'retry-after': '3600' }))
    const run = await doctor({})
    expect(run.outputs).toMatchObject({ 'key-status': 'unreachable', cause: 'rate-limited' })
    expectExit(run, false)
    expect(session.fake.requestsTo('/v1/models')).toHaveLength(1)
    expect(readable(run.summary)).toMatch(/rate limit/)
    expect(run.durationMs).toBeLessThan(RUN_OVERHEAD_MS)
  })
})
