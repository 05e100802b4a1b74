import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { symlinkSync } from 'node:fs'
import path from 'node:path'
import { runRepoChecks } from '../../src/repo-checks/index.js'
import { REPO_READ_LIMITS, readRepoFilesForChecks } from '../../src/repo-checks/read-repo.js'
import { TempTrees } from './temp-tree.js'

const trees = new TempTrees()
afterAll(() => trees.removeAll())

const git = (cwd: string, ...args: string[]) =>
  execFileSync(
    'git',
    ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args],
    {
      cwd,
      stdio: 'pipe'
    }
  )

const overOneMiB = 'x'.repeat(REPO_READ_LIMITS.maxFileBytes + 10)

describe('readRepoFilesForChecks', () => {
  it('lists a git repository with git ls-files and reads only the files the checks need', async () => {
    const outside = trees.create({ 'secret.py': 'import os\nos.getenv("OPENAI_OUTSIDE_KEY")\n' })
    const workspace = trees.create({
      '.github/workflows/ci.yml': 'on: push\n',
      '.env.example': 'OPENAI_API_KEY=\n',
      '.gitignore': 'ignored.py\n',
      'src/app.py': 'import os\nos.getenv("OPENAI_API_KEY")\n',
      // Code that reads no env var and names no openai: read (and counted), but not held.
      'src/util.py': 'import os\nprint(os.sep)\n',
      'web/yarn.lock': 'left-pad@^1.3.0:\n  version "1.3.0"\n',
      'node_modules/openai/package.json': '{"name":"openai","version":"3.3.0"}',
      'README.md': '# app\n',
      'big.js': overOneMiB,
      'package-lock.json': `{"lockfileVersion":3,"packages":{"node_modules/openai":{"version":"4.0.0"}},"padding":"${overOneMiB}"}`,
      'image.js': 'GIF89a\u0000\u0000binary',
      'ignored.py': 'os.getenv("IGNORED")\n'
    })
    symlinkSync(path.join(outside, 'secret.py'), path.join(workspace, 'leak.py'))
    symlinkSync(path.join('src', 'app.py'), path.join(workspace, 'alias.py'))
    git(workspace, 'init', '-q')
    git(workspace, 'add', '-A')
    git(workspace, 'commit', '-q', '-m', 'fixture')
    trees.write(workspace, { 'untracked.py': 'import os\nos.environ["UNTRACKED"]\n' })

    const result = await readRepoFilesForChecks(workspace)

    expect(result.listedWith).toBe('git')
    expect(result.files.map(file => file.path)).toEqual([
      '.env.example',
      '.github/workflows/ci.yml',
      'package-lock.json',
      'src/app.py',
      'untracked.py'
    ])
    // Links are never followed, inside the workspace or out of it: each one is named as not read.
    expect(result.notRead).toEqual([
      { path: 'alias.py', reason: 'symbolic link: not followed' },
      { path: 'leak.py', reason: 'symbolic link: not followed' }
    ])
    expect(result.skippedLarge).toEqual(['big.js'])
    expect(result.hitFileLimit).toBe(false)
    expect(result.lockfilesWithoutOpenAI).toBe(1)
  })

  it('counts a lockfile without openai as a manifest checked, though it is not kept', async () => {
    const workspace = trees.create({
      'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/left-pad': {} } })
    })
    expect((await readRepoFilesForChecks(workspace)).files).toEqual([])
    const checks = await runRepoChecks(workspace)
    expect(checks.checkedLibraries).toBe(true)
    expect(checks.librariesNotChecked).toBeUndefined()
    expect((await runRepoChecks(trees.create({ 'README.md': '# app\n' }))).librariesNotChecked).toContain(
      'no package manifests or lockfiles'
    )
  })

  it('walks a directory that is not a git repository, skipping vendored folders and stopping at the file limit', async () => {
    const files: Record<string, string> = {
      'requirements.txt': 'openai==0.28.1\n',
      'node_modules/openai/index.js': 'module.exports = {}\n',
      'venv/lib/site.py': 'import os\n'
    }
    for (let i = 0; i < 12; i++) files[`scripts/s${i}.py`] = `import os\nos.getenv("S${i}")\n`
    const workspace = trees.create(files)
    const readLimits = { ...REPO_READ_LIMITS, maxSourceFiles: 10 }

    const result = await readRepoFilesForChecks(workspace, readLimits)

    expect(result.listedWith).toBe('walk')
    expect(result.hitFileLimit).toBe(true)
    expect(result.files).toHaveLength(11)
    expect(result.files.some(file => file.path === 'requirements.txt')).toBe(true)
    expect(result.files.some(file => /node_modules|venv/.test(file.path))).toBe(false)

    const checks = await runRepoChecks(workspace, { readLimits })
    expect(checks.outdatedLibrary.map(finding => `${finding.path}:${finding.line}`)).toEqual([
      'requirements.txt:1'
    ])
    expect(checks.notFullyChecked).toEqual([
      {
        limit: 'files',
        detail:
          'the repository has more files than they read (at most 10 source files); the rest were not checked'
      }
    ])
  })
})

