/**
 * script/release-plan.mjs, which the release workflow runs before it tags anything: in a real git repository
 * with package.json, CHANGELOG.md and tags, as the workflow's checkout has them.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { TempRepo } from '../cli/temp-repo.js'
import { spawnBounded } from '../helpers/runner-harness.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const SCRIPT = path.join(repoRoot, 'script', 'release-plan.mjs')
const repos: TempRepo[] = []

afterAll(() => {
  for (const repo of repos.splice(0)) repo.remove()
})

const CHANGELOG = `# Changelog

## [Unreleased]

## [1.2.0]

### Added

- Something new.

## [1.1.0]

- Older.

[1.2.0]: https://example.test/v1.2.0
`

function repoWith(version: string, changelog: string, tags: string[] = []): TempRepo {
  const repo = new TempRepo()
  repos.push(repo)
  repo.commit({ 'package.json': JSON.stringify({ name: 'x', version }), 'CHANGELOG.md': changelog })
  for (const tag of tags) repo.git('tag', tag)
  return repo
}

async function plan(repo: TempRepo) {
  const run = await spawnBounded(
    process.execPath,
    [SCRIPT, 'notes.md'],
    { cwd: repo.dir, env: { PATH: process.env.PATH ?? '' } },
    10_000
  )
  const outputs = Object.fromEntries(
    run.stdout
      .split('\n')
      .filter(Boolean)
      .map(line => line.split('=', 2))
  )
  return { ...run, outputs, notes: () => readFileSync(path.join(repo.dir, 'notes.md'), 'utf8') }
}

describe('release plan', () => {
  it('names the tag, the major tag to move, and the notes from the version’s CHANGELOG section', async () => {
    const run = await plan(repoWith('1.2.0', CHANGELOG, ['v1.0.0', 'v1.1.0', 'v1']))
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toEqual({ version: '1.2.0', tag: 'v1.2.0', major: 'v1', prerelease: 'false' })
    expect(run.notes()).toBe('### Added\n\n- Something new.\n')
  })

  it('leaves the major tag alone for a pre-release', async () => {
    const run = await plan(repoWith('2.0.0-rc.1', '## [2.0.0-rc.1]\n\n- Breaking.\n', ['v1.1.0']))
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({ tag: 'v2.0.0-rc.1', major: '', prerelease: 'true' })
  })

  it.each([
    ['a version that is already tagged', '1.2.0', CHANGELOG, ['v1.2.0'], 'v1.2.0 is already tagged'],
    ['a version older than a tag', '1.2.0', CHANGELOG, ['v1.3.0'], 'is not newer than v1.3.0'],
    ['a version without a CHANGELOG section', '1.3.0', CHANGELOG, [], 'no non-empty "## [1.3.0]" section'],
    ['an empty CHANGELOG section', '1.0.0', '## [1.0.0]\n\n## [0.9.0]\n- x\n', [], 'no non-empty'],
    ['a version that is not semver', '1.2', CHANGELOG, [], 'is not a semver version']
  ])('refuses %s', async (_, version, changelog, tags, reason) => {
    const run = await plan(repoWith(version, changelog, tags))
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(reason)
  })

  it("accepts this repository's package.json and CHANGELOG.md as the next release", async () => {
    const run = await plan(
      repoWith(
        JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version,
        readFileSync(path.join(repoRoot, 'CHANGELOG.md'), 'utf8')
      )
    )
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
  })
})
