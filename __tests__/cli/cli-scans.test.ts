/**
 * The CLI on a developer's machine: the built bundle run as a child process in real git repositories, with
 * a clean environment and the loopback OpenAI API. What it scans in each mode, when it checks the key, its
 * reports (text, --json, --sarif) and exit codes, and that no key is ever printed in full.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs'
import path from 'node:path'
import { redact } from '../../src/core/redact.js'
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js'
import { makeKey } from '../helpers/keys.js'
import { recordingGit } from '../helpers/recording-git.js'
import { expectNoKeys, runCli } from './run-cli.js'
import { TempRepo } from './temp-repo.js'

const VALID_KEY = makeKey('project', 61)
const INVALID_KEY = makeKey('project', 62)
/** Keys committed, staged or left lying around in the test repositories; the fake API knows none of them. */
const STAGED_KEY = makeKey('service-account', 63)
const UNSTAGED_KEY = makeKey('admin', 64)
const UNTRACKED_KEY = makeKey('legacy', 65)
const COMMITTED_KEY = makeKey('project-58', 66)
const ALL_KEYS = [VALID_KEY, INVALID_KEY, STAGED_KEY, UNSTAGED_KEY, UNTRACKED_KEY, COMMITTED_KEY]

let fake: FakeOpenAI
const repos: TempRepo[] = []

beforeAll(async () => {
  fake = await startFakeOpenAI({ validKeys: [VALID_KEY] })
})
afterAll(async () => {
  await fake.close()
  for (const repo of repos.splice(0)) repo.remove()
})
afterEach(() => fake.reset())

function newRepo(): TempRepo {
  const repo = new TempRepo()
  repos.push(repo)
  return repo
}

async function cli(repo: TempRepo, args: string[], env: Record<string, string> = {}) {
  const run = await runCli(args, repo.dir, { OPENAI_BASE_URL: fake.baseUrl, ...env })
  expectNoKeys(run, ALL_KEYS)
  return run
}

/** The finding lines of the text report: `path:line:col [commit] detector redacted [liveness]`. */
function findingLines(stdout: string): string[] {
  return stdout.split('\n').filter(line => /^ {2}\S+(?::\d+:\d+ | [0-9a-f]{7} \(removed)/.test(line))
}

function authorizations(): string[] {
  return fake.requests.map(request => String(request.headers.authorization))
}

describe('--staged (pre-commit)', () => {
  function repoWithEveryKindOfChange(): TempRepo {
    const repo = newRepo()
    repo.commit({ 'committed.py': `KEY = "${COMMITTED_KEY}"\n`, 'app.js': 'console.log(1)\n' })
    repo.write({ 'app.js': `console.log(1)\nconst unstaged = '${UNSTAGED_KEY}'\n` })
    repo.write({ 'notes.txt': `${UNTRACKED_KEY}\n` })
    repo.stage({ 'src/config.js': `// settings\nexport const key = '${STAGED_KEY}'\n` })
    return repo
  }

  it('reports only the key in a staged added line, and exits 1', async () => {
    const repo = repoWithEveryKindOfChange()
    const run = await cli(repo, ['--staged'])
    expect(run.exitCode).toBe(1)
    const lines = findingLines(run.stdout)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^ {2}src\/config\.js:2:21 openai-service-account-key /)
    expect(lines[0]).toContain(redact(STAGED_KEY))
    // Verified live against the API at OPENAI_BASE_URL: the fake does not know it.
    expect(lines[0]).toMatch(/\[dead\]$/)
    expect(authorizations()).toEqual([`Bearer ${STAGED_KEY}`])
    expect(run.stdout).toContain('Key: not checked (OPENAI_API_KEY is not set')
    expect(run.stdout).toMatch(/FAIL: .*leak/)
    for (const other of ['committed.py', 'app.js', 'notes.txt']) expect(run.stdout).not.toContain(other)
  })

  it('passes a clean staged change without OPENAI_API_KEY, and asks the API nothing', async () => {
    const repo = newRepo()
    repo.commit({ 'committed.py': `KEY = "${COMMITTED_KEY}"\n` })
    repo.write({ 'notes.txt': `${UNTRACKED_KEY}\n` })
    repo.stage({ 'README.md': '# app\nSet OPENAI_API_KEY=sk-your-key-here in .env\n' })
    const run = await cli(repo, ['--staged'])
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('No staged keys found.')
    expect(run.stdout).toMatch(/Scanned the lines added by the staged changes: 1 file/)
    expect(run.stdout).toContain('OK: nothing fails the policy')
    expect(fake.requests).toHaveLength(0)
  })

  it('counts the keys the allow-list accepted, and passes', async () => {
    const repo = newRepo()
    repo.stage({ 'test/fixture.py': `KEY = "${STAGED_KEY}"  # openai-key-doctor:allow\n` })
    const run = await cli(repo, ['--staged', '--no-liveness'])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('No staged keys found.')
    expect(run.stdout).toContain('\n1 finding allowed by the allow-list (1 inline marker).\n')
    expectNoKeys(run, [STAGED_KEY])
  })

  it('works before the first commit', async () => {
    const repo = newRepo()
    repo.stage({ 'app.py': `client = OpenAI(api_key="${STAGED_KEY}")\n` })
    const run = await cli(repo, ['--staged', '--no-liveness'])
    expect(run.exitCode).toBe(1)
    expect(findingLines(run.stdout)).toEqual([
      expect.stringMatching(
        /^ {2}app\.py:1:26 openai-service-account-key .* \[not verified: offline, --no-liveness\]$/
      )
    ])
  })

  it('checks the key when OPENAI_API_KEY is set: a valid one passes', async () => {
    const repo = newRepo()
    repo.stage({ 'README.md': '# app\n' })
    const run = await cli(repo, ['--staged'], { OPENAI_API_KEY: VALID_KEY })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/^Key: valid\n/)
    expect(run.stdout).toContain(`  The key:    ${redact(VALID_KEY)} (project key, 164 characters)\n`)
    expect(authorizations()).toEqual([`Bearer ${VALID_KEY}`])
  })

  it('checks the key when OPENAI_API_KEY is set: a rejected one fails with cause, fix and checklist', async () => {
    const repo = newRepo()
    repo.stage({ 'README.md': '# app\n' })
    const run = await cli(repo, ['--staged'], { OPENAI_API_KEY: INVALID_KEY })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/^Key: invalid \(invalid-api-key\)\n/)
    expect(run.stdout).toMatch(/\n {2}Cause: +\S/)
    expect(run.stdout).toMatch(/\n {2}Fix: +\S/)
    expect(run.stdout).toContain('401 checklist')
    expect(run.stdout).toMatch(/Expired or revoked key: likely/)
    expect(run.stdout).toMatch(/Request id: req_/)
    expect(run.stdout).toMatch(/FAIL: fail-on key/)
  })
})

