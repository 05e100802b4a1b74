/**
 * Contract tests of where the built action writes: a pull request commits symbolic links where `sarif-file`
 * points (a link to a file outside the workspace, a linked parent directory, a dangling link to a file that does
 * not exist yet), or the workflow names a path outside (`..`, absolute). Nothing outside the workspace is written
 * or created; the refusal is a failing reason with a clear message, and the rest of the run still reports.
 */
import { beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { actionSession } from '../helpers/action-session.js'
import type { GitFixture } from '../helpers/git-fixtures.js'
import { makeKey } from '../helpers/keys.js'
import { runAction, cleanup, CLI_ENTRY } from '../helpers/runner-harness.js'
import { leakScan, pullRequest, type PullRequest } from './leak-scan-support.js'

const CONFIGURED_KEY = makeKey('project', 1301)
const session = actionSession({ validKeys: [CONFIGURED_KEY] })
const scan = leakScan(session, CONFIGURED_KEY)

describe('sarif-file in a hostile checkout', () => {
  let fx: GitFixture
  let pr: PullRequest
  let outside: string

  beforeAll(() => {
    fx = session.fixture()
    outside = path.join(fx.root, 'outside')
    mkdirSync(outside)
    writeFileSync(path.join(outside, 'victim'), 'untouched\n')
    pr = pullRequest(fx, fixture => {
      symlinkSync(path.join(outside, 'victim'), path.join(fixture.work, 'okd.sarif'))
      symlinkSync(path.join(outside, 'created-by-the-step'), path.join(fixture.work, 'dangling.sarif'))
      symlinkSync(outside, path.join(fixture.work, 'reports'))
      return [fixture.commit({ 'README.md': 'links\n' }, 'add links')]
    })
  })

  function expectOutsideUntouched(): void {
    expect(readdirSync(outside, { recursive: true })).toEqual(['victim'])
    expect(readFileSync(path.join(outside, 'victim'), 'utf8')).toBe('untouched\n')
  }

  it.each([
    ['a link to a file outside', 'okd.sarif', /okd\.sarif is a symbolic link: it is not followed/],
    ['a dangling link to a new file outside', 'dangling.sarif', /dangling\.sarif is a symbolic link/],
    [
      'a file under a linked parent directory',
      'reports/okd.sarif',
      /reports is a symbolic link out of the workspace/
    ],
    ['a new directory under a linked parent', 'reports/new/okd.sarif', /symbolic link out of the workspace/],
    ['a `..` path', '../outside/victim', /is outside the workspace/],
    ['an absolute path outside', 'ABSOLUTE', /is outside the workspace/]
  ])('%s: nothing written outside, a failing reason, every other output set', async (_, file, message) => {
    expect(readdirSync(pr.checkout)).toContain('okd.sarif')
    const sarifFile = file === 'ABSOLUTE' ? path.join(outside, 'absolute.sarif') : file
    const run = await scan(
      { 'sarif-file': sarifFile },
      { eventName: 'pull_request', event: pr.event, workspace: pr.checkout, env: { GITHUB_SHA: pr.merge } }
    )
    expectOutsideUntouched()
    expect(run.exitCode).toBe(1)
    const failure = run.annotations.find(a => a.level === 'error' && !a.properties.file)
    expect(failure?.message).toMatch(/Could not write the SARIF report to sarif-file/)
    expect(failure?.message).toMatch(message)
    expect(run.outputs).toEqual({
      'key-status': 'valid',
      cause: 'none',
      'key-type': 'project',
      leaks: '0',
      'live-leaks': '0',
      'sarif-file': ''
    })
    expect(run.summary).toContain('Could not write the SARIF report')
  })

  it('still writes a plain path inside the workspace', async () => {
    const run = await scan(
      { 'sarif-file': 'out/okd.sarif' },
      { eventName: 'pull_request', event: pr.event, workspace: pr.checkout, env: { GITHUB_SHA: pr.merge } }
    )
    expect(run.exitCode).toBe(0)
    expect(run.outputs['sarif-file']).toBe(path.join(pr.checkout, 'out/okd.sarif'))
    expect(JSON.parse(readFileSync(run.outputs['sarif-file'], 'utf8')).version).toBe('2.1.0')
  })
})

describe('the CLI --sarif in a hostile clone', () => {
  it('refuses a committed link to a file outside, reports it, and exits 2 with the report printed', async () => {
    const fx = session.fixture()
    const outside = path.join(fx.root, 'outside')
    mkdirSync(outside)
    writeFileSync(path.join(outside, 'victim'), 'untouched\n')
    symlinkSync(path.join(outside, 'victim'), path.join(fx.work, 'okd.sarif'))
    fx.commit({ 'README.md': 'clone\n' }, 'a link')
    for (const file of ['okd.sarif', '../outside/new.sarif']) {
      const run = await runAction({
        entry: CLI_ENTRY,
        args: ['--all', '--no-liveness', '--sarif', file],
        workspace: fx.work
      })
      try {
        expect(run.exitCode).toBe(2)
        expect(run.stdout).toMatch(/FAIL: .*Could not write the SARIF report to --sarif/)
        expect(run.stdout).toMatch(/symbolic link|is outside the working directory/)
      } finally {
        cleanup(run)
      }
    }
    expect(readdirSync(outside)).toEqual(['victim'])
    expect(readFileSync(path.join(outside, 'victim'), 'utf8')).toBe('untouched\n')
    expect(existsSync(path.join(outside, 'new.sarif'))).toBe(false)
  })
})
