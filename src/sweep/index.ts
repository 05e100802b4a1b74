/**
 * The organization sweep's steps (sweep/action.yml), one per `command`:
 * - `plan`: list the organization's repositories and split them over the scan jobs (matrix output, plan file).
 * Every failure is one error annotation and a failed step, never a stack trace.
 */
import * as core from '@actions/core'
import path from 'node:path'
import { logSafe } from '../report/escape.js'
import { maskSecret, writeSummary } from '../runner/report.js'
import { UnsafeWriteError, writeFileInside, writeRoots } from '../runner/safe-write.js'
import { MATRIX_JOB_LIMIT } from './chunk.js'
import { ListingError, listRepositories } from './list-repositories.js'
import { buildPlan, describePlan, planOutputs } from './plan.js'

class SweepInputError extends Error {}

async function plan(): Promise<void> {
  const token = core.getInput('github-token')
  maskSecret(token)
  if (!token)
    throw new SweepInputError('Input github-token is empty: the sweep needs a token to list repositories.')
  const organization = core.getInput('organization') || process.env.GITHUB_REPOSITORY_OWNER || ''
  const maxJobs = wholeNumber('max-jobs', 1, MATRIX_JOB_LIMIT)
  const listing = await listRepositories({
    organization,
    token,
    apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
    includeArchived: flag('include-archived'),
    includeForks: flag('include-forks')
  })
  const sweepPlan = buildPlan(organization, listing, maxJobs)
  const file = writeFileInside(
    core.getInput('plan-file') || path.join(process.env.RUNNER_TEMP || '.', 'okd-sweep', 'plan.json'),
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

const COMMANDS = new Map<string, () => Promise<void>>([['plan', plan]])

function flag(name: string): boolean {
  const value = core.getInput(name).trim().toLowerCase()
  if (value === '' || value === 'false') return false
  if (value === 'true') return true
  throw new SweepInputError(`Input ${name} must be true or false, not "${logSafe(value)}".`)
}

function wholeNumber(name: string, min: number, max: number): number {
  const text = core.getInput(name).trim()
  const value = Number(text || max)
  if (!/^\d*$/.test(text) || value < min || value > max)
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
    const known =
      error instanceof SweepInputError || error instanceof ListingError || error instanceof UnsafeWriteError
    core.setFailed(known ? error.message : `The sweep failed unexpectedly: ${logSafe(String(error))}`)
  }
}

await run()
