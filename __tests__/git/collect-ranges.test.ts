/**
 * Commit ranges from real repositories, checked out the way actions/checkout does it (depth 1): every commit of
 * the range must be scanned, nothing outside it, and a range that cannot be had must never look clean.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { planScanRange, type RangePlan } from '../../src/scan/sources/event-range.js'
import { openScanSource, type SourceContext } from '../../src/scan/sources/registry.js'
import type { AddedLine } from '../../src/scan/types.js'
import { drainContent, GitFixture } from '../helpers/git-fixtures.js'

const ZERO = '0'.repeat(40)
const LIMITS = { maxFileBytes: 1 << 20, maxLineBytes: 4096 }

async function collect(plan: RangePlan, cwd: string, extra: Partial<SourceContext> = {}) {
  const source = await openScanSource({ kind: 'changed', plan }, { cwd, fetch: true, ...LIMITS, ...extra })
  const all = await drainContent(source.lines)
  // The lines the commits added; the removed lines and the net change are checked where they matter.
  const lines = all.filter(line => line.role === undefined)
  return { lines, all, coverage: source.coverage(), texts: lines.map((line: AddedLine) => line.text) }
}

/** Plans the range an event names, as the action does with scan: changed, and collects it. */
function collectEvent(
  event: Parameters<typeof planScanRange>[0],
  cwd: string,
  extra: Partial<SourceContext> = {}
) {
  return collect(planScanRange(event), cwd, extra)
}

/** Commits `commits` on `branch` after `base`, pushes the branch and clones it at depth 1. */
function pushBranch(fx: GitFixture, branch: string, base: string, commits: ReturnType<typeof markers>) {
  const shas = fx.importCommits(branch, base, commits)
  fx.push(branch)
  return { shas, checkout: fx.shallowClone(branch) }
}

function markers(prefix: string, count: number, from = 0) {
  return Array.from({ length: count }, (_, index) => ({
    files: { [`${prefix}/${from + index}.txt`]: `${prefix}-${from + index}\n` }
  }))
}

/**
 * main: root ─ fork point ─ (mainAfterFork commits); feature: fork point ─ (prCommits commits); the pull
 * request's merge commit is pushed as refs/pull/1/merge and checked out at depth 1.
 */
function pullRequest(fx: GitFixture, prCommits: number, mainAfterFork: number) {
  const forkPoint = fx.commit({ 'README.md': 'base\n' }, 'root')
  fx.push('main')
  const prShas = fx.importCommits('feature', forkPoint, markers('PR', prCommits))
  const mainShas = fx.importCommits('main', forkPoint, markers('MAIN', mainAfterFork))
  fx.push('main')
  fx.push('feature')
  fx.git(fx.work, ['checkout', '--quiet', '--force', '-B', 'merge', 'main'])
  fx.git(fx.work, ['merge', '--quiet', '--no-ff', '-m', 'merge', 'feature'])
  fx.push('HEAD:refs/pull/1/merge')
  fx.push('feature:refs/pull/1/head')
  const base = mainShas.at(-1) ?? forkPoint
  const head = prShas.at(-1) as string
  const event = {
    name: 'pull_request',
    sha: fx.head(),
    payload: {
      number: 1,
      repository: { full_name: 'octo/widgets', default_branch: 'main' },
      pull_request: { number: 1, commits: prCommits, base: { sha: base }, head: { sha: head } }
    }
  }
  return { prShas, event, checkout: fx.actionsCheckout('refs/pull/1/merge') }
}

