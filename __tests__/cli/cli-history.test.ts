/**
 * The CLI's `--history [REF]`: the built bundle in a real repository, every key ever committed with its commit
 * and whether it is still there; a shallow clone is reported as such; an invalid OPENAI_API_KEY is searched for
 * in the whole history whatever the scan.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js'
import { makeKey } from '../helpers/keys.js'
import { expectNoKeys, runCli } from './run-cli.js'
import { TempRepo } from './temp-repo.js'

const GONE_KEY = makeKey('project', 81)
const KEPT_KEY = makeKey('service-account', 82)
const REVOKED_KEY = makeKey('project', 83)
const ALL_KEYS = [GONE_KEY, KEPT_KEY, REVOKED_KEY]

let fake: FakeOpenAI
const repo = new TempRepo()
const commits: Record<string, string> = {}

beforeAll(async () => {
  fake = await startFakeOpenAI({ validKeys: [] })
  repo.commit({ 'README.md': '# app\n' }, 'root')
  commits.gone = repo.commit({ '.env': `OPENAI_API_KEY=${GONE_KEY}\n` }, 'env')
  commits.tag = repo.commit({ '.env': 'OPENAI_API_KEY=\n' }, 'no env')
  repo.git('tag', 'v1')
  commits.kept = repo.commit({ 'tool.py': `KEY = "${KEPT_KEY}"\n` }, 'tool')
  commits.revoked = repo.commit({ 'run.sh': `export OPENAI_API_KEY=${REVOKED_KEY}\n` }, 'run')
  repo.commit({ 'run.sh': 'export OPENAI_API_KEY="$KEY"\n' }, 'run from env')
})
afterAll(async () => {
  await fake.close()
  repo.remove()
})

/** Finding lines: `  path:line:col commit …`, or `  path commit (removed) …` for a key gone from HEAD. */
function findingLines(stdout: string): string[] {
  return stdout.split('\n').filter(line => /^ {2}\S+(:\d+:\d+)? [0-9a-f]{7} /.test(line))
}

describe('--history', () => {
  it('reports every key ever committed, with its commit, and which were removed since; exits 1', async () => {
    const run = await runCli(['--history', '--no-liveness'], repo.dir)
    expectNoKeys(run, ALL_KEYS)
    expect(run.exitCode).toBe(1)
    const lines = findingLines(run.stdout)
    expect(lines).toHaveLength(3)
    // Removed since: the file and the commit that added it (no line at HEAD).
    expect(lines.find(line => line.startsWith('  .env '))).toContain(`${commits.gone.slice(0, 7)} (removed)`)
    expect(lines.find(line => line.startsWith('  tool.py:1:'))).toContain(` ${commits.kept.slice(0, 7)} `)
    expect(lines.find(line => line.startsWith('  tool.py:1:'))).not.toContain('(removed)')
    expect(run.stdout).toMatch(
      /Scanned the lines added by every commit reachable from HEAD \([0-9a-f]{7}\): 6 commits/
    )
  })

  it('takes a ref, and --json marks a key removed since', async () => {
    const run = await runCli(['--history', 'v1', '--json', '--no-liveness'], repo.dir)
    expectNoKeys(run, ALL_KEYS)
    const report = JSON.parse(run.stdout) as {
      leaks: Array<{ commit: string; removed: { commit: string | null } | null }>
      coverage: { mode: string; commits: number }
    }
    expect(report.coverage).toMatchObject({ mode: 'history', commits: 3 })
    expect(report.leaks).toEqual([
      expect.objectContaining({ commit: commits.gone, removed: { commit: null } })
    ])
  })

  it('refuses an unknown ref with exit 2', async () => {
    const run = await runCli(['--history', 'no-such-tag', '--no-liveness'], repo.dir)
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/--history: unknown revision "no-such-tag"/)
  })

  it('an invalid OPENAI_API_KEY: the whole history is searched for it, even on a working-tree scan', async () => {
    const run = await runCli([], repo.dir, { OPENAI_API_KEY: REVOKED_KEY, OPENAI_BASE_URL: fake.baseUrl })
    expectNoKeys(run, ALL_KEYS)
    expect(run.stdout).toMatch(/leak detection most likely revoked/)
    expect(run.stdout).toContain(`run.sh:1 (commit ${commits.revoked.slice(0, 7)})`)
  })
})
