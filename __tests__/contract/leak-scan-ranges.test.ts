/**
 * Contract tests of leak scanning by event: the built action (dist/index.js) runs as a child process with a
 * runner's environment against real repositories checked out the way actions/checkout does (depth 1), and
 * must scan exactly the commits each event names: a pull request's, a push's (normal, forced, new branch,
 * first push), a merge queue's, and the last commit or the whole tree for a manual run.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { actionSession } from '../helpers/action-session.js'
import type { GitFixture } from '../helpers/git-fixtures.js'
import { makeKey } from '../helpers/keys.js'
import type { ActionRun } from '../helpers/runner-harness.js'
import {
  annotationsAt,
  expectAnnotationAt,
  expectMasked,
  expectNoKeys,
  fillerCommits,
  fingerprintOf,
  leakAnnotations,
  leakScan,
  pullRequest,
  readSarif,
  redacted,
  REPOSITORY,
  summaryText,
  ZERO_SHA
} from './leak-scan-support.js'
import { leakRows } from '../helpers/summary-leaks.js'

const CONFIGURED_KEY = makeKey('project', 301)
const session = actionSession({ validKeys: [CONFIGURED_KEY] })

const scan = leakScan(session, CONFIGURED_KEY)

describe('pull_request from a depth-1 checkout of the merge commit', () => {
  const KEY = makeKey('project', 302)
  const line = `export const client = new OpenAI({ apiKey: '${KEY}' })`
  let pr: ReturnType<typeof pullRequest>
  let fx: GitFixture

  beforeAll(() => {
    fx = session.fixture()
    // 36 commits: past the REST API's default page of 30. The key lands in commit 5 and is gone in commit 20.
    pr = pullRequest(
      fx,
      fillerCommits(36, {
        4: { 'src/client.ts': `import OpenAI from 'openai'\n\n${line}\n` },
        19: { 'src/client.ts': `import OpenAI from 'openai'\n\nexport const client = new OpenAI()\n` }
      })
    )
  })

  it('reports a key added then removed with the adding and the removing commit, on its file (no line), and fails', async () => {
    const run = await scan(
      { 'sarif-file': 'reports/leaks.sarif' },
      { eventName: 'pull_request', event: pr.event, workspace: pr.checkout, env: { GITHUB_SHA: pr.merge } }
    )
    expect(run.exitCode).toBe(1)
    expect(run.outputs).toMatchObject({ leaks: '1', 'live-leaks': '0' })

    // Not in the head (GitHub places annotations there): a file-level annotation naming both commits.
    expect(leakAnnotations(run)).toHaveLength(1)
    const [annotation] = leakAnnotations(run)
    expect(annotation.level).toBe('error')
    expect(annotation.properties.file).toBe('src/client.ts')
    expect(annotation.properties.line).toBeUndefined()
    expect(annotation.properties.col).toBeUndefined()
    expect(annotation.message).toContain(redacted(KEY))
    expect(annotation.message).toContain(pr.prShas[4].slice(0, 7))
    expect(annotation.message).toContain(`removed by commit ${pr.prShas[19].slice(0, 7)}`)
    // The step's failure is an error annotation of its own, naming the leak.
    expect(annotationsAt(run, 'error').some(a => !a.properties.file && /leak/i.test(a.message))).toBe(true)

    // The summary: the leak with its commit and redacted key, and every one of the 36 commits scanned.
    const summary = summaryText(run)
    expect(summary).toContain('This step fails')
    const found = leakRows(summary).find(({ row }) => row.includes(redacted(KEY)))
    expect(found).toBeDefined()
    const row = `${found?.shared} ${found?.row}`
    expect(row).toContain(pr.prShas[4].slice(0, 7))
    // The file without a line (the key has none in the head), and the commit that removed it.
    expect(found?.cells.File).toMatch(/src\/client\.ts `\]/)
    expect(row).toMatch(new RegExp(`removed in \\[\` ${pr.prShas[19].slice(0, 7)}`))
    expect(summary).toMatch(/range: ` pull_request #1 [0-9a-f]{7}\.\.[0-9a-f]{7} `/)
    expect(summary).toContain('36 commits')
    expect(summary).toContain('Source: git (fetched 36 missing commits)')
    expect(summary).not.toMatch(/NOT fully scanned/)

    // SARIF 2.1.0 with the exact region, a stable fingerprint and no commit in it.
    const sarif = readSarif(run)
    expect(sarif.file).toBe(`${pr.checkout}/reports/leaks.sarif`)
    expect(sarif.log.version).toBe('2.1.0')
    expect(sarif.log.$schema).toMatch(/sarif/)
    const [result] = sarif.log.runs[0].results
    expect(sarif.log.runs[0].results).toHaveLength(1)
    expect(result.ruleId).toBe('openai-project-key')
    expect(result.level).toBe('error')
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('src/client.ts')
    expect(result.locations[0].physicalLocation.region).toBeUndefined()
    expect(result.properties).toMatchObject({ commit: pr.prShas[4], removedIn: pr.prShas[19] })
    // The secret's fingerprint plus a hash of the path: no commit, line or column, so it survives rebases.
    expect(result.partialFingerprints).toEqual({
      'secretFingerprint/v1': expect.stringMatching(
        new RegExp(`^${fingerprintOf('openai-project-key', KEY)}:[0-9a-f]{16}$`)
      )
    })
    expect(result.properties.commit).toBe(pr.prShas[4])
    expect(result.properties.fingerprint).toBe(fingerprintOf('openai-project-key', KEY))
    expect(sarif.log.runs[0].tool.driver.rules.map(rule => rule.id)).toContain('openai-project-key')

    expectMasked(run, [KEY])
    expectNoKeys(run, [KEY, CONFIGURED_KEY], [sarif.file])
  })

  it('pull_request_target (the base branch checked out): fetches the head, reports the leak; passes with fail-on: none', async () => {
    const baseCheckout = fx.actionsCheckout('refs/heads/main')
    const run = await scan(
      { 'fail-on': 'none' },
      {
        eventName: 'pull_request_target',
        event: pr.event,
        workspace: baseCheckout,
        env: { GITHUB_SHA: pr.base }
      }
    )
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ leaks: '1', 'sarif-file': '' })
    expect(leakAnnotations(run)).toHaveLength(1)
    expect(leakAnnotations(run)[0].properties).toMatchObject({ file: 'src/client.ts' })
    expect(leakAnnotations(run)[0].properties.line).toBeUndefined()
    expect(summaryText(run)).toContain('This step passes')
    expect(summaryText(run)).toContain('range: ` pull_request_target #1')
    expect(summaryText(run)).toContain('36 commits')
    expectNoKeys(run, [KEY, CONFIGURED_KEY])
  })
})

/** The key and the line that holds it, in a file of `name`. */
function keyFile(key: string, variable = 'OPENAI_API_KEY'): string {
  return `# settings\n${variable}=${key}\n`
}

