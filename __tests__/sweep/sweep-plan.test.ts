/**
 * `command: plan` as the runner runs it (dist/sweep/index.js, sweep/action.yml's defaults, a runner's env) against a
 * loopback GitHub API: the matrix output a workflow feeds to fromJSON(), the plan file, the job summary, and errors
 * as one annotation. The token is in no channel.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import { FakeGitHub, type FakeOrgRepository } from '../helpers/fake-github.js'
import {
  cleanup,
  everyChannel,
  runAction,
  SWEEP_ENTRY,
  SWEEP_MANIFEST,
  type ActionRun
} from '../helpers/runner-harness.js'

const TOKEN = 'ghp_sweepplan0000000000000000000000000000'
let github: FakeGitHub | undefined
const runs: ActionRun[] = []

afterEach(async () => {
  await github?.close()
  github = undefined
  runs.splice(0).forEach(cleanup)
})

async function plan(
  organizations: Record<string, FakeOrgRepository[]>,
  inputs: Record<string, string> = {},
  callerVisibility = 'private'
) {
  github = await FakeGitHub.start({ owner: 'acme', repo: 'unused', commits: [], organizations })
  const run = await runAction({
    entry: SWEEP_ENTRY,
    manifest: SWEEP_MANIFEST,
    inputs: { command: 'plan', organization: 'acme', 'github-token': TOKEN, ...inputs },
    eventName: 'workflow_dispatch',
    event: { repository: { full_name: 'acme/security', visibility: callerVisibility } },
    env: { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/security' }
  })
  runs.push(run)
  return run
}

const repositories = (count: number): FakeOrgRepository[] =>
  Array.from({ length: count }, (_, index) => ({ name: `svc-${String(index).padStart(3, '0')}`, size: 10 }))

describe('sweep/action.yml', () => {
  it('runs the built sweep entry on node24', () => {
    const manifest = parseYaml(readFileSync(SWEEP_MANIFEST, 'utf8')) as {
      runs: { using: string; main: string }
    }
    expect(manifest.runs.using).toBe('node24')
    const main = path.resolve(path.dirname(SWEEP_MANIFEST), manifest.runs.main)
    expect(path.relative(path.dirname(SWEEP_MANIFEST), main)).toBe(
      path.join('..', 'dist', 'sweep', 'index.js')
    )
    expect(readFileSync(SWEEP_ENTRY, 'utf8')).toContain('sweep')
  })
})

describe('sweep plan', () => {
  it('gives each repository its own job, and writes the plan file the scan jobs read', async () => {
    const run = await plan({
      acme: [
        { name: 'web' },
        { name: 'api' },
        { name: 'legacy', archived: true },
        { name: 'lib-fork', fork: true }
      ]
    })
    expect(run.exitCode).toBe(0)
    expect(JSON.parse(run.outputs.matrix)).toEqual({
      include: [
        { job: 1, label: 'acme/api' },
        { job: 2, label: 'acme/web' }
      ]
    })
    expect(run.outputs.repositories).toBe('2')
    expect(run.outputs.jobs).toBe('2')
    expect(JSON.parse(readFileSync(run.outputs['plan-file'], 'utf8'))).toEqual({
      sweepPlan: 1,
      organization: 'acme',
      jobs: [['acme/api'], ['acme/web']]
    })
    expect(run.stdout).toContain(
      'Sweeping 2 repositories of acme, one per job in 2 jobs. Left out: 1 archived repository (`include-archived: true` scans them) and 1 fork (`include-forks: true` scans them).'
    )
    expect(run.summary).toContain('## OpenAI Key Doctor: organization sweep')
    expect(run.summary).toContain('Sweeping 2 repositories of **acme**')
    expect(everyChannel(run)).not.toContain(TOKEN)
    expect(run.masks).toContain(TOKEN)
  })

  it('fits 600 repositories in max-jobs jobs, several per job', async () => {
    const run = await plan({ acme: repositories(600) }, { 'max-jobs': '100' })
    expect(run.exitCode).toBe(0)
    const matrix = JSON.parse(run.outputs.matrix) as { include: { job: number; label: string }[] }
    expect(matrix.include).toHaveLength(100)
    expect(matrix.include[0]).toEqual({ job: 1, label: 'acme/svc-000 and 5 more' })
    const planned = JSON.parse(readFileSync(run.outputs['plan-file'], 'utf8')) as { jobs: string[][] }
    expect(planned.jobs.flat()).toHaveLength(600)
    expect(new Set(planned.jobs.flat()).size).toBe(600)
    expect(run.outputs.repositories).toBe('600')
    expect(run.stdout).toContain('Sweeping 600 repositories of acme in 100 jobs of up to 6 each.')
  })

  it('plans no job for an organization with nothing to scan', async () => {
    const run = await plan({ acme: [{ name: 'old', archived: true }] })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.jobs).toBe('0')
    expect(JSON.parse(run.outputs.matrix)).toEqual({ include: [] })
  })

  it('fails with one error annotation when the organization is unknown', async () => {
    const run = await plan({ acme: repositories(1) }, { organization: 'nobody' })
    expect(run.exitCode).toBe(1)
    expect(run.annotations).toEqual([
      expect.objectContaining({
        level: 'error',
        message: expect.stringContaining('Could not list the repositories of nobody: GitHub answered 404')
      })
    ])
    expect(run.outputs.matrix).toBeUndefined()
    expect(everyChannel(run)).not.toContain(TOKEN)
  })

  it('refuses to run from a public repository when it would show results of private or internal ones', async () => {
    const run = await plan(
      { acme: [{ name: 'site' }, { name: 'billing', private: true }, { name: 'hr', private: true }] },
      {},
      'public'
    )
    expect(run.exitCode).toBe(1)
    expect(run.annotations.map(annotation => annotation.message)).toEqual([
      "acme/security is a public repository: anyone can read its runs' logs, job summaries and artifacts, where " +
        'this sweep would show which of the 2 private or internal repositories of acme hold keys, in which files ' +
        'and commits. Run the sweep from a private or internal repository.'
    ])
    expect(run.outputs.matrix).toBeUndefined()
    expect(run.stdout).not.toContain('acme/billing')
    expect(run.summary).not.toContain('billing')
  })

  it('runs from a public repository when every repository it sweeps is public', async () => {
    const run = await plan({ acme: [{ name: 'site' }, { name: 'docs' }] }, {}, 'public')
    expect(run.exitCode).toBe(0)
    expect(run.outputs.repositories).toBe('2')
  })

  it('refuses a max-jobs past the matrix limit before calling GitHub', async () => {
    const run = await plan({ acme: repositories(1) }, { 'max-jobs': '300' })
    expect(run.exitCode).toBe(1)
    expect(run.annotations.map(annotation => annotation.message)).toEqual([
      'Input max-jobs must be a whole number from 1 to 256, not "300".'
    ])
    expect(github?.requests).toEqual([])
  })
})
