/**
 * Fanning repositories out over the jobs of one GitHub Actions matrix: at most 256 jobs (the platform's limit per
 * matrix), so an organization with more repositories gets several per job. The jobs are balanced by repository
 * size (largest first, each to the job with the least so far; with fewer repositories on a tie), since a history scan's time grows with it.
 *
 * The matrix carries only each job's number and a label: the repository lists go in a plan file (uploaded as an
 * artifact), so the job output stays small whatever the organization's size (outputs are limited to 1 MB a job).
 */
import { printable } from '../report/escape.js'
import { compareCodeUnits } from '../core/order.js'
import type { ListedRepository } from './list-repositories.js'

/** GitHub Actions: "A matrix can generate a maximum of 256 jobs per workflow run." */
export const MATRIX_JOB_LIMIT = 256

export interface SweepPlan {
  sweepPlan: 1
  organization: string
  /** Each job's repositories (`owner/name`), job 1 first. */
  jobs: string[][]
}

export interface MatrixEntry {
  /** 1-based, an index into SweepPlan.jobs. */
  job: number
  /** What the job scans, for its name in the run's UI: `acme/api`, or `acme/api and 3 more`. */
  label: string
}

/** `strategy.matrix` as JSON for `fromJSON()`. */
export interface Matrix {
  include: MatrixEntry[]
}

/** Splits the repositories over at most `maxJobs` jobs (one each when they fit), balanced by size. */
export function chunkRepositories(repositories: readonly ListedRepository[], maxJobs: number): string[][] {
  if (!Number.isInteger(maxJobs) || maxJobs < 1 || maxJobs > MATRIX_JOB_LIMIT)
    throw new RangeError(`max-jobs must be a whole number from 1 to ${MATRIX_JOB_LIMIT}, not ${maxJobs}`)
  const jobCount = Math.min(maxJobs, repositories.length)
  const jobs = Array.from({ length: jobCount }, () => ({ sizeKb: 0, repositories: [] as ListedRepository[] }))
  const largestFirst = [...repositories].sort(
    (a, b) => b.sizeKb - a.sizeKb || compareCodeUnits(a.fullName, b.fullName)
  )
  for (const repository of largestFirst) {
    let lightest = jobs[0]
    for (const job of jobs) {
      const lighter =
        job.sizeKb < lightest.sizeKb ||
        (job.sizeKb === lightest.sizeKb && job.repositories.length < lightest.repositories.length)
      if (lighter) lightest = job
    }
    lightest.sizeKb += Math.max(0, repository.sizeKb)
    lightest.repositories.push(repository)
  }
  return jobs
    .map(job => job.repositories.map(repository => repository.fullName).sort(compareCodeUnits))
    .sort((a, b) => compareCodeUnits(a[0], b[0]))
}

export function matrixOf(plan: SweepPlan): Matrix {
  return {
    include: plan.jobs.map((repositories, index) => ({
      job: index + 1,
      label:
        repositories.length === 1
          ? printable(repositories[0])
          : `${printable(repositories[0])} and ${repositories.length - 1} more`
    }))
  }
}
