/**
 * One repository's result, as a scan job writes it (`<job>-<index>.result.json` in the results directory, uploaded as
 * an artifact) and the gather job reads it. Counts and reasons only: never a key, not even redacted (the CLI's JSON
 * report beside it has the redacted findings).
 */
import type { JsonReport } from '../report/json.js'

export interface SweepResult {
  sweepResult: 1
  repository: string
  /** Null when the scan did not run to the end (then `error` says why). */
  leakCount: number | null
  /** Null also when found keys were not verified (`verify-leaks: false`). */
  liveLeakCount: number | null
  /** What was not scanned, each a sentence; empty when the whole history was. */
  notScanned: string[]
  /** Why there are no counts (the clone or the scan failed). */
  error: string | null
}

export const RESULT_SUFFIX = '.result.json'

/** The file name of the `index`th (0-based) repository of scan job `job` (1-based), unique across the sweep. */
export function resultFileName(job: number, index: number): string {
  return `${String(job).padStart(3, '0')}-${String(index + 1).padStart(4, '0')}${RESULT_SUFFIX}`
}

/** From the CLI's `--json` report: fields copied one by one, so nothing else of the report can travel. */
export function resultFromReport(repository: string, report: JsonReport, verified: boolean): SweepResult {
  const coverage = report.coverage
  const gaps = coverage?.incomplete
    ? coverage.skipped.map(skipped => `${skipped.what}: ${skipped.reason}`)
    : []
  return {
    sweepResult: 1,
    repository,
    leakCount: report.leakCount,
    liveLeakCount: verified ? report.liveLeakCount : null,
    notScanned: coverage?.incomplete && gaps.length === 0 ? ['the scan was incomplete'] : gaps,
    error: null
  }
}

export function failedResult(repository: string, error: string): SweepResult {
  return { sweepResult: 1, repository, leakCount: null, liveLeakCount: null, notScanned: [], error }
}

export function emptyRepositoryResult(repository: string): SweepResult {
  return { sweepResult: 1, repository, leakCount: 0, liveLeakCount: 0, notScanned: [], error: null }
}
