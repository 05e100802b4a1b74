/**
 * The organization sweep's steps (sweep/action.yml, run by .github/workflows/org-sweep.yml), one per `command`:
 * - `plan`: list the organization's repositories and split them over the scan jobs (matrix output, plan file);
 * - `scan`: clone and scan one job's repositories (a result file, the CLI's JSON report and SARIF for each);
 * - `gather`: one table of every repository's result in the job summary, and the `fail-on` verdict.
 * Every failure is one error annotation and a failed step, never a stack trace.
 */
import * as core from '@actions/core'
import path from 'node:path'
import { escapeMarkdown, logSafe } from '../report/escape.js'
import { parseList } from '../settings/action-inputs.js'
import { readGitHubEvent, stringAt } from '../settings/run-context.js'
import { maskSecret, writeSummary } from '../runner/report.js'
import { UnsafeWriteError, writeFileInside, writeRoots } from '../runner/safe-write.js'
import { MATRIX_JOB_LIMIT } from './chunk.js'
import { readPlan, readResults, SweepFileError } from './files.js'
import { FAIL_ON, failReasons, gatherSummary, gatherTotals, type FailOn } from './gather.js'
import { ListingError, listRepositories } from './list-repositories.js'
import { buildPlan, describePlan, planOutputs, publicCallerRefusal } from './plan.js'
import { describeResult, scanRepositories } from './scan.js'

class SweepInputError extends Error {}

const runnerTemp = () => process.env.RUNNER_TEMP || path.resolve('.')
const planFile = () => core.getInput('plan-file') || path.join(runnerTemp(), 'okd-sweep', 'plan.json')
const resultsDirectory = () =>
  core.getInput('results-directory') || path.join(runnerTemp(), 'okd-sweep', 'results')

async function plan(): Promise<void> {
  const token = requiredToken('to list repositories')
  const organization = core.getInput('organization') || process.env.GITHUB_REPOSITORY_OWNER || ''
  const maxJobs = wholeNumber('max-jobs', 1, MATRIX_JOB_LIMIT, MATRIX_JOB_LIMIT)
  const listing = await listRepositories({
    organization,
    token,
    apiUrl: apiUrl(),
    includeArchived: flag('include-archived'),
    includeForks: flag('include-forks')
  })
  const sweepPlan = buildPlan(organization, listing, maxJobs)
  const { payload } = readGitHubEvent(process.env)
  const refusal = publicCallerRefusal(
    {
      fullName: process.env.GITHUB_REPOSITORY || 'The repository this workflow runs in',
      visibility: stringAt(payload, 'repository', 'visibility')
    },
    sweepPlan,
    listing
  )
  if (refusal) throw new SweepInputError(refusal)
  const file = writeFileInside(
    planFile(),
    `${JSON.stringify(sweepPlan, null, 2)}\n`,
    writeRoots('action', process.env, process.cwd())
  )
  const outputs = planOutputs(sweepPlan)
  core.info(describePlan(sweepPlan, listing, false))
  core.setOutput('matrix', JSON.stringify(outputs.matrix))
  core.setOutput('repositories', String(outputs.repositories))
  core.setOutput('jobs', String(outputs.jobs))
  core.setOutput('plan-file', file)
  await writeSummary(
    `## OpenAI Key Doctor: organization sweep\n\n${describePlan(sweepPlan, listing, true)}\n`
  )
}

async function scan(): Promise<void> {
  const token = requiredToken('to clone repositories')
  const sweepPlan = readPlan(planFile())
  const job = wholeNumber('job', 1, sweepPlan.jobs.length, undefined)
  const resultsDir = path.resolve(resultsDirectory())
  const results = await scanRepositories({
    repositories: sweepPlan.jobs[job - 1],
    job,
    resultsDir,
    workDir: path.join(runnerTemp(), 'okd-sweep', 'clones'),
    token,
    serverUrl: process.env.GITHUB_SERVER_URL || 'https://github.com',
    apiUrl: apiUrl(),
    verifyLeaksAt: flag('verify-leaks') ? core.getInput('base-url') || 'https://api.openai.com/v1' : null,
    uploadSarif: flag('upload-sarif'),
    log: line => core.info(line),
    warn: line => core.warning(line)
  })
  core.setOutput('results-directory', resultsDir)
  await writeSummary(
    `### Sweep job ${job}\n\n${results.map(result => `- ${escapeMarkdown(describeResult(result))}`).join('\n')}\n`
  )
}

async function gather(): Promise<void> {
  const sweepPlan = readPlan(planFile())
  const resultsDir = resultsDirectory()
  const failOn = parseList(core.getInput('fail-on') || 'none').map(item => {
    if (!(FAIL_ON as readonly string[]).includes(item))
      throw new SweepInputError(`Input fail-on takes ${FAIL_ON.join(', ')}, not "${logSafe(item)}".`)
    return item as FailOn
  })
  const results = readResults(resultsDir)
  const totals = gatherTotals(sweepPlan, results)
  await writeSummary(gatherSummary(sweepPlan, results))
  core.setOutput('repositories', String(totals.repositories))
  core.setOutput('repositories-with-keys', String(totals.withKeys))
  core.setOutput('keys', String(totals.keys))
  core.setOutput('live-keys', String(totals.liveKeys))
  core.setOutput('not-fully-scanned', String(totals.notFullyScanned))
  const reasons = failReasons(totals, failOn)
  if (reasons.length > 0) core.setFailed(reasons.join(' '))
  else
    core.info(
      `Sweep gathered: ${totals.repositories} repositories, ${totals.keys} keys found, ${totals.liveKeys} live.`
    )
}

const COMMANDS = new Map<string, () => Promise<void>>([
  ['plan', plan],
  ['scan', scan],
  ['gather', gather]
])

function requiredToken(purpose: string): string {
  const token = core.getInput('github-token')
  maskSecret(token)
  if (!token) throw new SweepInputError(`Input github-token is empty: the sweep needs a token ${purpose}.`)
  return token
}

function apiUrl(): string {
  return process.env.GITHUB_API_URL || 'https://api.github.com'
}

function flag(name: string): boolean {
  const value = core.getInput(name).trim().toLowerCase()
  if (value === 'true') return true
  if (value === 'false') return false
  throw new SweepInputError(`Input ${name} must be true or false, not "${logSafe(value)}".`)
}

function wholeNumber(name: string, min: number, max: number, fallback: number | undefined): number {
  const text = core.getInput(name).trim()
  const value = text === '' && fallback !== undefined ? fallback : Number(text)
  if (!/^\d*$/.test(text) || !Number.isInteger(value) || value < min || value > max)
    throw new SweepInputError(
      `Input ${name} must be a whole number from ${min} to ${max}, not "${logSafe(text)}".`
    )
  return value
}

export async function run(): Promise<void> {
  const command = core.getInput('command')
  try {
    const step = COMMANDS.get(command)
    if (!step)
      throw new SweepInputError(
        `Input command must be one of ${[...COMMANDS.keys()].join(', ')}, not "${logSafe(command)}".`
      )
    await step()
  } catch (error) {
    const known = [SweepInputError, ListingError, UnsafeWriteError, SweepFileError].some(
      type => error instanceof type
    )
    const message = error instanceof Error ? error.message : String(error)
    core.setFailed(logSafe(known ? message : `The sweep failed unexpectedly: ${message}`))
  }
}

await run()
