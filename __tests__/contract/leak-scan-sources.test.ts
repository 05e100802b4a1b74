/**
 * Contract tests of where the built action gets content and what it accepts: the GitHub REST API when git
 * cannot get a pull request (and a loud "not scanned" when neither can), the allowlist (marker, path glob,
 * fingerprint), and the file shapes that break naive scanners (binary, renamed, deleted, CRLF, non-UTF-8, a
 * 1 MB minified line), through the commit range and through the whole-tree scan.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { FakeGitHub, fakeSha, type FakeCommit } from '../helpers/fake-github.js'
import { actionSession } from '../helpers/action-session.js'
import type { FileContent } from '../helpers/git-fixtures.js'
import { makeKey } from '../helpers/keys.js'
import { actionDefaults, type ActionRun, type RunOptions } from '../helpers/runner-harness.js'
import {
  annotationsAt,
  columnOf,
  expectAnnotationAt,
  expectNoKeys,
  fingerprintOf,
  leakAnnotations,
  leakScan,
  pullEvent,
  pullRequest,
  redacted,
  summaryText,
  type PullRequest
} from './leak-scan-support.js'
import { leakRows as readLeakRows } from '../helpers/summary-leaks.js'

const CONFIGURED_KEY = makeKey('project', 501)
const session = actionSession({ validKeys: [CONFIGURED_KEY] })

const scan = leakScan(session, CONFIGURED_KEY)

function scanPull(pull: PullRequest, inputs: Record<string, string> = {}, options: RunOptions = {}) {
  return scan(inputs, {
    eventName: 'pull_request',
    event: pull.event,
    workspace: pull.checkout,
    ...options,
    env: { GITHUB_SHA: pull.merge, ...options.env }
  })
}

/** Each leak row of the summary, with what its table says once for every row (its commit). */
function leakRows(run: ActionRun): string[] {
  return readLeakRows(summaryText(run)).map(row => `${row.shared} ${row.row}`)
}