describe('--range A..B', () => {
  it('scans every commit of the range: a key added, then removed, is reported with both commits', async () => {
    const repo = newRepo()
    repo.commit({ 'old.py': `KEY = "${COMMITTED_KEY}"\n` }, 'before the range')
    const base = repo.git('rev-parse', 'HEAD')
    const added = repo.commit({ 'settings.py': `DEBUG = True\nKEY = "${STAGED_KEY}"\n` }, 'add settings')
    const removed = repo.commit(
      { 'settings.py': 'DEBUG = True\nKEY = os.environ["KEY"]\n' },
      'read it from the env'
    )

    const run = await cli(repo, ['--range', `${base}..HEAD`, '--no-liveness'])
    expect(run.exitCode).toBe(1)
    expect(findingLines(run.stdout)).toEqual([
      `  settings.py ${added.slice(0, 7)} (removed in ${removed.slice(0, 7)}) openai-service-account-key ${redact(STAGED_KEY)} [not verified: offline, --no-liveness]`
    ])
    expect(run.stdout).toMatch(
      /Scanned the lines added by every commit of [0-9a-f]{40}\.\.HEAD .*: 2 commits, 1 file/
    )

    const json = await cli(repo, ['--range', `${base}..HEAD`, '--no-liveness', '--json'])
    const report = JSON.parse(json.stdout)
    expect(report.leaks).toEqual([
      expect.objectContaining({
        path: 'settings.py',
        line: 2,
        commit: added,
        redacted: redact(STAGED_KEY),
        removed: { commit: removed }
      })
    ])
    expect(report.coverage).toMatchObject({ mode: 'range', commits: 2, incomplete: false })
  })

  it('a clean range passes without OPENAI_API_KEY', async () => {
    const repo = newRepo()
    repo.commit({ 'a.txt': 'a\n' })
    repo.commit({ 'b.txt': 'b\n' })
    const run = await cli(repo, ['--range', 'HEAD~1..HEAD'])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/1 commit, 1 file/)
    expect(fake.requests).toHaveLength(0)
  })

  it('exits 2, not 0, when git cannot read part of the range', async () => {
    const repo = newRepo()
    repo.commit({ 'a.txt': 'a\n' })
    repo.commit({ 'b.txt': 'a blob that goes missing\n' })
    const blob = repo.git('rev-parse', 'HEAD:b.txt')
    rmSync(path.join(repo.dir, '.git', 'objects', blob.slice(0, 2), blob.slice(2)))
    const run = await cli(repo, ['--range', 'HEAD~1..HEAD', '--no-liveness'])
    expect(run.exitCode).toBe(2)
    expect(run.stdout).toContain('No committed keys found in what was scanned.')
    expect(run.stdout).toMatch(/ {2}skipped HEAD~1\.\.HEAD .*unable to read/)
    // A developer's shell has no workflow to edit: the fix says what to do there.
    expect(run.stdout).toMatch(
      /fix: run it inside a git checkout of your project; for `--range`, run `git fetch`/
    )
    expect(run.stdout).not.toMatch(/actions\/checkout|fetch-depth/)
    expect(run.stdout).toMatch(/\nFAIL: fail-on leak: part of the change could not be scanned for keys\n$/)
  })

  it('stops with exit 2 on a revision that does not exist', async () => {
    const repo = newRepo()
    repo.commit({ 'a.txt': 'a\n' })
    const run = await cli(repo, ['--range', 'no-such-branch..HEAD'])
    expect(run.exitCode).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe('openai-key-doctor: --range: unknown revision "no-such-branch"\n')
  })
})

