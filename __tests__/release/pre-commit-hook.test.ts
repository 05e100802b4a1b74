/**
 * The pre-commit framework with this repository's .pre-commit-hooks.yaml, as a user's .pre-commit-config.yaml
 * uses it: pre-commit clones the repository at a revision, installs it as a `language: node` hook, and runs
 * `openai-key-doctor --staged` on the staged changes. Needs a pre-commit at least as new as the hook's
 * minimum_pre_commit_version: OKD_PRE_COMMIT (.ci/run sets it from script/pre-commit-from-debian.sh) or
 * `pre-commit` on PATH; without one the test is skipped, and its name says why.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import semver from 'semver'
import { parse as parseYaml } from 'yaml'
import { redact } from '../../src/core/redact.js'
import { TempRepo } from '../cli/temp-repo.js'
import { FIXTURE_GIT_ENV } from '../helpers/git-fixtures.js'
import { makeKey } from '../helpers/keys.js'
import { spawnBounded } from '../helpers/runner-harness.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const [hook] = parseYaml(readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as [
  { id: string; minimum_pre_commit_version: string }
]
const preCommit = process.env.OKD_PRE_COMMIT || 'pre-commit'
const KEY = makeKey('project', 57)

function installedVersion(): string | undefined {
  try {
    const output = execFileSync(preCommit, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore']
    })
    return semver.coerce(output)?.version
  } catch {
    return undefined
  }
}

const version = installedVersion()
const usable = version !== undefined && semver.gte(version, hook.minimum_pre_commit_version)
const suite = usable ? describe : describe.skip
const why = usable
  ? `pre-commit ${version}`
  : `skipped: no pre-commit >= ${hook.minimum_pre_commit_version} (${version ?? 'none'} found; set OKD_PRE_COMMIT)`

suite(`the pre-commit hook from a clone of this repository (${why})`, () => {
  const user = new TempRepo()
  const home = mkdtempSync(path.join(tmpdir(), 'okd-pre-commit-home-'))
  // npm installs the hook's package from its cache where it can: `npm ci` of this repository filled it.
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? home,
    PRE_COMMIT_HOME: home,
    npm_config_prefer_offline: 'true',
    ...FIXTURE_GIT_ENV
  }
  const run = (args: string[], timeoutMs = 30_000) =>
    spawnBounded(preCommit, args, { cwd: user.dir, env }, timeoutMs)

  beforeAll(async () => {
    const revision = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim()
    user.commit({
      '.pre-commit-config.yaml': [
        'repos:',
        `  - repo: ${repoRoot}`,
        `    rev: ${revision}`,
        '    hooks:',
        `      - id: ${hook.id}`,
        '        args: [--no-liveness]',
        ''
      ].join('\n')
    })
    const install = await run(['install-hooks'], 240_000)
    if (install.exitCode !== 0) {
      const log = path.join(home, 'pre-commit.log')
      const details = existsSync(log) ? readFileSync(log, 'utf8') : `${install.stdout}\n${install.stderr}`
      throw new Error(`pre-commit install-hooks exited ${install.exitCode}:\n${details}`)
    }
  }, 250_000)

  afterAll(() => {
    user.remove()
    rmSync(home, { recursive: true, force: true })
  })

  it('blocks a staged key, redacted', async () => {
    user.stage({ 'config.js': `export const apiKey = '${KEY}'\n` })
    const blocked = await run(['run'])
    expect(blocked.exitCode).toBe(1)
    expect(blocked.stdout).toContain(`config.js:1:24 openai-project-key ${redact(KEY)}`)
    expect(blocked.stdout).toContain('FAIL: fail-on leak: a staged key found')
    expect(blocked.stdout).toContain('Take the key out of the staged files before committing')
    expect(blocked.stdout).not.toContain('git history')
    expect(`${blocked.stdout}${blocked.stderr}`).not.toContain(KEY)
  })

  it('passes staged changes without a key', async () => {
    user.stage({ 'config.js': 'export const apiKey = process.env.OPENAI_API_KEY\n' })
    const passed = await run(['run'])
    expect(passed.stdout).toMatch(/openai-key-doctor.*Passed/)
    expect(passed.exitCode).toBe(0)
  })
})