describe('the REST API fallback, when git cannot get the pull request', () => {
  const COMMITS = 120
  const KEY = makeKey('project', 502)
  const keyLine = `  api_key: "${KEY}"`
  const shas = Array.from({ length: COMMITS }, (_, index) => fakeSha(0x1000 + index))
  const base = fakeSha(0x999)
  const commits: FakeCommit[] = shas.map((sha, index) => ({
    sha,
    parents: [index === 0 ? base : shas[index - 1]],
    files: [
      {
        filename: `notes/${index}.md`,
        status: 'added',
        additions: 1,
        patch: `@@ -0,0 +1 @@\n+note ${index}`
      },
      ...(index === 109
        ? [
            {
              filename: 'config/openai.yaml',
              status: 'modified',
              additions: 1,
              patch: `@@ -4,2 +4,3 @@ openai:\n   model: gpt-4o\n-  api_key: \${{ env.KEY }}\n+${keyLine}\n+  timeout: 30`
            }
          ]
        : [])
    ]
  }))
  let github: FakeGitHub
  let checkout: string

  beforeAll(async () => {
    github = await FakeGitHub.start({ owner: 'octo', repo: 'app', commits, pulls: { 1: shas } })
    // A checkout whose origin is gone: git can fetch nothing.
    const fx = session.fixture()
    fx.commit({ 'README.md': 'demo\n' }, 'root')
    fx.push('main')
    checkout = fx.actionsCheckout('refs/heads/main')
    fx.git(checkout, ['remote', 'set-url', 'origin', `${fx.root}/no-such-origin.git`])
  })
  afterAll(async () => {
    await github.close()
  })
  afterEach(() => {
    github.requests.length = 0
    github.intercept = undefined
  })

  const event = () => pullEvent(base, shas.at(-1) as string, COMMITS)

  it('reads every commit through the API, past its pages of 30 and 100, and reports the key', async () => {
    const run = await scan(
      {},
      {
        eventName: 'pull_request',
        event: event(),
        workspace: checkout,
        env: { GITHUB_API_URL: github.url, GITHUB_SHA: shas.at(-1) as string }
      }
    )
    expect(run.exitCode).toBe(1)
    expect(run.outputs.leaks).toBe('1')
    expectAnnotationAt(run, { file: 'config/openai.yaml', line: 5, col: columnOf(keyLine, KEY), key: KEY })
    const summary = summaryText(run)
    expect(summary).toContain('Source: GitHub REST API')
    expect(summary).toContain(`${COMMITS} commits`)
    expect(summary).not.toMatch(/NOT fully scanned/)
    expect(leakRows(run)[0]).toContain(shas[109].slice(0, 7))

    const listed = github.requestsTo('/repos/octo/app/pulls/1/commits')
    expect(listed.map(request => request.query.get('page') ?? '1')).toEqual(['1', '2'])
    expect(github.requestsTo('/repos/octo/app/commits/')).toHaveLength(COMMITS)
    // Every API request carries the github-token input.
    const token = actionDefaults()['github-token']
    expect(github.requests.every(request => request.authorization === `token ${token}`)).toBe(true)
    expectNoKeys(run, [KEY, CONFIGURED_KEY])
  })

  it('when the API refuses too: says what was not scanned and how to fix it, and never reports it clean', async () => {
    github.intercept = () => ({
      status: 403,
      body: {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com'
      }
    })
    const run = await scan(
      {},
      {
        eventName: 'pull_request',
        event: event(),
        workspace: checkout,
        env: { GITHUB_API_URL: github.url, GITHUB_SHA: shas.at(-1) as string }
      }
    )
    expect(run.outputs.leaks).toBe('0')
    const summary = summaryText(run)
    expect(summary).toContain('The requested range was NOT fully scanned')
    expect(summary).toContain('What was scanned (incomplete)')
    expect(summary).toContain('Committed keys: none found in what was scanned')
    expect(summary).not.toContain('✅ Committed keys: none found')
    expect(summary).toMatch(/git could not fetch the head commit from origin/)
    expect(summary).toContain('Resource not accessible by integration')
    expect(summary).toMatch(
      /Fix:\*\* give the job ` ?permissions: contents: read ` ?and ` ?pull-requests: read/
    )
    expect(summary).toMatch(/Fix:\*\* keep ` ?persist-credentials ` ?.*fetch-depth: 0/)

    const [warning] = annotationsAt(run, 'warning').filter(
      a => a.properties.title === 'Part of the change was not scanned for keys'
    )
    expect(warning).toBeDefined()
    expect(warning.message).toMatch(/^Not scanned: pull_request #1 [0-9a-f]{7}\.\.[0-9a-f]{7}/)
    expect(warning.message).toContain('Fix:')
    expect(leakAnnotations(run)).toHaveLength(0)
  })
})

describe('allow-listing', () => {
  const MARKED = makeKey('legacy', 510)
  const FIXTURE = makeKey('project', 511)
  const FINGERPRINTED = makeKey('service-account', 512)
  const REAL = makeKey('admin', 513)
  let pull: PullRequest

  beforeAll(() => {
    pull = pullRequest(session.fixture(), [
      {
        files: {
          '.openai-key-doctor-ignore': [
            '# test data',
            'path: test/fixtures/**',
            `${fingerprintOf('openai-service-account-key', FINGERPRINTED)}  # the staging key, revoked`,
            ''
          ].join('\n'),
          'src/example.ts': `const demo = '${MARKED}' // openai-key-doctor:allow\n`,
          'test/fixtures/keys.json': `{ "key": "${FIXTURE}" }\n`,
          'deploy/staging.env': `OPENAI_API_KEY=${FINGERPRINTED}\n`,
          'deploy/prod.env': `OPENAI_ADMIN_KEY=${REAL}\n`,
          'test/fixtures/ci.env': `OPENAI_API_KEY=${CONFIGURED_KEY}\n`
        }
      }
    ])
  })

  it("a pull request's own allow-list takes no effect: what it would accept is said, not hidden", async () => {
    const run = await scanPull(pull)
    expect(run.exitCode).toBe(1)
    // The marker is part of its line and applies; the file's glob and fingerprint are the pull request's own.
    expect(run.outputs.leaks).toBe('4')
    expect(
      leakAnnotations(run)
        .map(a => a.properties.file)
        .sort()
    ).toEqual(['deploy/prod.env', 'deploy/staging.env', 'test/fixtures/ci.env', 'test/fixtures/keys.json'])
    const critical = expectAnnotationAt(run, {
      file: 'test/fixtures/ci.env',
      line: 1,
      col: 16,
      key: CONFIGURED_KEY
    })
    expect(critical.properties.title).toContain('The key this workflow uses')
    expect(summaryText(run)).not.toContain(redacted(MARKED))

    const note = annotationsAt(run, 'warning').find(a => a.message.includes('.openai-key-doctor-ignore'))
    expect(note?.message).toContain(
      "This pull request changes .openai-key-doctor-ignore; the base branch's version applies until it is merged"
    )
    expect(note?.message).toContain('it would accept 2 of the findings reported here')
    expectNoKeys(run, [MARKED, FIXTURE, FINGERPRINTED, REAL, CONFIGURED_KEY])
  })

  it("the base's allow-list applies, whether the pull request edits it (a NUL byte, `path: **`) or renames it away", async () => {
    const allowlist = [
      'path: test/fixtures/**',
      fingerprintOf('openai-service-account-key', FINGERPRINTED),
      ''
    ].join('\n')
    const keys = {
      'test/fixtures/keys.json': `{ "key": "${FIXTURE}" }\n`,
      'deploy/staging.env': `OPENAI_API_KEY=${FINGERPRINTED}\n`,
      'deploy/prod.env': `OPENAI_ADMIN_KEY=${REAL}\n`
    }
    const changes: Array<Record<string, FileContent>> = [
      { '.openai-key-doctor-ignore': `path: **\n\0${allowlist}` },
      { '.openai-key-doctor-ignore': null, 'docs/ignore.txt': allowlist }
    ]
    for (const change of changes) {
      const edited = pullRequest(session.fixture(), f => [f.commit(keys), f.commit(change)], {
        '.openai-key-doctor-ignore': allowlist
      })
      const run = await scanPull(edited)
      expect(run.exitCode).toBe(1)
      expect(leakAnnotations(run).map(a => a.properties.file)).toEqual(['deploy/prod.env'])
      expect(run.outputs.leaks).toBe('1')
      expectNoKeys(run, [FIXTURE, FINGERPRINTED, REAL, CONFIGURED_KEY])
    }
  })

  it('the same allowlist applies to the whole-tree scan, with no note about editing it', async () => {
    const run = await scan(
      { scan: 'all' },
      { eventName: 'workflow_dispatch', event: {}, workspace: pull.checkout, env: { GITHUB_SHA: pull.merge } }
    )
    expect(run.exitCode).toBe(1)
    expect(run.outputs.leaks).toBe('2')
    expect(
      leakAnnotations(run)
        .map(a => a.properties.file)
        .sort()
    ).toEqual(['deploy/prod.env', 'test/fixtures/ci.env'])
    expect(run.annotations.some(a => a.message.includes('.openai-key-doctor-ignore'))).toBe(false)
    expectNoKeys(run, [MARKED, FIXTURE, FINGERPRINTED, REAL, CONFIGURED_KEY])
  })
})