function pushEvent(fields: {
  ref: string
  before: string
  after: string
  commits: string[]
  forced?: boolean
}): Record<string, unknown> {
  return {
    ref: fields.ref,
    before: fields.before,
    after: fields.after,
    created: fields.before === ZERO_SHA,
    deleted: false,
    forced: fields.forced ?? false,
    commits: fields.commits.map(id => ({ id, distinct: true })),
    head_commit: { id: fields.after },
    repository: REPOSITORY
  }
}

/** The commits the summary's leak table names, short SHAs, in table order. */
function reportedCommits(run: ActionRun): string[] {
  return leakRows(summaryText(run)).map(
    row => /\/commit\/([0-9a-f]{40})/.exec(`${row.shared} ${row.row}`)?.[1].slice(0, 7) ?? 'working tree'
  )
}

describe('push', () => {
  const OLD = makeKey('legacy', 310)

  it('before..after on an existing branch: the pushed commits only', async () => {
    const fx = session.fixture()
    fx.commit({ 'legacy.env': keyFile(OLD) }, 'old history')
    const before = fx.commit({ 'README.md': 'v1\n' }, 'release')
    fx.push('main')
    const PUSHED = makeKey('service-account', 311)
    const adding = fx.commit({ 'app/settings.env': keyFile(PUSHED) }, 'settings')
    const after = fx.commit({ 'README.md': 'v2\n' }, 'docs')
    fx.push('main')
    const checkout = fx.actionsCheckout('refs/heads/main')

    const run = await scan(
      {},
      {
        eventName: 'push',
        event: pushEvent({ ref: 'refs/heads/main', before, after, commits: [adding, after] }),
        workspace: checkout,
        env: { GITHUB_SHA: after }
      }
    )
    expect(run.exitCode).toBe(1)
    expect(run.outputs.leaks).toBe('1')
    expectAnnotationAt(run, { file: 'app/settings.env', line: 2, col: 16, key: PUSHED })
    expect(reportedCommits(run)).toEqual([adding.slice(0, 7)])
    expect(summaryText(run)).toContain(
      `range: \` push refs/heads/main ${before.slice(0, 7)}..${after.slice(0, 7)} \``
    )
    expect(summaryText(run)).toContain('2 commits')
    expectNoKeys(run, [PUSHED, OLD, CONFIGURED_KEY])
  })

  describe('a forced push (before is not an ancestor of after)', () => {
    const fx = session.fixture()
    const KEPT = makeKey('legacy', 312)
    const REWRITTEN_AWAY = makeKey('legacy', 313)
    const NEW = makeKey('admin', 314)
    let shared: string
    let oldTip: string
    let newTip: string
    let checkout: string
    let event: Record<string, unknown>

    beforeAll(() => {
      fx.commit({ 'legacy.env': keyFile(OLD) }, 'main history')
      fx.push('main')
      fx.git(fx.work, ['checkout', '--quiet', '-b', 'feature'])
      shared = fx.commit({ 'shared.env': keyFile(KEPT) }, 'shared with the old push')
      oldTip = fx.commit({ 'old.env': keyFile(REWRITTEN_AWAY) }, 'rewritten away')
      fx.push('feature')
      fx.git(fx.work, ['reset', '--quiet', '--hard', shared])
      newTip = fx.commit({ 'new.env': keyFile(NEW, 'ADMIN_KEY') }, 'rewritten')
      fx.push('feature', true)
      // As after a server's garbage collection: the old tip can no longer be fetched by its SHA.
      fx.git(fx.originDir, ['reflog', 'expire', '--expire=now', '--all'])
      fx.git(fx.originDir, ['gc', '--quiet', '--prune=now'])
      checkout = fx.actionsCheckout('refs/heads/feature')
      event = pushEvent({
        ref: 'refs/heads/feature',
        before: oldTip,
        after: newTip,
        commits: [newTip],
        forced: true
      })
    })

    it('when the old tip is gone from the server: every commit not on the default branch', async () => {
      const run = await scan(
        {},
        { eventName: 'push', event, workspace: checkout, env: { GITHUB_SHA: newTip } }
      )
      expect(run.exitCode).toBe(1)
      expect(run.outputs.leaks).toBe('2')
      expect(reportedCommits(run).sort()).toEqual([shared.slice(0, 7), newTip.slice(0, 7)].sort())
      expectAnnotationAt(run, { file: 'new.env', line: 2, col: 11, key: NEW })
      expectAnnotationAt(run, { file: 'shared.env', line: 2, col: 16, key: KEPT })
      const summary = summaryText(run)
      expect(summary).toContain(`base ${oldTip.slice(0, 7)} no longer exists: commits not on main`)
      expect(summary).not.toMatch(/NOT fully scanned/)
      expectNoKeys(run, [NEW, KEPT, OLD, REWRITTEN_AWAY])
    })

    it('when the old tip can still be fetched: only the commits the push brought', async () => {
      fx.push(`${oldTip}:refs/keep/old`)
      const run = await scan(
        {},
        { eventName: 'push', event, workspace: checkout, env: { GITHUB_SHA: newTip } }
      )
      expect(run.exitCode).toBe(1)
      expect(run.outputs.leaks).toBe('1')
      expect(reportedCommits(run)).toEqual([newTip.slice(0, 7)])
      expect(summaryText(run)).toContain('1 commit ·')
      expectNoKeys(run, [NEW, KEPT, OLD, REWRITTEN_AWAY])
    })
  })

  it('a new branch (all-zero before): its commits that are not on the default branch', async () => {
    const fx = session.fixture()
    fx.commit({ 'legacy.env': keyFile(OLD) }, 'main history')
    fx.push('main')
    fx.git(fx.work, ['checkout', '--quiet', '-b', 'topic'])
    const BRANCH = makeKey('none', 315)
    const adding = fx.commit({ 'topic/key.env': keyFile(BRANCH) }, 'topic key')
    const after = fx.commit({ 'topic/README.md': 'topic\n' }, 'topic docs')
    fx.push('topic')
    const checkout = fx.actionsCheckout('refs/heads/topic')

    const run = await scan(
      {},
      {
        eventName: 'push',
        event: pushEvent({ ref: 'refs/heads/topic', before: ZERO_SHA, after, commits: [adding, after] }),
        workspace: checkout,
        env: { GITHUB_SHA: after, GITHUB_REF: 'refs/heads/topic' }
      }
    )
    expect(run.exitCode).toBe(1)
    expect(run.outputs.leaks).toBe('1')
    expect(reportedCommits(run)).toEqual([adding.slice(0, 7)])
    expectAnnotationAt(run, { file: 'topic/key.env', line: 2, col: 16, key: BRANCH })
    expect(summaryText(run)).toContain('(new branch)')
    expect(summaryText(run)).toContain('2 commits')
    expectNoKeys(run, [BRANCH, OLD])
  })

  it("the first push of a repository: every commit, the root's whole content included", async () => {
    const fx = session.fixture()
    const ROOT = makeKey('project-58', 316)
    const root = fx.commit({ 'config/.env': keyFile(ROOT) }, 'initial')
    fx.commit({ 'README.md': 'one\n' }, 'two')
    const after = fx.commit({ 'README.md': 'two\n' }, 'three')
    fx.push('main')
    const checkout = fx.actionsCheckout('refs/heads/main')

    const run = await scan(
      {},
      {
        eventName: 'push',
        event: pushEvent({ ref: 'refs/heads/main', before: ZERO_SHA, after, commits: [root, after] }),
        workspace: checkout,
        env: { GITHUB_SHA: after }
      }
    )
    expect(run.exitCode).toBe(1)
    expect(run.outputs.leaks).toBe('1')
    expect(reportedCommits(run)).toEqual([root.slice(0, 7)])
    expectAnnotationAt(run, { file: 'config/.env', line: 2, col: 16, key: ROOT })
    expect(summaryText(run)).toContain('(first push)')
    expect(summaryText(run)).toContain('3 commits')
    expectNoKeys(run, [ROOT])
  })
})