describe('--all and the default scan', () => {
  function repoWithTrackedUntrackedAndIgnored(): TempRepo {
    const repo = newRepo()
    repo.commit({ '.gitignore': '.env\n', 'src/app.js': `const key = "${COMMITTED_KEY}"\n` })
    repo.write({ 'scratch.txt': `try ${UNTRACKED_KEY}\n`, '.env': `OPENAI_API_KEY=${UNSTAGED_KEY}\n` })
    return repo
  }

  it('--all scans every tracked file, not untracked or ignored ones', async () => {
    const repo = repoWithTrackedUntrackedAndIgnored()
    const run = await cli(repo, ['--all', '--no-liveness'])
    expect(run.exitCode).toBe(1)
    expect(findingLines(run.stdout)).toEqual([
      `  src/app.js:1:14 openai-project-key ${redact(COMMITTED_KEY)} [not verified: offline, --no-liveness]`
    ])
    expect(run.stdout).toMatch(/Scanned every tracked file: 2 files/)
  })

  it('with no flag scans the working tree including untracked files, never ignored ones, and checks the key', async () => {
    const repo = repoWithTrackedUntrackedAndIgnored()
    const run = await cli(repo, [], { OPENAI_API_KEY: VALID_KEY })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/^Key: valid\n/)
    const lines = findingLines(run.stdout)
    expect(lines.map(line => line.split(' ')[2])).toEqual(['scratch.txt:1:5', 'src/app.js:1:14'])
    expect(run.stdout).not.toContain('.env:')
    expect(run.stdout).toMatch(/2 committed keys found/)
    expect(lines.every(line => line.endsWith('[dead]'))).toBe(true)
  })

  it('with no flag and no OPENAI_API_KEY says the key is missing and how to set it, and does not fail for it (exit 0)', async () => {
    const repo = newRepo()
    repo.commit({ 'a.txt': 'a\n' })
    const run = await cli(repo, [])
    expect(run.exitCode).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.stdout).toMatch(
      /^Key: missing \(missing-secret\)\n {2}No key: OPENAI_API_KEY is not set \(or empty\) in this shell\n/
    )
    expect(run.stdout).toContain('export OPENAI_API_KEY=')
    expect(run.stdout).toContain('OK: nothing fails the policy')
    expect(fake.requests).toHaveLength(0)
  })

  it('a clean working tree and a valid key pass (exit 0)', async () => {
    const repo = newRepo()
    repo.commit({ 'a.txt': 'a\n' })
    const run = await cli(repo, [], { OPENAI_API_KEY: VALID_KEY })
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('OK: nothing fails the policy')
  })

  it('finds the repository root from a subdirectory', async () => {
    const repo = newRepo()
    repo.commit({ 'deep/er/a.txt': 'a\n', 'top.js': `k = "${COMMITTED_KEY}"\n` })
    const run = await runCli(['--all', '--no-liveness'], path.join(repo.dir, 'deep/er'), {})
    expect(run.exitCode).toBe(1)
    expect(findingLines(run.stdout)[0]).toMatch(/^ {2}top\.js:1:6 /)
  })

  it('with GIT_DIR and GIT_WORK_TREE (the git directory kept apart) scans that work tree, asking git its root once', async () => {
    const repo = newRepo()
    repo.commit({ 'deep/er/a.txt': 'a\n', 'top.js': `k = "${COMMITTED_KEY}"\n` })
    const gitDir = path.join(repo.dir, 'store.git')
    renameSync(path.join(repo.dir, '.git'), gitDir)
    const scratch = new TempRepo(false)
    repos.push(scratch)
    const git = recordingGit(scratch.dir)
    const run = await runCli(['--all', '--no-liveness'], path.join(repo.dir, 'deep/er'), {
      GIT_DIR: gitDir,
      GIT_WORK_TREE: repo.dir,
      PATH: git.pathEnv
    })
    expect(run.exitCode).toBe(1)
    expect(findingLines(run.stdout)).toEqual([
      `  top.js:1:6 openai-project-key ${redact(COMMITTED_KEY)} [not verified: offline, --no-liveness]`
    ])
    expect(run.stdout).toMatch(/Scanned every tracked file: 2 files/)
    const rootAsked = git
      .commandLines()
      .split('\n')
      .filter(line => line.endsWith(' rev-parse --show-toplevel'))
    expect(rootAsked).toHaveLength(1)
  })
})