describe('file shapes', () => {
  const ON_BASE = makeKey('legacy', 520)
  const DELETED = makeKey('legacy', 521)
  const MOVED = makeKey('project', 522)
  const IN_BINARY = makeKey('project', 523)
  const CRLF = makeKey('service-account', 524)
  const LATIN1 = makeKey('early-project', 525)
  const MINIFIED = makeKey('project-58', 526)
  const HOSTILE = makeKey('legacy', 527)
  // Workflow-command and markdown syntax in a file name: hostile data that must reach annotations intact.
  const hostileName = 'docs/a,b:c%25 [x](javascript:alert(1))\n::error::injected.env'

  const crlfLine = `api_key = ${CRLF}`
  const latin1Prefix = Buffer.from('# caf\xe9 cl\xe9 = ', 'latin1')
  // 1 MB of minified code on one line, the key near its end.
  const minifiedHead = 'var a=function(b){return b*2};'.repeat(33_000)
  const minifiedLine = `${minifiedHead}var k="${MINIFIED}";var z=1;`
  let pull: PullRequest

  beforeAll(() => {
    pull = pullRequest(
      session.fixture(),
      fx => [
        fx.commit(
          {
            'src/moved.ts': `// config\nexport const key = '${MOVED}'\n`,
            'assets/logo.bin': Buffer.concat([
              Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]),
              Buffer.from(`key=${IN_BINARY}\n`)
            ]),
            'win/settings.ini': `[openai]\r\n${crlfLine}\r\nretries = 3\r\n`,
            'legacy/latin1.cfg': Buffer.concat([latin1Prefix, Buffer.from(`${LATIN1}\n`)]),
            'dist/app.min.js': `${minifiedLine}\n`,
            [hostileName]: `KEY=${HOSTILE}\n`
          },
          'add files'
        ),
        fx.commit(
          {
            'src/moved.ts': null,
            'src/renamed.ts': `// config\nexport const key = '${MOVED}'\n// moved\n`,
            'old/name.ts': null,
            'new/name.ts': `export const key = '${ON_BASE}'\n`,
            'gone.env': null
          },
          'rename and delete'
        )
      ],
      { 'old/name.ts': `export const key = '${ON_BASE}'\n`, 'gone.env': `KEY=${DELETED}\n` }
    )
  })

  const expectShapes = (run: ActionRun) => {
    expectAnnotationAt(run, { file: 'win/settings.ini', line: 2, col: columnOf(crlfLine, CRLF), key: CRLF })
    // latin1 bytes decode one character per byte: 13 characters before the key.
    expectAnnotationAt(run, { file: 'legacy/latin1.cfg', line: 1, col: latin1Prefix.length + 1, key: LATIN1 })
    expectAnnotationAt(run, {
      file: 'dist/app.min.js',
      line: 1,
      col: columnOf(minifiedLine, MINIFIED),
      key: MINIFIED
    })
    // A binary file is scanned too: the key in its printable run, after 6 header bytes and `key=`.
    expectAnnotationAt(run, { file: 'assets/logo.bin', line: 1, col: 11, key: IN_BINARY })
    expect(summaryText(run)).not.toContain('binary file')
    expectAnnotationAt(run, { file: hostileName, line: 1, col: 5, key: HOSTILE })
    expect(run.annotations.filter(a => a.message.startsWith('injected'))).toEqual([])
    // In the summary the name is inert: inside a code span, its line break shown as ␊.
    expect(run.summary).toMatch(
      /` docs\/a,b:c%25 \[x\]\(javascript:alert\(1\)\)␊::error::injected\.env:\d+ `/
    )
    expect(run.summary.split('\n').some(text => text.startsWith('::'))).toBe(false)
  }

  it('a pull request: the binary scanned, rename and deletion add nothing, CRLF, latin1 and a 1 MB line with exact columns', async () => {
    const run = await scanPull(pull)
    expect(run.exitCode).toBe(1)
    expect(run.outputs.leaks).toBe('6')
    expectShapes(run)
    // The key moved with its file is reported once, where the head has it, with the commit that added it.
    const moved = leakRows(run).filter(row => row.includes(redacted(MOVED)))
    expect(moved).toHaveLength(1)
    expect(moved[0]).toContain(pull.prShas[0].slice(0, 7))
    expectAnnotationAt(run, { file: 'src/renamed.ts', line: 2, col: 21, key: MOVED })
    expectNoKeys(run, [ON_BASE, DELETED, MOVED, IN_BINARY, CRLF, LATIN1, MINIFIED, HOSTILE, CONFIGURED_KEY])
  })

  it('the whole tree: the same shapes, each key once where it now is', async () => {
    const run = await scan(
      { scan: 'all' },
      { eventName: 'workflow_dispatch', event: {}, workspace: pull.checkout, env: { GITHUB_SHA: pull.merge } }
    )
    expect(run.exitCode).toBe(1)
    expect(run.outputs.leaks).toBe('7')
    expectShapes(run)
    expectAnnotationAt(run, { file: 'src/renamed.ts', line: 2, col: 21, key: MOVED })
    expectAnnotationAt(run, { file: 'new/name.ts', line: 1, col: 21, key: ON_BASE })
    expect(summaryText(run)).toContain('Mode: ` all `')
    expectNoKeys(run, [ON_BASE, DELETED, MOVED, IN_BINARY, CRLF, LATIN1, MINIFIED, HOSTILE, CONFIGURED_KEY])
  })
})