describe('workflow_dispatch', () => {
  const fx = session.fixture()
  const REMOVED = makeKey('legacy', 320)
  const OLDER = makeKey('project', 321)
  const LAST = makeKey('early-project', 322)
  let head: string
  let checkout: string
  const dispatch = () => ({
    eventName: 'workflow_dispatch',
    event: { ref: 'refs/heads/main', inputs: {}, repository: REPOSITORY },
    workspace: checkout,
    env: { GITHUB_SHA: head }
  })

  beforeAll(() => {
    fx.commit({ 'gone.env': keyFile(REMOVED) }, 'added')
    fx.commit({ 'gone.env': null, 'older.env': keyFile(OLDER) }, 'removed one, added another')
    head = fx.commit({ 'src/last.ts': `const key = "${LAST}";\n` }, 'last')
    fx.push('main')
    checkout = fx.actionsCheckout('refs/heads/main')
  })

  it('scan: changed reads the last commit only: a key in an older commit is not reported', async () => {
    const run = await scan({ scan: 'changed' }, dispatch())
    expect(run.exitCode).toBe(1)
    expect(run.outputs.leaks).toBe('1')
    expect(reportedCommits(run)).toEqual([head.slice(0, 7)])
    expectAnnotationAt(run, { file: 'src/last.ts', line: 1, col: 14, key: LAST })
    expect(summaryText(run)).toContain(`workflow_dispatch: last commit ${head.slice(0, 7)}`)
    expect(summaryText(run)).toContain('1 commit ·')
    // Only the parent was fetched (to diff against): no scanned commit was missing.
    expect(summaryText(run)).toContain('Source: git (fetched missing history)')
    expectNoKeys(run, [LAST, OLDER, REMOVED])
  })

  it('scan: all reads the whole tree at HEAD: every key still in a file, none that history removed', async () => {
    const run = await scan({ scan: 'all' }, dispatch())
    expect(run.exitCode).toBe(1)
    expect(run.outputs.leaks).toBe('2')
    expect(reportedCommits(run)).toEqual(['working tree', 'working tree'])
    expectAnnotationAt(run, { file: 'older.env', line: 2, col: 16, key: OLDER })
    expectAnnotationAt(run, { file: 'src/last.ts', line: 1, col: 14, key: LAST })
    const summary = summaryText(run)
    expect(summary).toContain('Mode: ` all `')
    expect(summary).toContain('2 files')
    expectNoKeys(run, [LAST, OLDER, REMOVED])
  })
})