describe('reports', () => {
  it('--json: valid JSON with schemaVersion, the verdict, and leaks with redacted keys only', async () => {
    const repo = newRepo()
    repo.stage({ 'keys.txt': `${STAGED_KEY}\n${INVALID_KEY}\n` })
    const run = await cli(repo, ['--staged', '--json'], { OPENAI_API_KEY: INVALID_KEY })
    expect(run.exitCode).toBe(1)
    expect(run.stderr).toBe('')
    const report = JSON.parse(run.stdout)
    expect(report).toMatchObject({
      schemaVersion: 1,
      keyStatus: 'invalid',
      cause: 'invalid-api-key',
      keyType: 'project',
      leakCount: 2,
      liveLeakCount: 0,
      coverage: { mode: 'staged', files: 1, incomplete: false }
    })
    expect(report.diagnosis.checklist).toHaveLength(10)
    expect(report.leaks.map((leak: { redacted: string }) => leak.redacted).sort()).toEqual(
      [redact(STAGED_KEY), redact(INVALID_KEY)].sort()
    )
    // The configured key itself is found, as the most severe finding.
    expect(report.leaks[0]).toMatchObject({
      detector: 'configured-key',
      line: 2,
      commit: null,
      liveness: 'dead'
    })
    for (const leak of report.leaks) expect(leak.fingerprint).toMatch(/^[\w-]+:[0-9a-f]{16}$/)
  })

  it('--json without a key has null verdict fields', async () => {
    const repo = newRepo()
    repo.stage({ 'a.txt': 'a\n' })
    const run = await cli(repo, ['--staged', '--json'])
    expect(run.exitCode).toBe(0)
    expect(JSON.parse(run.stdout)).toMatchObject({
      schemaVersion: 1,
      keyStatus: null,
      diagnosis: null,
      leaks: []
    })
  })

  it('--sarif FILE writes a SARIF 2.1.0 report next to the text report', async () => {
    const repo = newRepo()
    repo.stage({ 'src/config.js': `// settings\nexport const key = '${STAGED_KEY}'\n` })
    const file = path.join(repo.dir, 'out', 'report.sarif')
    const run = await cli(repo, ['--staged', '--no-liveness', '--sarif', file])
    expect(run.exitCode).toBe(1)
    expect(findingLines(run.stdout)).toHaveLength(1)
    const text = readFileSync(file, 'utf8')
    expectNoKeys(run, ALL_KEYS, text)
    const sarif = JSON.parse(text)
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs[0].tool.driver.name).toBe('openai-key-doctor')
    expect(sarif.runs[0].results).toHaveLength(1)
    expect(sarif.runs[0].results[0].locations[0].physicalLocation).toMatchObject({
      artifactLocation: { uri: 'src/config.js' },
      region: { startLine: 2, startColumn: 21 }
    })
    // The commit was blocked: the report must not tell the developer that git history keeps the key.
    const [rule] = sarif.runs[0].tool.driver.rules
    expect(sarif.runs[0].results[0].message.text).toMatch(/ staged \(liveness: /)
    expect(rule.shortDescription.text).toMatch(/^Staged /)
    for (const help of [rule.help.text, rule.help.markdown, rule.fullDescription.text]) {
      expect(help).toContain('not in git history')
      expect(help).toContain('Revoke a real key only if it was ever shared')
      expect(help).not.toContain('stays in git history')
    }
  })

  it('--no-liveness makes no request at all, for the key or for found keys', async () => {
    const repo = newRepo()
    repo.stage({ 'src/config.js': `export const key = '${STAGED_KEY}'\n` })
    const run = await cli(repo, ['--staged', '--no-liveness'], { OPENAI_API_KEY: INVALID_KEY })
    expect(fake.requests).toHaveLength(0)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/^Key: unchecked\n {2}Not checked live \(liveness is off\)/)
    expect(findingLines(run.stdout)[0]).toMatch(/\[not verified: offline, --no-liveness\]$/)
  })

  it('an unwritable --sarif FILE fails the run with its reason in the report, as the action does', async () => {
    const repo = newRepo()
    repo.commit({ blocker: 'a file where the report wants a folder\n' })
    repo.stage({ 'src/config.js': `export const key = '${STAGED_KEY}'\n` })
    const run = await cli(repo, [
      '--staged',
      '--no-liveness',
      '--sarif',
      path.join('blocker', 'report.sarif')
    ])
    expect(run.exitCode).toBe(1)
    expect(run.stderr).not.toMatch(/unexpected error/)
    expect(run.stdout).toMatch(
      /^FAIL: fail-on leak: a staged key found; Could not write the SARIF report to --sarif "blocker\/report\.sarif": .*\/blocker\/report\.sarif cannot be written: .*\/blocker is not a directory$/m
    )
  })

  it('a clean run whose --sarif FILE cannot be written exits 2, not 0', async () => {
    const repo = newRepo()
    repo.commit({ blocker: 'a file where the report wants a folder\n' })
    repo.stage({ 'src/app.js': 'console.log(1)\n' })
    const run = await cli(repo, [
      '--staged',
      '--no-liveness',
      '--sarif',
      path.join('blocker', 'report.sarif')
    ])
    expect(run.exitCode).toBe(2)
    expect(run.stdout).toMatch(/^FAIL: Could not write the SARIF report/m)
  })

  it('writes no SARIF file when it stops on a usage error', async () => {
    const repo = newRepo()
    const file = path.join(repo.dir, 'report.sarif')
    const run = await cli(repo, ['--staged', '--all', '--sarif', file])
    expect(run.exitCode).toBe(2)
    expect(existsSync(file)).toBe(false)
  })
})

