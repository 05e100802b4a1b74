/**
 * `command: gather` as the runner runs it (dist/sweep/index.js), on result files as the scan jobs' artifacts hold
 * them (one folder per artifact): the job summary's table a security team reads, the outputs, and `fail-on`.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { SweepResult } from '../../src/sweep/results.js'
import { cleanup, runAction, SWEEP_ENTRY, SWEEP_MANIFEST, type ActionRun } from '../helpers/runner-harness.js'

const dirs: string[] = []
const runs: ActionRun[] = []

afterEach(() => {
  runs.splice(0).forEach(cleanup)
  dirs.splice(0).forEach(dir => rmSync(dir, { recursive: true, force: true }))
})

const HOSTILE = 'acme/x|<img src=x>@team'
const PLAN = {
  sweepPlan: 1,
  organization: 'acme',
  jobs: [['acme/api', 'acme/web'], ['acme/docs', HOSTILE], ['acme/lost']]
}

const result = (repository: string, fields: Partial<SweepResult>): SweepResult => ({
  sweepResult: 1,
  repository,
  leakCount: 0,
  liveLeakCount: 0,
  notScanned: [],
  error: null,
  ...fields
})

/** Two artifacts' folders, as actions/download-artifact lays them out without merge-multiple. */
async function gather(inputs: Record<string, string> = {}, withResults = true) {
  const dir = mkdtempSync(path.join(tmpdir(), 'okd-sweep-gather-'))
  dirs.push(dir)
  const files: Record<string, SweepResult> = !withResults
    ? {}
    : {
        'okd-sweep-results-1/001-0001.result.json': result('acme/api', { leakCount: 3, liveLeakCount: 1 }),
        'okd-sweep-results-1/001-0002.result.json': result('acme/web', {}),
        'okd-sweep-results-2/002-0001.result.json': result('acme/docs', {
          leakCount: 1,
          liveLeakCount: null,
          notScanned: ['history before the shallow boundary of 1a2b3c4: not scanned']
        }),
        'okd-sweep-results-2/002-0002.result.json': result(HOSTILE, {
          leakCount: null,
          liveLeakCount: null,
          error: 'git clone failed: fatal: repository not found'
        })
      }
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, 'results', name)), { recursive: true })
    writeFileSync(path.join(dir, 'results', name), JSON.stringify(content))
  }
  writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(PLAN))
  const run = await runAction({
    entry: SWEEP_ENTRY,
    manifest: SWEEP_MANIFEST,
    inputs: {
      command: 'gather',
      'plan-file': path.join(dir, 'plan.json'),
      'results-directory': path.join(dir, 'results'),
      ...inputs
    }
  })
  runs.push(run)
  return run
}

describe('sweep gather', () => {
  it('puts every planned repository in one table, the ones that need a look first', async () => {
    const run = await gather()
    expect(run.exitCode).toBe(0)
    expect(run.summary).toBe(
      [
        '## OpenAI Key Doctor: sweep of acme',
        '',
        '5 repositories: 2 with committed keys (4 keys, 1 live), 3 not fully scanned.',
        '',
        '| Repository | Keys found | Live keys | Not fully scanned |',
        '| --- | ---: | ---: | --- |',
        '| acme\\/api | 3 | 1 | no |',
        '| acme\\/docs | 1 | not checked | history before the shallow boundary of 1a2b3c4\\: not scanned |',
        '| acme\\/lost | — | — | no result: its scan job did not finish |',
        '| acme\\/x\\|&lt;img src\\=x&gt;@\u200dteam | — | — | not scanned: git clone failed\\: fatal\\: repository not found |',
        '| acme\\/web | 0 | 0 | no |',
        ''
      ].join('\n')
    )
    expect(run.outputs).toEqual({
      repositories: '5',
      'repositories-with-keys': '2',
      keys: '4',
      'live-keys': '1',
      'not-fully-scanned': '3'
    })
  })

  it('fails on live keys with fail-on: live-leak, after writing the table', async () => {
    const run = await gather({ 'fail-on': 'live-leak' })
    expect(run.exitCode).toBe(1)
    expect(run.annotations.map(annotation => annotation.message)).toEqual([
      '1 live committed key found (fail-on: live-leak).'
    ])
    expect(run.summary).toContain('| acme\\/api | 3 | 1 | no |')
  })

  it('fails on repositories not fully scanned with fail-on: incomplete', async () => {
    const run = await gather({ 'fail-on': 'incomplete' })
    expect(run.exitCode).toBe(1)
    expect(run.annotations.map(annotation => annotation.message)).toEqual([
      '3 repositories were not fully scanned (fail-on: incomplete).'
    ])
  })

  it('counts every repository as not fully scanned when no scan job left results', async () => {
    const run = await gather({ 'fail-on': 'leak' }, false)
    expect(run.exitCode).toBe(0)
    expect(run.outputs['not-fully-scanned']).toBe('5')
    expect(run.summary).toContain('| acme\\/api | — | — | no result: its scan job did not finish |')
  })

  it('refuses an unknown fail-on and writes no table', async () => {
    const run = await gather({ 'fail-on': 'leak,everything' })
    expect(run.exitCode).toBe(1)
    expect(run.annotations.map(annotation => annotation.message)).toEqual([
      'Input fail-on takes leak, live-leak, incomplete, none, not "everything".'
    ])
    expect(run.summary).toBe('')
  })
})
