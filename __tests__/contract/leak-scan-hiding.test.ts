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
          'data/big.csv': `${`${'#'.repeat(1023)}\n`.repeat(10_300)}key,${IN_BIG}\n`,
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
    expectAnnotationAt(run, { file: 'data/big.csv', line: 10_301, col: 5, key: IN_BIG, level: 'error' })
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

describe('grafts in the checkout hide no commit', () => {
  it('a .git/info/grafts that skips the commit adding a key (removed again by the next) hides nothing', async () => {
    const KEY = makeKey('project', 1330)
    const fx = session.fixture()
    const pr = pullRequest(fx, f => [
      f.commit({ 'config/.env': `# settings\nOPENAI_API_KEY=${KEY}\n` }, 'add key'),
      f.commit({ 'config/.env': '# settings\nOPENAI_API_KEY=\n' }, 'remove key')
    ])
    const [added, removed] = pr.prShas
    // The checkout's own git now says the head's parent is the base: the commit adding the key is gone.
    const checkout = fx.actionsCheckout('refs/pull/1/merge')
    fx.git(checkout, ['fetch', '--quiet', '--unshallow', 'origin', 'refs/pull/1/head'])
    fs.writeFileSync(path.join(checkout, '.git', 'info', 'grafts'), `${removed} ${pr.base}\n`)
    expect(fx.git(checkout, ['rev-list', `${pr.base}..${removed}`])).toBe(removed)
    const run = await scanPull({ ...pr, checkout })
    expect(run.exitCode).toBe(1)
    expect(run.outputs.leaks).toBe('1')
    const [annotation] = leakAnnotations(run)
    expect(annotation.properties).toMatchObject({ file: 'config/.env' })
    expect(annotation.message).toContain(added.slice(0, 7))
    expect(annotation.message).toContain(`removed by commit ${removed.slice(0, 7)}`)
    expectNoKeys(run, [KEY, CONFIGURED_KEY])
  })
})

describe('rename detection is bounded', () => {
  it('a flood of renamed-and-edited files is read as deletions and additions: a key the base had in one is reported', async () => {
    const BASE_KEY = makeKey('legacy', 1331)
    const files = Object.fromEntries(
      Array.from({ length: 150 }, (_, i) => [
        `flood/a-${i}.txt`,
        `file ${i}\n${'shared line\n'.repeat(20)}${i === 7 ? `KEY=${BASE_KEY}\n` : ''}`
      ])
    )
    const pr = pullRequest(
      session.fixture(),
      f => {
        const renamed: Record<string, string | null> = {}
        for (const [name, content] of Object.entries(files)) {
          renamed[name] = null
          renamed[name.replace('/a-', '/b-')] = `${content}edited\n`
        }
        return [f.commit(renamed, 'rename them all')]
      },
      files
    )
    // Past 100 added and deleted files, only exact renames are detected (`-l100`): each edited file is read as
    // added, so its old lines are scanned again (more lines, never fewer) and rename detection stays cheap. An
    // unbounded rename detection would pair them and show only the edited line.
    const run = await scanPull(pr)
    expect(run.outputs.leaks).toBe('1')
    expectAnnotationAt(run, { file: 'flood/b-7.txt', line: 22, col: 5, key: BASE_KEY })
    expectNoKeys(run, [BASE_KEY, CONFIGURED_KEY])
  })
})

describe('every finding where the head has it, whatever the history', () => {
  const PUSHED = makeKey('project', 1320)
  const OLD = makeKey('legacy', 1321)
  const LAST = makeKey('service-account', 1322)
  let pr: PullRequest
  let shas: string[]

  beforeAll(() => {
    const fx = session.fixture()
    // On main: an old commit with a key, which the base then removed.
    const old = fx.commit({ 'deploy/.env': `# deploy\nOPENAI_API_KEY=${OLD}\n` }, 'old key')
    pr = pullRequest(
      fx,
      f => {
        const added = f.commit({ 'src/app.ts': `// app\nconst key = '${PUSHED}'\n` }, 'add a key')
        f.commit({ 'src/app.ts': `// app\n${'// more\n'.repeat(5)}const key = '${PUSHED}'\n` }, 'lines above')
        f.commit(
          { 'src/app.ts': null, 'lib/app.ts': `// app\n${'// more\n'.repeat(5)}const key = '${PUSHED}'\n` },
          'rename'
        )
        // A merge of the old commit that takes its file as it was: no line is new against both parents.
        f.git(f.work, ['checkout', old, '--', 'deploy/.env'])
        const tree = f.git(f.work, ['write-tree'])
        const merge = f.git(f.work, [
          'commit-tree',
          tree,
          '-p',
          'HEAD',
          '-p',
          old,
          '-m',
          'merge an old commit'
        ])
        f.git(f.work, ['reset', '--quiet', '--hard', merge])
        // A flood of renamed-and-edited files, then a key in the last commit.
        const many = Object.fromEntries(
          Array.from({ length: 400 }, (_, i) => [
            `flood/a-${i}.txt`,
            `file ${i}\n${'shared line\n'.repeat(20)}`
          ])
        )
        f.commit(many, 'many files')
        const renamed: Record<string, string | null> = {}
        for (const name of Object.keys(many)) {
          renamed[name] = null
          renamed[name.replace('/a-', '/b-')] = `${many[name]}edited\n`
        }
        f.commit(renamed, 'rename them all')
        const last = f.commit({ 'config/last.env': `KEY=${LAST}\n` }, 'last')
        shas = [added, merge, last]
        return [added, merge, last]
      },
      { 'deploy/.env': '# deploy\nOPENAI_API_KEY=\n' }
    )
  })

  it('a key pushed down and renamed is annotated at its line in the head; the merge of an old commit and a rename flood hide nothing', async () => {
    const run = await scanPull(pr, { 'sarif-file': 'okd.sarif' })
    expect(run.exitCode).toBe(1)
    const pushed = expectAnnotationAt(run, { file: 'lib/app.ts', line: 7, col: 14, key: PUSHED })
    expect(pushed.message).toContain(shas[0].slice(0, 7))
    expectAnnotationAt(run, { file: 'deploy/.env', line: 2, col: 16, key: OLD })
    expectAnnotationAt(run, { file: 'config/last.env', line: 1, col: 5, key: LAST })
    expect(run.outputs.leaks).toBe('3')
    expect(run.summary).not.toMatch(/NOT fully scanned/)

    const sarif = JSON.parse(fs.readFileSync(run.outputs['sarif-file'], 'utf8')) as {
      runs: Array<{
        results: Array<{
          locations: Array<{
            physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }
          }>
          properties: { commit: string }
        }>
      }>
    }
    const placed = sarif.runs[0].results.map(result => ({
      uri: result.locations[0].physicalLocation.artifactLocation.uri,
      line: result.locations[0].physicalLocation.region.startLine,
      commit: result.properties.commit
    }))
    expect(placed).toEqual(
      expect.arrayContaining([
        { uri: 'lib/app.ts', line: 7, commit: shas[0] },
        // Only the net change shows it: reported with the head commit, which holds it.
        { uri: 'deploy/.env', line: 2, commit: pr.head },
        { uri: 'config/last.env', line: 1, commit: shas[2] }
      ])
    )
    expectNoKeys(run, [PUSHED, OLD, LAST, CONFIGURED_KEY], [run.outputs['sarif-file']])
  })
})