describe('the source byte budget', () => {
  it('reads workflows and manifests first, then source files in order until the budget, and says so', async () => {
    const files: Record<string, string> = { 'requirements.txt': 'openai==0.28.1\n' }
    for (let i = 0; i < 5; i++) files[`s${i}.py`] = `os.getenv("S${i}") # ${'x'.repeat(80)}\n`
    const workspace = trees.create(files)
    const readLimits = { ...REPO_READ_LIMITS, maxSourceBytes: 250 }

    const result = await readRepoFilesForChecks(workspace, readLimits)

    expect(result.files.map(file => file.path).sort()).toEqual(['requirements.txt', 's0.py', 's1.py'])
    expect(result.hitByteLimit).toBe(true)
    expect(result.hitFileLimit).toBe(false)
    expect((await runRepoChecks(workspace, { readLimits })).notFullyChecked).toEqual([
      {
        limit: 'bytes',
        detail:
          'the repository has more source than they read (at most 250 bytes of source files); the rest was not checked'
      }
    ])
    expect((await readRepoFilesForChecks(workspace)).hitByteLimit).toBe(false)
  })
})

describe('runRepoChecks', () => {
  it('refuses a FIFO or a link swapped in for a file (never waits, never follows) and names it', async () => {
    const outside = trees.create({ '.env': 'OPENAI_OUTSIDE_NAME=1\n' })
    const workspace = trees.create({ 'package.json': '{"dependencies":{}}', 'app.py': 'import os\n' })
    execFileSync('mkfifo', [path.join(workspace, '.env')])
    symlinkSync(path.join(outside, '.env'), path.join(workspace, '.env.local'))

    const result = await runRepoChecks(workspace)

    expect(result.notFullyChecked).toEqual([
      {
        limit: 'not-read',
        detail: 'not read (symbolic links are not followed; FIFOs and devices are not read): .env, .env.local'
      }
    ])
    expect(JSON.stringify(result)).not.toContain('OPENAI_OUTSIDE_NAME')
  }, 10_000)

  it('says the checks did not run when the workspace cannot be read, instead of reporting "nothing found"', async () => {
    const missing = path.join(trees.create({}), 'does-not-exist')
    const result = await runRepoChecks(missing)
    expect(result).toEqual({
      envVarName: [],
      outdatedLibrary: [],
      checkedEnvVarNames: false,
      checkedLibraries: false,
      notFullyChecked: [{ limit: 'unreadable', detail: 'the workspace could not be read (ENOENT)' }]
    })
  })

  it('names the files it skipped for size', async () => {
    const result = await runRepoChecks(
      trees.create({ 'huge.ts': overOneMiB, 'package.json': '{"dependencies":{}}' })
    )
    expect(result.checkedLibraries).toBe(true)
    expect(result.notFullyChecked).toEqual([
      {
        limit: 'large-files',
        detail: 'not read because too large (over 1 MiB, lockfiles over 16 MiB): huge.ts'
      }
    ])
  })
})