describe('the 401 checklist from the repository, on the terminal', () => {
  it('a rejected key: the env var mismatch and the leaked copy, each place on its own line', async () => {
    const repo = newRepo()
    repo.commit({
      '.github/workflows/ci.yml': [
        'on: push',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: python app.py',
        '        env:',
        '          OPENAI_KEY: ${{ secrets.OPENAI_API_KEY }}',
        ''
      ].join('\n'),
      'app.py': 'import os\nfrom openai import OpenAI\nclient = OpenAI(api_key=os.getenv("OPENAI_API_KEY"))\n'
    })
    const base = repo.git('rev-parse', 'HEAD')
    const added = repo.commit({ 'local.py': `OPENAI_API_KEY = "${INVALID_KEY}"\n` })
    const removed = repo.commit({ 'local.py': null })

    const run = await cli(repo, ['--range', `${base}..HEAD`], { OPENAI_API_KEY: INVALID_KEY })
    expect(run.exitCode).toBe(1)
    const lines = run.stdout.split('\n')
    expect(run.stdout).toMatch(/Cause: +OpenAI's leak detection most likely revoked this key/)
    const short = added.slice(0, 7)
    expect(lines.slice(lines.indexOf('  ! Expired or revoked key: likely') + 1)[0]).toBe(
      `      This key is committed at local.py:1 (commit ${short}). OpenAI disables keys it finds published, ` +
        // The answer is quoted once, under "Server said:"; the row points at it.
        'and a revoked key gets the same answer as a typo.'
    )
    expect(run.stdout.match(/HTTP 401 invalid_api_key/g)).toHaveLength(1)
    const envRow = lines.indexOf('  ! Incorrect environment variable name: likely')
    expect(lines[envRow + 1]).toMatch(/^ {6}\.github\/workflows\/ci\.yml:8: .* sets `OPENAI_KEY` /)
    expect(lines[envRow + 2]).toMatch(/^ {6}app\.py:3: os\.getenv\("OPENAI_API_KEY"\) reads `OPENAI_API_KEY`/)
    expect(findingLines(run.stdout)).toEqual([
      `  local.py ${short} (removed in ${removed.slice(0, 7)}) configured-key ${redact(INVALID_KEY)} [dead]`
    ])
    expect(run.stdout).toContain('critical: Your OPENAI_API_KEY')
  })
})
