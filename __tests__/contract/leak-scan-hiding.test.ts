/**
 * Contract tests of the tricks a pull request can use to hide a key from `scan: changed` (issue 13): the built
 * action runs against real repositories checked out the way actions/checkout does, and must either find the
 * key where it is or fail the run as not fully scanned, with no key in any channel. The checkout's `.git` is
 * treated as hostile too (an earlier step or a restored cache can write to it): its fsmonitor, hooks and
 * replace refs must neither run nor change what is scanned.
 */
import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, it } from '@jest/globals'
import { actionSession } from '../helpers/action-session.js'
import type { GitFixture } from '../helpers/git-fixtures.js'
import { makeKey } from '../helpers/keys.js'
import {
  columnOf,
  expectAnnotationAt,
  expectMasked,
  expectNoKeys,
  leakAnnotations,
  leakScan,
  pullRequest,
  type PullRequest
} from './leak-scan-support.js'

const CONFIGURED_KEY = makeKey('project', 1301)
const session = actionSession({ validKeys: [CONFIGURED_KEY] })
const scan = leakScan(session, CONFIGURED_KEY)

const scanPull = (pr: PullRequest, inputs: Record<string, string> = {}) =>
  scan(inputs, {
    eventName: 'pull_request',
    event: pr.event,
    workspace: pr.checkout,
    env: { GITHUB_SHA: pr.merge }
  })

describe('what git would call binary is scanned as text', () => {
  const IN_ENV = makeKey('project', 1302)
  const IN_WIDE = makeKey('service-account', 1303)
  const IN_BIG = makeKey('legacy', 1304)
  const IN_BINARY = makeKey('admin', 1305)
  const IN_WIDE_BE = makeKey('project', 1306)
  let pr: PullRequest

  beforeAll(() => {
    pr = pullRequest(session.fixture(), fx => [
      fx.commit(
        {
          // The pull request's own attributes: git would print "Binary files differ" for both.
          '.gitattributes': '*.env -diff\nsecrets/** binary\n',
          'deploy/.env': `# deploy\nOPENAI_API_KEY=${IN_ENV}\n`,
          'secrets/notes.txt': 'nothing here\n',
          // Windows PowerShell 5 writes `>` redirections as UTF-16 LE with a byte-order mark.
          'logs/env.txt': Buffer.from(`\ufeffPATH=C:\\bin\r\nOPENAI_API_KEY=${IN_WIDE}\r\n`, 'utf16le'),
          'logs/be.txt': Buffer.from(`\ufeffKEY=${IN_WIDE_BE}\n`, 'utf16le').swap16(),
          // Past the old 10 MiB limit, the key on the last line.
          'data/big.csv': `${'id,name\n'.repeat(1_400_000)}key,${IN_BIG}\n`,
          // A key in a printable run of a binary file.
          'assets/blob.bin': Buffer.concat([
            Buffer.from([0, 1, 2, 0xff, 0]),
            Buffer.from(`token=${IN_BINARY}\0\0`)
          ])
        },
        'odd files'
      )
    ])
  })

  it('finds keys behind -diff and binary attributes, in UTF-16, past 10 MiB and in a binary, and fails', async () => {
    const run = await scanPull(pr)
    expect(run.exitCode).toBe(1)
    expectAnnotationAt(run, {
      file: 'deploy/.env',
      line: 2,
      col: columnOf(`OPENAI_API_KEY=${IN_ENV}`, IN_ENV),
      key: IN_ENV
    })
    expectAnnotationAt(run, { file: 'data/big.csv', line: 1_400_001, col: 5, key: IN_BIG, level: 'error' })
    const files = leakAnnotations(run).map(annotation => annotation.properties.file)
    expect(files).toEqual(expect.arrayContaining(['logs/env.txt', 'logs/be.txt', 'assets/blob.bin']))
    expect(run.outputs.leaks).toBe('5')
    expectMasked(run, [IN_ENV, IN_WIDE, IN_BIG, IN_BINARY, IN_WIDE_BE])
    expectNoKeys(run, [IN_ENV, IN_WIDE, IN_BIG, IN_BINARY, IN_WIDE_BE, CONFIGURED_KEY])
  })

  it('the whole tree finds the same keys in the binary and the UTF-16 files', async () => {
    const run = await scan(
      { scan: 'all' },
      { eventName: 'workflow_dispatch', event: {}, workspace: pr.checkout, env: { GITHUB_SHA: pr.merge } }
    )
    const files = leakAnnotations(run).map(annotation => annotation.properties.file)
    expect(files).toEqual(
      expect.arrayContaining(['deploy/.env', 'logs/env.txt', 'logs/be.txt', 'assets/blob.bin'])
    )
    expect(run.exitCode).toBe(1)
    expectNoKeys(run, [IN_ENV, IN_WIDE, IN_BIG, IN_BINARY, IN_WIDE_BE, CONFIGURED_KEY])
  })
})