describe('merge_group', () => {
  it('scans the queued pull request commits and the merge, nothing from the base branch', async () => {
    const fx = session.fixture()
    const ON_MAIN = makeKey('legacy', 330)
    const QUEUED = makeKey('service-account', 331)
    const fork = fx.commit({ 'README.md': 'demo\n' }, 'fork point')
    fx.push('main')
    const [queuedKey, queuedTip] = fx.importCommits('feature', fork, [
      { files: { 'queued/key.env': keyFile(QUEUED) } },
      { files: { 'queued/README.md': 'queued\n' } }
    ])
    const base = fx.commit({ 'main.env': keyFile(ON_MAIN) }, 'main moved on')
    fx.push('main')
    fx.git(fx.work, ['checkout', '--quiet', '-B', 'queue', base])
    fx.git(fx.work, ['merge', '--quiet', '--no-ff', '-m', 'Merge pull request #1', queuedTip])
    const head = fx.head()
    const queueRef = `refs/heads/gh-readonly-queue/main/pr-1-${base}`
    fx.push(`HEAD:${queueRef}`)
    const checkout = fx.actionsCheckout(queueRef)

    const run = await scan(
      {},
      {
        eventName: 'merge_group',
        event: {
          action: 'checks_requested',
          merge_group: {
            head_sha: head,
            head_ref: queueRef,
            base_sha: base,
            base_ref: 'refs/heads/main',
            head_commit: { id: head }
          },
          repository: REPOSITORY
        },
        workspace: checkout,
        env: { GITHUB_SHA: head, GITHUB_REF: queueRef }
      }
    )
    expect(run.exitCode).toBe(1)
    expect(run.outputs.leaks).toBe('1')
    expect(reportedCommits(run)).toEqual([queuedKey.slice(0, 7)])
    expectAnnotationAt(run, { file: 'queued/key.env', line: 2, col: 16, key: QUEUED })
    expect(summaryText(run)).toContain(`merge_group ${base.slice(0, 7)}..${head.slice(0, 7)}`)
    expect(summaryText(run)).toContain('3 commits')
    expectNoKeys(run, [QUEUED, ON_MAIN])
  })
})