describe('a file over the whole-file limit (10 MiB) is scanned in bounded chunks (scan: all)', () => {
  it('finds a key across a chunk edge, one across a window of a long line, and one near the end of 12 MiB', async () => {
    const ACROSS_CHUNKS = makeKey('project', 1311)
    const IN_LONG_LINE = makeKey('service-account', 1312)
    const NEAR_END = makeKey('legacy', 1313)
    const MIB = 1024 * 1024
    const padding = (bytes: number) => `${'-- padding\n'.repeat(Math.ceil(bytes / 11))}`.slice(0, bytes)
    // The first 1 MiB chunk ends inside the first key; the long line is cut into 64 KiB windows.
    const first = `${padding(MIB - 20)}key=${ACROSS_CHUNKS}\n`
    const longLine = `${'z'.repeat(65_500)} ${IN_LONG_LINE} ${'z'.repeat(10_000)}\n`
    const last = `export OPENAI_API_KEY=${NEAR_END}\n`
    const body = `${first}${longLine}${padding(12 * MIB - first.length - longLine.length - last.length - 100)}${last}`
    expect(body.length).toBeGreaterThan(11.9 * MIB)
    expect(body.indexOf(ACROSS_CHUNKS)).toBeLessThan(MIB)
    expect(body.indexOf(ACROSS_CHUNKS) + ACROSS_CHUNKS.length).toBeGreaterThan(MIB)
    const lineOf = (key: string) => body.slice(0, body.indexOf(key)).split('\n').length
    const fx = session.fixture()
    fx.commit({ 'data/dump.sql': body, 'ok.txt': 'fine\n' }, 'large file')
    fx.push('main')
    const checkout = fx.actionsCheckout('refs/heads/main')

    const run = await scan(
      { scan: 'all' },
      { eventName: 'workflow_dispatch', event: {}, workspace: checkout }
    )

    expect(run.outputs.leaks).toBe('3')
    expect(run.summary).not.toMatch(/NOT fully scanned/)
    for (const key of [ACROSS_CHUNKS, IN_LONG_LINE, NEAR_END]) {
      const line = body.split('\n')[lineOf(key) - 1]
      expectAnnotationAt(run, { file: 'data/dump.sql', line: lineOf(key), col: columnOf(line, key), key })
    }
    expectNoKeys(run, [ACROSS_CHUNKS, IN_LONG_LINE, NEAR_END, CONFIGURED_KEY])
  })
})

describe('what could not be scanned fails a fail-on: leak run', () => {
  it('a file over the tree limit (256 MiB): the run fails, with a warning on that file', async () => {
    const fx = session.fixture()
    fx.commit({ 'data/huge.sql': '-- small when committed\n', 'ok.txt': 'fine\n' }, 'huge file')
    fx.push('main')
    const checkout = fx.actionsCheckout('refs/heads/main')
    // Sparse: 300 MiB on the runner's disk without writing them (an earlier step of the job can do this).
    fs.truncateSync(path.join(checkout, 'data', 'huge.sql'), 300 * 1024 * 1024)
    const run = await scan(
      { scan: 'all' },
      { eventName: 'workflow_dispatch', event: {}, workspace: checkout }
    )
    expect(run.exitCode).toBe(1)
    expect(run.outputs.leaks).toBe('0')
    const warning = run.annotations.find(a => a.properties.file === 'data/huge.sql')
    expect(warning?.level).toBe('warning')
    expect(warning?.properties.title).toBe('File not scanned for keys')
    expect(warning?.message).toMatch(/larger than 256 MiB/)
    expect(
      run.annotations.some(a => a.level === 'error' && /1 file could not be scanned for keys/.test(a.message))
    ).toBe(true)
    // With fail-on: none it is reported, not failed.
    const lenient = await scan(
      { scan: 'all', 'fail-on': 'none' },
      { eventName: 'workflow_dispatch', event: {}, workspace: checkout }
    )
    expect(lenient.exitCode).toBe(0)
  })
})
