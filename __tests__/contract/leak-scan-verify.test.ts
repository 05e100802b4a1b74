/**
 * Contract tests of what the built action does with the keys it finds in a pull request: checks OpenAI keys
 * live (and only those), names the workflow's own key when it is committed, explains an invalid key by its
 * leak, and keeps annotations within the runner's limits, most severe first.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { actionSession } from '../helpers/action-session.js'
import { anthropicKey, BASE64URL, makeKey, MARKER, randomText, type KeyKind } from '../helpers/keys.js'
import { type ActionRun, type RunOptions } from '../helpers/runner-harness.js'
import {
  annotationsAt,
  columnOf,
  expectAnnotationAt,
  expectMasked,
  expectNoKeys,
  fillerCommits,
  keysSentTo,
  leakAnnotations,
  pullRequest,
  redacted,
  startHangingFront,
  summaryText,
  type PullRequest
} from './leak-scan-support.js'
import { leakRows as readLeakRows, type LeakRow } from '../helpers/summary-leaks.js'

const CONFIGURED_KEY = makeKey('project', 401)
const LIVE = makeKey('project', 402)
const DEAD = makeKey('legacy', 403)
const HANGING = makeKey('service-account', 404)
const ANTHROPIC = anthropicKey(405)

const session = actionSession({ validKeys: [CONFIGURED_KEY, LIVE] })

function pr(commits: Parameters<typeof pullRequest>[1]): PullRequest {
  return pullRequest(session.fixture(), commits)
}

async function scanPull(pull: PullRequest, inputs: Record<string, string>, options: RunOptions = {}) {
  const run = await session.run({
    eventName: 'pull_request',
    event: pull.event,
    workspace: pull.checkout,
    ...options,
    env: { GITHUB_SHA: pull.merge, ...options.env },
    inputs: { 'api-key': CONFIGURED_KEY, 'base-url': session.fake.baseUrl, ...inputs }
  })
  return run
}

function leakRows(run: ActionRun): LeakRow[] {
  return readLeakRows(summaryText(run))
}

describe('verify-leaks', () => {
  let pull: PullRequest
  const lines = {
    live: `OPENAI_API_KEY=${LIVE}`,
    dead: `LEGACY_KEY="${DEAD}"`,
    hanging: `  service_key: '${HANGING}'`,
    anthropic: `ANTHROPIC_API_KEY=${ANTHROPIC}`
  }

  beforeAll(() => {
    pull = pr(
      fillerCommits(3, {
        0: { '.env.production': `${lines.live}\n${lines.dead}\n` },
        1: { 'deploy/values.yaml': `service:\n${lines.hanging}\n` },
        2: { 'scripts/claude.env': `${lines.anthropic}\n` }
      })
    )
  })

  it('checks each found OpenAI key live: live, dead, unknown; live-leaks counts the live one; fail-on live-leak fails', async () => {
    const front = await startHangingFront(session.fake, HANGING)
    try {
      const run = await scanPull(pull, { 'base-url': front.baseUrl, timeout: '0.3', 'fail-on': 'live-leak' })
      expect(run.exitCode).toBe(1)
      expect(run.outputs).toMatchObject({ 'key-status': 'valid', leaks: '4', 'live-leaks': '1' })

      // Only OpenAI keys reach the API (the configured key and three found ones); the Anthropic key never does.
      expect(keysSentTo(session.fake)).toEqual(new Set([CONFIGURED_KEY, LIVE, DEAD]))
      expect(front.held.length).toBeGreaterThanOrEqual(1)
      expect(session.fake.requests.every(request => request.path === '/v1/models')).toBe(true)

      const rows = leakRows(run)
      const groupOf = (key: string) => rows.find(row => row.row.includes(redacted(key)))?.group
      expect(groupOf(LIVE)).toMatch(/^🔴 1 live/)
      expect(groupOf(DEAD)).toMatch(/^⚫ 1 dead/)
      expect(groupOf(HANGING)).toMatch(/^❔ 1 not known to be live or dead/)
      expect(groupOf(ANTHROPIC)).toMatch(/^1 not verified/)
      // Live first, then unknown, then not verified (the Anthropic key), then dead.
      expect(
        rows.map(row => [LIVE, HANGING, ANTHROPIC, DEAD].findIndex(key => row.row.includes(redacted(key))))
      ).toEqual([0, 1, 2, 3])
      expect(summaryText(run)).toMatch(/Committed keys: 4 found\n/)

      const live = expectAnnotationAt(run, {
        file: '.env.production',
        line: 1,
        col: columnOf(lines.live, LIVE),
        key: LIVE
      })
      expect(live.properties.title).toMatch(/\(LIVE\)/)
      expect(live.message).toMatch(/Verified LIVE/)
      expect(
        expectAnnotationAt(run, {
          file: '.env.production',
          line: 2,
          col: columnOf(lines.dead, DEAD),
          key: DEAD
        }).message
      ).toMatch(/Verified dead/)
      expect(
        expectAnnotationAt(run, {
          file: 'deploy/values.yaml',
          line: 2,
          col: columnOf(lines.hanging, HANGING),
          key: HANGING
        }).message
      ).toMatch(/Liveness unknown/)
      expectAnnotationAt(run, {
        file: 'scripts/claude.env',
        line: 1,
        col: columnOf(lines.anthropic, ANTHROPIC),
        key: ANTHROPIC,
        level: 'warning'
      })
      expect(annotationsAt(run, 'error').some(a => !a.properties.file && /live/.test(a.message))).toBe(true)

      expectMasked(run, [LIVE, DEAD, HANGING, ANTHROPIC])
      expectNoKeys(run, [CONFIGURED_KEY, LIVE, DEAD, HANGING, ANTHROPIC])
    } finally {
      await front.close()
    }
  })

  it("sends no token without an OpenAI key's shape: an unmarked kind prefix is the generic warning, a marker near an end nothing", async () => {
    const tokens = {
      unmarked: `sk-proj-${randomText(100, BASE64URL, 420)}`,
      nearStart: `sk-admin-short${MARKER}${randomText(80, BASE64URL, 421)}`,
      nearEnd: `sk-proj-${randomText(74, BASE64URL, 422)}${MARKER}${randomText(19, BASE64URL, 423)}`
    }
    const file = Object.entries(tokens)
      .map(([name, token]) => `${name.toUpperCase()}=${token}\n`)
      .join('')
    const run = await scanPull(pr(fillerCommits(1, { 0: { 'config/tokens.env': file } })), {})
    expect([...keysSentTo(session.fake)].map(redacted)).toEqual([redacted(CONFIGURED_KEY)])
    expect(run.outputs).toMatchObject({ leaks: '1', 'live-leaks': '0' })
    const [generic, ...others] = leakAnnotations(run)
    expect(others).toEqual([])
    expect(generic).toMatchObject({ level: 'warning', properties: { file: 'config/tokens.env', line: '1' } })
    expect(generic.properties.title).not.toMatch(/OpenAI/)
    expectNoKeys(run, [CONFIGURED_KEY, ...Object.values(tokens)])
  })

  it('with verify-leaks: false nothing found is sent, nothing is live, and fail-on live-leak passes', async () => {
    const run = await scanPull(pull, { 'verify-leaks': 'false', 'fail-on': 'live-leak' })
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ leaks: '4', 'live-leaks': '0' })
    expect(keysSentTo(session.fake)).toEqual(new Set([CONFIGURED_KEY]))
    expect(leakRows(run).every(row => row.group === '4 not checked live')).toBe(true)
    expectNoKeys(run, [CONFIGURED_KEY, LIVE, DEAD, HANGING, ANTHROPIC])
  })

  it('with liveness: false the summary names that input, and counts what the allow-list accepted', async () => {
    const allowed = pr(
      fillerCommits(1, {
        0: {
          'test/fixture.env': `${lines.dead} # openai-key-doctor:allow
${lines.live}
`
        }
      })
    )
    const run = await scanPull(allowed, { liveness: 'false' })
    expect(run.outputs).toMatchObject({ leaks: '1', 'live-leaks': '0' })
    expect(session.fake.requests).toHaveLength(0)
    const summary = summaryText(run)
    expect(summary).toContain('Liveness was not checked (`liveness: false`).')
    expect(summary).not.toContain('verify-leaks: false')
    expect(summary).toContain('- 1 finding allowed by the allow-list (1 inline marker)')
    expectNoKeys(run, [CONFIGURED_KEY, LIVE, DEAD])
  })
})

describe("the workflow's own key committed in the pull request", () => {
  const REVOKED = makeKey('project', 410)
  const line = (key: string) => `client = OpenAI(api_key="${key}")`

  it('is one critical finding named as the configured key, and checked once', async () => {
    const pull = pr(fillerCommits(2, { 1: { 'app/main.py': `import os\n${line(CONFIGURED_KEY)}\n` } }))
    const run = await scanPull(pull, {})
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ 'key-status': 'valid', leaks: '1', 'live-leaks': '1' })
    const annotation = expectAnnotationAt(run, {
      file: 'app/main.py',
      line: 2,
      col: columnOf(line(CONFIGURED_KEY), CONFIGURED_KEY),
      key: CONFIGURED_KEY
    })
    expect(annotation.properties.title).toBe(
      'The key this workflow uses (OpenAI project key) is committed (LIVE)'
    )
    const [row] = leakRows(run)
    expect(leakRows(run)).toHaveLength(1)
    expect(row.cells.Key).toMatch(/^` sk-proj-…\S{4} `$/)
    expect(row.shared).toContain('The key this workflow uses (OpenAI project key)')
    expect(row.shared).toContain(pull.prShas[1].slice(0, 7))
    // The configured key's own answer stands for its committed copy: one request, not two.
    expect(session.fake.requestsTo('/v1/models')).toHaveLength(1)
    expectNoKeys(run, [CONFIGURED_KEY])
  })

  it('when that key is invalid, the summary says leak detection most likely revoked it, and where it is committed', async () => {
    const pull = pr(fillerCommits(2, { 0: { 'app/main.py': `import os\n${line(REVOKED)}\n` } }))
    const run = await scanPull(pull, { 'api-key': REVOKED })
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ 'key-status': 'invalid', cause: 'invalid-api-key', leaks: '1' })
    const summary = summaryText(run)
    expect(summary).toMatch(
      /OpenAI's leak detection most likely revoked this key: it is committed at [^\n]*app\/main\.py/
    )
    expect(summary).toMatch(
      /- \*\*The configured key\*\*\n {2}- .*app\/main\.py.*: the key this workflow uses is committed here\n/
    )
    expect(summary).toContain(pull.prShas[0].slice(0, 7))
    expect(leakRows(run)[0].group).toMatch(/^⚫ 1 dead/)
    expect(leakRows(run)[0].cells.Key).toMatch(/\*\*this workflow's key\*\*$/)
    expectNoKeys(run, [REVOKED])
  })
})

describe('annotation caps', () => {
  it('25 leaks: at most 10 error annotations, the critical one first, then one notice pointing to the summary', async () => {
    const kinds: KeyKind[] = ['legacy', 'project', 'service-account', 'admin', 'none', 'project-58']
    const keys = Array.from({ length: 20 }, (_, index) => makeKey(kinds[index % kinds.length], 420 + index))
    const warnings = Array.from({ length: 4 }, (_, index) => anthropicKey(450 + index))
    const pull = pr([
      {
        files: {
          'a/keys.env': keys.map((key, index) => `KEY_${index}=${key}`).join('\n') + '\n',
          'b/claude.env': warnings.map((key, index) => `CLAUDE_${index}=${key}`).join('\n') + '\n',
          'z/own.py': `KEY = "${CONFIGURED_KEY}"\n`
        }
      }
    ])
    const run = await scanPull(pull, { 'verify-leaks': 'false' })
    expect(run.exitCode).toBe(1)
    expect(run.outputs.leaks).toBe('25')

    const errors = annotationsAt(run, 'error')
    expect(errors.length).toBeLessThanOrEqual(10)
    const errorLeaks = errors.filter(annotation => annotation.properties.file)
    // One error slot is kept for the step's failure message, which the runner would otherwise drop.
    expect(errorLeaks).toHaveLength(9)
    expect(errors.filter(annotation => !annotation.properties.file)).toHaveLength(1)
    expect(errorLeaks[0].properties).toMatchObject({ file: 'z/own.py', line: '1' })
    expect(errorLeaks[0].properties.title).toContain('The key this workflow uses')
    expect(errorLeaks.slice(1).every(annotation => annotation.properties.file === 'a/keys.env')).toBe(true)
    expect(errorLeaks.slice(1).map(annotation => Number(annotation.properties.line))).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8
    ])
    expect(annotationsAt(run, 'warning').filter(annotation => annotation.properties.file)).toHaveLength(4)

    const notices = annotationsAt(run, 'notice')
    expect(notices).toHaveLength(1)
    expect(notices[0].message).toMatch(/^12 more leaked keys \(12 errors\) not annotated/)
    expect(notices[0].message).toContain('The job summary lists every leak')
    expect(leakAnnotations(run)).toHaveLength(13)

    // The summary lists all 25.
    expect(leakRows(run)).toHaveLength(25)
    expectNoKeys(run, [CONFIGURED_KEY, ...keys, ...warnings])
  })
})
