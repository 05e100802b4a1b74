import { describe, expect, it } from '@jest/globals'
import { isSha } from '../../src/scan/revisions.js'
import { isSafeBranchName, planScanRange } from '../../src/scan/sources/event-range.js'

const BASE = 'a'.repeat(40)
const HEAD = 'b'.repeat(40)
const MERGE = 'c'.repeat(40)
const ZERO = '0'.repeat(40)
const repository = { full_name: 'octo/widgets', default_branch: 'main' }

describe('planScanRange: pull requests', () => {
  const payload = {
    number: 7,
    repository,
    pull_request: {
      number: 7,
      commits: 35,
      base: { sha: BASE, ref: 'main' },
      head: { sha: HEAD, ref: 'feature' }
    }
  }

  it('scans base.sha..head.sha from the payload, not the merge commit in GITHUB_SHA', () => {
    const plan = planScanRange({ name: 'pull_request', payload, sha: MERGE })
    expect(plan).toMatchObject({
      kind: 'range',
      base: BASE,
      head: HEAD,
      pullNumber: 7,
      expectedCommits: 35,
      forced: false,
      repository: { owner: 'octo', repo: 'widgets' },
      label: 'pull_request #7 aaaaaaa..bbbbbbb'
    })
  })

  it('treats pull_request_target exactly like pull_request', () => {
    const plan = planScanRange({ name: 'pull_request_target', payload, sha: BASE })
    expect(plan).toMatchObject({ kind: 'range', base: BASE, head: HEAD, pullNumber: 7 })
  })

  it('refuses SHAs that are not 40/64 lowercase hex before they can reach git', () => {
    for (const sha of [
      '--upload-pack=touch /tmp/pwned',
      `${HEAD} --exec=x`,
      HEAD.toUpperCase(),
      'HEAD',
      HEAD.slice(1)
    ]) {
      const plan = planScanRange({
        name: 'pull_request',
        payload: { pull_request: { base: { sha: BASE }, head: { sha } } }
      })
      expect(plan.kind).toBe('unplannable')
    }
  })

  it('accepts SHA-256 object names', () => {
    expect(isSha('d'.repeat(64))).toBe(true)
    expect(isSha('d'.repeat(50))).toBe(false)
  })
})

describe('planScanRange: push', () => {
  const push = (extra: Record<string, unknown>) =>
    planScanRange({
      name: 'push',
      payload: { ref: 'refs/heads/feature', repository, commits: [{}, {}], ...extra }
    })

  it('scans before..after with the default branch as fallback base', () => {
    expect(push({ before: BASE, after: HEAD })).toMatchObject({
      kind: 'range',
      base: BASE,
      head: HEAD,
      forced: false,
      expectedCommits: 2,
      fallbackBranch: 'main'
    })
  })

  it('marks forced pushes', () => {
    expect(push({ before: BASE, after: HEAD, forced: true })).toMatchObject({ kind: 'range', forced: true })
  })

  it('a new branch (zero before) is compared with the default branch', () => {
    expect(push({ before: ZERO, after: HEAD, created: true })).toMatchObject({
      kind: 'new-branch',
      head: HEAD,
      defaultBranch: 'main',
      expectedCommits: 2
    })
  })

  it('the first push of the default branch scans everything reachable from after', () => {
    const plan = planScanRange({
      name: 'push',
      payload: { ref: 'refs/heads/main', before: ZERO, after: HEAD, repository }
    })
    expect(plan).toMatchObject({ kind: 'new-branch', head: HEAD, defaultBranch: undefined })
    expect(plan.label).toContain('first push')
  })

  it('a branch deletion has nothing to scan and says so', () => {
    const plan = push({ before: BASE, after: ZERO, deleted: true })
    expect(plan).toMatchObject({ kind: 'nothing' })
    expect(plan.kind === 'nothing' && plan.reason).toMatch(/deleted/)
  })

  it('before == after scans the pushed commit instead of an empty range', () => {
    expect(push({ before: HEAD, after: HEAD })).toMatchObject({ kind: 'last-commit', head: HEAD })
  })

  it('does not carry an unsafe default branch name into the plan', () => {
    const plan = planScanRange({
      name: 'push',
      payload: {
        before: ZERO,
        after: HEAD,
        repository: { ...repository, default_branch: '--output=/tmp/x' }
      }
    })
    expect(plan).toMatchObject({ kind: 'new-branch', defaultBranch: undefined })
  })

  it('refuses a hostile after', () => {
    expect(push({ before: BASE, after: '-c core.pager=sh' }).kind).toBe('unplannable')
  })
})

describe('planScanRange: other events', () => {
  it('merge_group scans base_sha..head_sha', () => {
    const plan = planScanRange({
      name: 'merge_group',
      payload: { merge_group: { base_sha: BASE, head_sha: HEAD }, repository }
    })
    expect(plan).toMatchObject({ kind: 'range', base: BASE, head: HEAD })
    expect(plan.kind === 'range' && plan.pullNumber).toBeUndefined()
  })

  it('workflow_dispatch and schedule scan the last commit (GITHUB_SHA)', () => {
    for (const name of ['workflow_dispatch', 'schedule', 'release']) {
      expect(planScanRange({ name, payload: {}, sha: HEAD })).toMatchObject({
        kind: 'last-commit',
        head: HEAD
      })
    }
    expect(planScanRange({ name: 'schedule', payload: {}, sha: 'nonsense' })).toMatchObject({
      kind: 'last-commit',
      head: undefined
    })
  })

  it('survives payloads of the wrong shape', () => {
    for (const payload of [null, undefined, 42, 'x', [], { pull_request: 'x' }]) {
      expect(planScanRange({ name: 'pull_request', payload }).kind).toBe('unplannable')
    }
  })
})

describe('isSafeBranchName', () => {
  it('accepts ordinary names and refuses option-like or ref-syntax names', () => {
    for (const name of ['main', 'release/1.2', 'feature_x-y']) expect(isSafeBranchName(name)).toBe(true)
    for (const name of [
      '-x',
      '--upload-pack=x',
      'a..b',
      'a b',
      'a~1',
      'a^',
      'a:b',
      'x.lock',
      '/x',
      'x/',
      '',
      'a@{1}'
    ]) {
      expect(isSafeBranchName(name)).toBe(false)
    }
  })
})
