/** When local git cannot get a pull request's range, the REST API is used, and the coverage says which source ran. */
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { planScanRange, type RangePlan } from '../../src/scan/sources/event-range.js'
import { openScanSource, type SourceContext } from '../../src/scan/sources/registry.js'
import { FakeGitHub } from '../helpers/fake-github.js'
import { drainContent, GitFixture } from '../helpers/git-fixtures.js'

const TOKEN = 'ghs_fallback_token_0123456789abcdef'
const fx = new GitFixture()
let github: FakeGitHub
let plan: RangePlan
let prShas: string[]

beforeAll(async () => {
  const base = fx.commit({ 'README.md': 'base\n' }, 'base')
  fx.push('main')
  prShas = fx.importCommits(
    'feature',
    base,
    Array.from({ length: 3 }, (_, index) => ({ files: { [`pr/${index}.txt`]: `FALLBACK-${index}\n` } }))
  )
  fx.push('feature')
  plan = planScanRange({
    name: 'pull_request',
    payload: {
      repository: { full_name: 'octo/widgets' },
      pull_request: { number: 4, commits: 3, base: { sha: base }, head: { sha: prShas[2] } }
    }
  })
  github = await FakeGitHub.start({
    owner: 'octo',
    repo: 'widgets',
    commits: prShas.map((sha, index) => ({
      sha,
      files: [{ filename: `pr/${index}.txt`, status: 'added', patch: `@@ -0,0 +1 @@\n+FALLBACK-${index}` }]
    })),
    pulls: { 4: prShas }
  })
})
afterAll(async () => {
  await github.close()
  fx.cleanup()
})

function withoutOrigin(): string {
  const checkout = fx.shallowClone('main')
  fx.git(checkout, ['remote', 'remove', 'origin'])
  return checkout
}

async function collect(cwd: string, extra: Partial<SourceContext> = {}) {
  const source = await openScanSource(
    { kind: 'changed', plan },
    {
      cwd,
      fetch: true,
      token: TOKEN,
      maxFileBytes: 1 << 20,
      maxLineBytes: 4096,
      github: { apiUrl: github.url, retryDelayMs: 5 },
      ...extra
    }
  )
  const lines = await drainContent(source.lines)
  const coverage = source.coverage()
  expect(JSON.stringify(coverage)).not.toContain(TOKEN)
  return { lines, coverage }
}

describe('git to REST fallback', () => {
  it('uses the REST API when origin cannot be fetched, and says so', async () => {
    const { lines, coverage } = await collect(withoutOrigin())
    expect(lines.map(line => [line.text, line.commit])).toEqual(
      prShas.map((sha, index) => [`FALLBACK-${index}`, sha])
    )
    expect(coverage).toMatchObject({ source: 'GitHub REST API', commits: 3, incomplete: false, skipped: [] })
  })

  it('uses the REST API when there is no checkout at all', async () => {
    const empty = path.join(fx.root, 'no-checkout')
    fs.mkdirSync(empty)
    const { lines, coverage } = await collect(empty)
    expect(lines).toHaveLength(3)
    expect(coverage.source).toBe('GitHub REST API')
  })

  it('when both fail: incomplete, with the git fix and the permissions fix', async () => {
    github.intercept = () => ({ status: 403, body: { message: 'Resource not accessible by integration' } })
    try {
      const { lines, coverage } = await collect(withoutOrigin())
      expect(lines).toEqual([])
      expect(coverage.incomplete).toBe(true)
      expect(coverage.skipped.map(entry => entry.fix)).toEqual([
        expect.stringMatching(/pull-requests: read/),
        expect.stringMatching(/fetch-depth: 0/)
      ])
    } finally {
      github.intercept = undefined
    }
  })

  it('an event without a SHA (last commit): the HEAD git resolved is read through the REST API', async () => {
    const checkout = withoutOrigin()
    const head = fx.git(checkout, ['rev-parse', 'HEAD']).trim()
    const dispatch = planScanRange({
      name: 'workflow_dispatch',
      payload: { repository: { full_name: 'octo/widgets' } }
    })
    const source = await openScanSource(
      { kind: 'changed', plan: dispatch },
      {
        cwd: checkout,
        fetch: true,
        token: TOKEN,
        maxFileBytes: 1 << 20,
        maxLineBytes: 4096,
        github: { apiUrl: github.url, retryDelayMs: 5 }
      }
    )
    await drainContent(source.lines)
    expect(source.coverage().source).toBe('GitHub REST API')
    expect(github.requestsTo(`/repos/octo/widgets/commits/${head}`)).not.toEqual([])
  })

  it('without a token there is no fallback: the range is reported as not scanned', async () => {
    const { coverage } = await collect(withoutOrigin(), { token: undefined })
    expect(coverage).toMatchObject({ incomplete: true, source: 'git' })
  })

  const asRoot = process.getuid?.() === 0 ? it : it.skip
  asRoot('a repository owned by another user ("dubious ownership") gets the safe.directory fix', async () => {
    const checkout = fx.shallowClone('main')
    fs.chownSync(checkout, 65534, 65534)
    const saved = process.env.GIT_CONFIG_GLOBAL
    process.env.GIT_CONFIG_GLOBAL = '/dev/null'
    try {
      const { coverage } = await collect(checkout, { github: undefined })
      expect(coverage.incomplete).toBe(true)
      expect(coverage.skipped[0].reason).toMatch(/dubious ownership/)
      expect(coverage.skipped[0].fix).toMatch(/safe\.directory/)
    } finally {
      if (saved === undefined) delete process.env.GIT_CONFIG_GLOBAL
      else process.env.GIT_CONFIG_GLOBAL = saved
    }
  })
})