describe('pull requests from a depth-1 checkout of the merge commit', () => {
  const fx35 = new GitFixture()
  const fx120 = new GitFixture()
  afterAll(() => {
    fx35.cleanup()
    fx120.cleanup()
  })

  it('scans all 35 commits (past the API default page of 30) and nothing from the base branch', async () => {
    const { prShas, event, checkout } = pullRequest(fx35, 35, 3)
    expect(fx35.isShallow(checkout)).toBe(true)
    const { lines, coverage, texts } = await collectEvent(event, checkout)
    expect(texts).toEqual(prShas.map((_, index) => `PR-${index}`))
    expect(lines.map(line => line.commit)).toEqual(prShas)
    expect(lines.every(line => line.line === 1)).toBe(true)
    expect(coverage).toMatchObject({
      mode: 'changed',
      commits: 35,
      files: 35,
      incomplete: false,
      skipped: [],
      source: 'git (fetched 35 missing commits)',
      range: expect.stringMatching(/^pull_request #1 [0-9a-f]{7}\.\.[0-9a-f]{7}$/)
    })
  })

  it('scans all 120 commits when the base branch moved 150 commits past the fork point (deepening)', async () => {
    const { prShas, event, checkout } = pullRequest(fx120, 120, 150)
    const log: string[] = []
    const { lines, coverage, texts } = await collectEvent(event, checkout, {
      log: message => log.push(message)
    })
    expect(texts).toHaveLength(120)
    expect(new Set(lines.map(line => line.commit))).toEqual(new Set(prShas))
    expect(texts.some(text => text.startsWith('MAIN-'))).toBe(false)
    expect(coverage).toMatchObject({
      commits: 120,
      incomplete: false,
      source: 'git (fetched 120 missing commits)'
    })
    expect(log.some(message => /Deepening history/.test(message))).toBe(true)
  })
})

describe('what a range reports', () => {
  const fx = new GitFixture()
  afterAll(() => fx.cleanup())

  it('a key added in one commit and removed in a later one is reported with the commit that added it', async () => {
    const base = fx.commit({ 'app.cfg': 'name = demo\n' }, 'base')
    fx.push('main')
    const adding = fx.commit({ 'app.cfg': 'name = demo\ntoken = MARKER-ADDED-THEN-REMOVED\n' }, 'add')
    const removing = fx.commit({ 'app.cfg': 'name = demo\n' }, 'remove')
    fx.push('main')
    const checkout = fx.shallowClone('main')
    const { lines, coverage } = await collectEvent(
      { name: 'push', payload: { ref: 'refs/heads/main', before: base, after: removing, commits: [{}, {}] } },
      checkout
    )
    expect(lines).toEqual([
      { path: 'app.cfg', line: 2, text: 'token = MARKER-ADDED-THEN-REMOVED', commit: adding }
    ])
    expect(coverage).toMatchObject({ commits: 2, incomplete: false })
  })
})

describe('push events', () => {
  const fx = new GitFixture()
  let root: string
  beforeAll(() => {
    root = fx.commit({ 'README.md': 'root\n' }, 'root')
    fx.importCommits('main', root, markers('OLD', 5))
    fx.git(fx.work, ['reset', '--quiet', '--hard', 'main'])
    fx.push('main')
  })
  afterAll(() => fx.cleanup())

  it('before..after from a depth-1 clone of the pushed branch', async () => {
    const before = fx.head()
    const shas = fx.importCommits('main', before, markers('PUSH', 3))
    fx.git(fx.work, ['reset', '--quiet', '--hard', 'main'])
    fx.push('main')
    const checkout = fx.shallowClone('main')
    const { lines, coverage, texts } = await collectEvent(
      { name: 'push', payload: { ref: 'refs/heads/main', before, after: shas[2], commits: [{}, {}, {}] } },
      checkout
    )
    expect(texts).toEqual(['PUSH-0', 'PUSH-1', 'PUSH-2'])
    expect(lines.map(line => line.commit)).toEqual(shas)
    expect(coverage).toMatchObject({ commits: 3, incomplete: false })
  })

  it('a new branch (zero before) scans only the commits that are not on the default branch', async () => {
    const fork = fx.head()
    const { shas, checkout } = pushBranch(fx, 'topic', fork, markers('TOPIC', 4))
    const { texts, coverage } = await collectEvent(
      {
        name: 'push',
        payload: {
          ref: 'refs/heads/topic',
          before: ZERO,
          after: shas[3],
          created: true,
          commits: [{}, {}, {}, {}],
          repository: { full_name: 'octo/widgets', default_branch: 'main' }
        }
      },
      checkout
    )
    expect(texts).toEqual(['TOPIC-0', 'TOPIC-1', 'TOPIC-2', 'TOPIC-3'])
    expect(coverage).toMatchObject({ commits: 4, incomplete: false })
  })

  it('a forced push scans the rewritten commits, also when the old tip is gone from the server', async () => {
    const fork = fx.head()
    const [oldTip] = fx.importCommits('rewrite', fork, [{ files: { 'r.txt': 'OLD-VERSION\n' } }])
    fx.push('rewrite')
    const newShas = fx.importCommits('rewrite-2', fork, [
      { files: { 'r.txt': 'NEW-VERSION\n' } },
      { files: { 's.txt': 'NEW-SECOND\n' } }
    ])
    fx.push('rewrite-2:rewrite', true)
    const payload = {
      ref: 'refs/heads/rewrite',
      before: oldTip,
      after: newShas[1],
      forced: true,
      commits: [{}, {}],
      repository: { full_name: 'octo/widgets', default_branch: 'main' }
    }

    const stillThere = await collect(planScanRange({ name: 'push', payload }), fx.shallowClone('rewrite'))
    expect(stillThere.texts).toEqual(['NEW-VERSION', 'NEW-SECOND'])

    fx.git(fx.originDir, ['reflog', 'expire', '--expire=now', '--all'])
    fx.git(fx.originDir, ['gc', '--quiet', '--prune=now'])
    const gone = await collect(planScanRange({ name: 'push', payload }), fx.shallowClone('rewrite'))
    expect(gone.texts).toEqual(['NEW-VERSION', 'NEW-SECOND'])
    expect(gone.coverage.incomplete).toBe(false)
    expect(gone.coverage.range).toMatch(/no longer exists: commits not on main/)
  })

  it('a branch deletion scans nothing and says why', async () => {
    const { lines, coverage } = await collectEvent(
      { name: 'push', payload: { ref: 'refs/heads/topic', before: fx.head(), after: ZERO, deleted: true } },
      fx.work
    )
    expect(lines).toEqual([])
    expect(coverage).toMatchObject({ commits: 0, incomplete: false, range: expect.stringMatching(/deleted/) })
  })

  it('workflow_dispatch scans the last commit only, not the whole tree of a depth-1 clone', async () => {
    const last = fx.commit({ 'README.md': 'root\nDISPATCH-LINE\n', 'new.txt': 'DISPATCH-NEW\n' }, 'last')
    fx.push('main')
    const checkout = fx.shallowClone('main')
    const { lines, coverage } = await collectEvent(
      { name: 'workflow_dispatch', payload: {}, sha: last },
      checkout
    )
    expect(lines).toEqual([
      { path: 'README.md', line: 2, text: 'DISPATCH-LINE', commit: last },
      { path: 'new.txt', line: 1, text: 'DISPATCH-NEW', commit: last }
    ])
    expect(coverage).toMatchObject({ commits: 1, incomplete: false })
  })

  it('merge_group scans base_sha..head_sha', async () => {
    const base = fx.head()
    const { shas, checkout } = pushBranch(fx, 'gh-readonly-queue/main/pr-9', base, markers('QUEUE', 2))
    const { texts, coverage } = await collectEvent(
      { name: 'merge_group', payload: { merge_group: { base_sha: base, head_sha: shas[1] } } },
      checkout
    )
    expect(texts).toEqual(['QUEUE-0', 'QUEUE-1'])
    expect(coverage).toMatchObject({ commits: 2, incomplete: false })
  })
})

describe('the first push of a repository', () => {
  const fx = new GitFixture()
  afterAll(() => fx.cleanup())

  it('scans every commit reachable from after, from a depth-1 clone', async () => {
    fx.commit({ 'a.txt': 'FIRST-0\n' }, 'one')
    fx.commit({ 'b.txt': 'FIRST-1\n' }, 'two')
    const after = fx.commit({ 'c.txt': 'FIRST-2\n' }, 'three')
    fx.push('main')
    const checkout = fx.shallowClone('main')
    const { texts, coverage } = await collectEvent(
      {
        name: 'push',
        payload: {
          ref: 'refs/heads/main',
          before: ZERO,
          after,
          created: true,
          commits: [{}, {}, {}],
          repository: { full_name: 'octo/widgets', default_branch: 'main' }
        }
      },
      checkout
    )
    expect(texts).toEqual(['FIRST-0', 'FIRST-1', 'FIRST-2'])
    expect(coverage).toMatchObject({ commits: 3, incomplete: false })
  })
})

describe('a range that cannot be had is never reported clean', () => {
  const fx = new GitFixture()
  let plan: RangePlan
  beforeAll(() => {
    const base = fx.commit({ 'a.txt': 'a\n' }, 'base')
    fx.push('main')
    const head = fx.commit({ 'a.txt': 'a\nUNREACHABLE\n' }, 'head')
    fx.push('main')
    plan = planScanRange({
      name: 'merge_group',
      payload: { merge_group: { base_sha: base, head_sha: head } }
    })
  })
  afterAll(() => fx.cleanup())

  it('with fetching disabled: incomplete, with the fix', async () => {
    const checkout = fx.shallowClone('main')
    const { lines, coverage } = await collect(plan, checkout, { fetch: false })
    expect(lines).toEqual([])
    expect(coverage.incomplete).toBe(true)
    expect(coverage.skipped[0]).toMatchObject({ reason: expect.stringMatching(/not in the local clone/) })
    expect(coverage.skipped[0].fix).toMatch(/fetch-depth: 0/)
  })

  it('when origin is gone and there is no REST fallback: incomplete, with the fix', async () => {
    const checkout = fx.shallowClone('main')
    fx.git(checkout, ['remote', 'remove', 'origin'])
    const { lines, coverage } = await collect(plan, checkout)
    expect(lines).toEqual([])
    expect(coverage).toMatchObject({ incomplete: true, commits: 0 })
    expect(coverage.skipped[0].reason).toMatch(/could not fetch/)
    expect(coverage.skipped[0].fix).toMatch(/fetch-depth: 0/)
  })

  it('outside a git repository: incomplete, telling to run actions/checkout', async () => {
    const empty = path.join(fx.root, 'not-a-repo')
    fs.mkdirSync(empty)
    const { coverage } = await collect(plan, empty, { fetch: false })
    expect(coverage.incomplete).toBe(true)
    expect(coverage.skipped[0].fix).toMatch(/actions\/checkout/)
  })

  it('for the CLI, the fixes are git commands in a shell, never workflow edits', async () => {
    const checkout = fx.shallowClone('main')
    const missing = await collect(plan, checkout, { fetch: false, tool: 'cli' })
    expect(missing.coverage.incomplete).toBe(true)
    expect(missing.coverage.skipped[0].fix).toMatch(/`git fetch`/)
    expect(missing.coverage.skipped[0].fix).toMatch(/revisions of the range exist/)

    const empty = fs.mkdtempSync(path.join(fx.root, 'cli-not-a-repo-'))
    const outside = await collect(plan, empty, { fetch: false, tool: 'cli' })
    expect(outside.coverage.skipped[0].fix).toMatch(/inside a git checkout/)

    const staged = await openScanSource(
      { kind: 'staged' },
      { cwd: empty, fetch: false, ...LIMITS, tool: 'cli' }
    )
    expect(await drainContent(staged.lines)).toEqual([])
    expect(staged.coverage()).toMatchObject({ incomplete: true })
    expect(staged.coverage().skipped[0].fix).toMatch(/inside a git checkout/)

    for (const coverage of [missing.coverage, outside.coverage, staged.coverage()]) {
      expect(coverage.skipped.map(item => item.fix).join(' ')).not.toMatch(/actions\/checkout|fetch-depth/)
    }
  })
})

describe('a forced push to the default branch whose old tip is gone', () => {
  const fx = new GitFixture()
  afterAll(() => fx.cleanup())

  it('cannot tell new commits from old ones: incomplete with a reason, never clean', async () => {
    const root = fx.commit({ 'a.txt': 'a\n' }, 'root')
    const [oldTip] = fx.importCommits('main', root, [{ files: { 'a.txt': 'OLD\n' } }])
    fx.push('main')
    const [newTip] = fx.importCommits('rewritten', root, [{ files: { 'a.txt': 'NEW\n' } }])
    fx.push('rewritten:main', true)
    fx.git(fx.originDir, ['reflog', 'expire', '--expire=now', '--all'])
    fx.git(fx.originDir, ['gc', '--quiet', '--prune=now'])
    const checkout = fx.shallowClone('main')
    const { lines, coverage } = await collectEvent(
      {
        name: 'push',
        payload: {
          ref: 'refs/heads/main',
          before: oldTip,
          after: newTip,
          forced: true,
          repository: { full_name: 'octo/widgets', default_branch: 'main' }
        }
      },
      checkout
    )
    expect(lines).toEqual([])
    expect(coverage.incomplete).toBe(true)
    expect(coverage.skipped[0].reason).toMatch(/no longer exists \(force-push\).*default branch/)
  })
})