describe("the checkout's .git runs nothing and hides nothing", () => {
  const KEY = makeKey('project', 1310)
  const line = `OPENAI_API_KEY=${KEY}`
  let fx: GitFixture
  let pr: PullRequest
  let marker: string

  /** Points the checkout's fsmonitor and hooks at a script that leaves a marker file if it ever runs. */
  const armTraps = (checkout: string) => {
    const script = path.join(fx.root, 'trap.sh')
    fs.writeFileSync(script, `#!/bin/sh\necho ran >> '${marker}'\nexit 0\n`, { mode: 0o755 })
    const hooks = path.join(checkout, '.git', 'hooks')
    fs.mkdirSync(hooks, { recursive: true })
    for (const hook of [
      'reference-transaction',
      'post-checkout',
      'post-merge',
      'pre-auto-gc',
      'post-index-change'
    ])
      fs.copyFileSync(script, path.join(hooks, hook))
    fx.git(checkout, ['config', 'core.fsmonitor', script])
  }

  beforeAll(() => {
    fx = session.fixture()
    marker = path.join(fx.root, 'trap-ran')
    pr = pullRequest(fx, f => [f.commit({ 'config/.env': `# settings\n${line}\n` }, 'add key')])
  })

  it('never runs a repository-level fsmonitor or hook, in a range scan (with fetches) or a tree scan', async () => {
    armTraps(pr.checkout)
    const changed = await scanPull(pr)
    expect(changed.exitCode).toBe(1)
    expectAnnotationAt(changed, { file: 'config/.env', line: 2, col: columnOf(line, KEY), key: KEY })
    const all = await scan(
      { scan: 'all' },
      { eventName: 'workflow_dispatch', event: {}, workspace: pr.checkout, env: { GITHUB_SHA: pr.merge } }
    )
    expectAnnotationAt(all, { file: 'config/.env', line: 2, col: columnOf(line, KEY), key: KEY })
    expect(fs.existsSync(marker)).toBe(false)
    // The trap itself works: git run as a user would runs it.
    fx.git(pr.checkout, ['status', '--short'])
    expect(fs.existsSync(marker)).toBe(true)
    expectNoKeys(changed, [KEY, CONFIGURED_KEY])
    expectNoKeys(all, [KEY, CONFIGURED_KEY])
  })

  it('a replace ref that swaps the blob holding the key for a clean one hides nothing', async () => {
    const checkout = fx.actionsCheckout('refs/pull/1/merge')
    const keyBlob = fx.git(checkout, ['rev-parse', 'HEAD:config/.env'])
    const cleanBlob = fx.git(checkout, ['hash-object', '-w', '--stdin'], '# settings\nOPENAI_API_KEY=\n')
    fx.git(checkout, ['update-ref', `refs/replace/${keyBlob}`, cleanBlob])
    // As a user's git sees it, the key is gone.
    expect(fx.git(checkout, ['cat-file', '-p', keyBlob])).not.toContain(KEY)
    const run = await scanPull({ ...pr, checkout })
    expect(run.exitCode).toBe(1)
    expectAnnotationAt(run, { file: 'config/.env', line: 2, col: columnOf(line, KEY), key: KEY })
    expectNoKeys(run, [KEY, CONFIGURED_KEY])
  })
})
