/**
 * `command: plan`: lists the organization's repositories and splits them over the scan jobs. Writes the plan file
 * (each job's repositories) and sets the `matrix` output (each job's number and label) for `fromJSON()`.
 */
import { escapeMarkdown } from '../report/escape.js'
import { formatCount, plural } from '../report/format.js'
import { chunkRepositories, matrixOf, type Matrix, type SweepPlan } from './chunk.js'
import type { Listing } from './list-repositories.js'

export function buildPlan(organization: string, listing: Listing, maxJobs: number): SweepPlan {
  return { sweepPlan: 1, organization, jobs: chunkRepositories(listing.repositories, maxJobs) }
}

export interface PlanOutputs {
  matrix: Matrix
  repositories: number
  jobs: number
}

export function planOutputs(plan: SweepPlan): PlanOutputs {
  return {
    matrix: matrixOf(plan),
    repositories: plan.jobs.reduce((total, job) => total + job.length, 0),
    jobs: plan.jobs.length
  }
}

/**
 * Why the sweep must not run where it was started, or undefined: a public repository's runs (job names, logs, job
 * summaries, artifacts) are open to anyone, and the sweep would show there which private or internal repositories
 * hold keys, in which files and commits.
 */
export function publicCallerRefusal(
  caller: { fullName: string; visibility: string | undefined },
  plan: SweepPlan,
  listing: Listing
): string | undefined {
  if (caller.visibility !== 'public' || listing.notPublic === 0) return undefined
  return (
    `${caller.fullName} is a public repository: anyone can read its runs' logs, job summaries and artifacts, ` +
    `where this sweep would show which of the ${plural(listing.notPublic, 'private or internal repository', 'private or internal repositories')} ` +
    `of ${plan.organization} hold keys, in which files and commits. Run the sweep from a private or internal repository.`
  )
}

/** One line for the log and the job summary: what will be scanned, in how many jobs, and what was left out. */
export function describePlan(plan: SweepPlan, listing: Listing, markdown: boolean): string {
  const organization = markdown ? `**${escapeMarkdown(plan.organization)}**` : plan.organization
  const { repositories, jobs } = planOutputs(plan)
  const most = Math.max(0, ...plan.jobs.map(job => job.length))
  const spread =
    repositories === 0
      ? ''
      : most === 1
        ? `, one per job in ${plural(jobs, 'job')}`
        : ` in ${plural(jobs, 'job')} of up to ${formatCount(most)} each`
  const leftOut = [
    listing.leftOut.archived > 0
      ? `${plural(listing.leftOut.archived, 'archived repository', 'archived repositories')} (\`include-archived: true\` scans them)`
      : '',
    listing.leftOut.forks > 0
      ? `${plural(listing.leftOut.forks, 'fork')} (\`include-forks: true\` scans them)`
      : ''
  ].filter(Boolean)
  return (
    `Sweeping ${plural(repositories, 'repository', 'repositories')} of ${organization}${spread}.` +
    (leftOut.length > 0 ? ` Left out: ${leftOut.join(' and ')}.` : '')
  )
}
