/** The thin adapter between the pure report builders and the runner (@actions/core, files). */
import * as core from '@actions/core'
import { appendFileSync } from 'node:fs'
import os from 'node:os'
import { planRunAnnotations, type AnnotationPlan, type PlannedAnnotation } from '../report/annotations.js'
import { logSafe } from '../report/escape.js'
import { leakCounts, type Reporter } from '../report/run-report.js'
import { buildSummary } from '../report/summary.js'

/** Each level by name, not `core[level]`: a computed member would keep all of @actions/core in the bundle. */
const ANNOTATE = { error: core.error, warning: core.warning, notice: core.notice }

/** One annotation; @actions/core escapes `%`, CR, LF (and `:` `,` in properties). */
export function annotate(annotation: PlannedAnnotation): void {
  const { level, message, ...properties } = annotation
  ANNOTATE[level](message, properties)
}

/**
 * Registers secrets with the runner's masker, each with its trimmed form when that differs (empty values are
 * skipped), in one write: a scan can find thousands, and a write per `core.setSecret` costs more than the scan.
 * Escaped as @actions/core escapes command data (`%`, CR, LF).
 */
export function maskSecret(secrets: string | readonly string[]): void {
  const forms = new Set<string>()
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets) {
    for (const form of [secret, secret.trim()]) if (form.trim() !== '') forms.add(form)
  }
  if (forms.size === 0) return
  const escape = (value: string): string =>
    value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  process.stdout.write([...forms].map(form => `::add-mask::${escape(form)}${os.EOL}`).join(''))
}

/** Issues the planned annotations in order, then the notice of how many more the summary lists. */
export function emitAnnotations(plan: AnnotationPlan): void {
  for (const annotation of plan.annotations) annotate(annotation)
  if (plan.overflowNotice) core.notice(plan.overflowNotice)
}

/**
 * Appends to $GITHUB_STEP_SUMMARY (synchronously, as the run ends, like the runner's file commands); returns
 * false (with a debug line) where there is none, e.g. locally.
 */
export async function writeSummary(markdown: string): Promise<boolean> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) {
    core.debug('GITHUB_STEP_SUMMARY is not set: no job summary written')
    return false
  }
  appendFileSync(file, markdown, 'utf8')
  return true
}

export interface ActionOutputs {
  'key-status': string
  cause: string
  'key-type': string
  leaks: number
  'live-leaks': number
  /** '' when no SARIF file was written. */
  'sarif-file': string
}

export function setOutputs(outputs: ActionOutputs): void {
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, String(value))
}

/** The action's annotations: the key's verdict, one per leak, the run's warnings, then the failure. */
export const annotationsReporter: Reporter = {
  publish(report) {
    const planned = planRunAnnotations(report)
    emitAnnotations(planned)
    for (const warning of planned.warnings) annotate(warning)
    if (planned.failure) {
      // What core.setFailed does, with a title on its annotation.
      annotate(planned.failure)
      process.exitCode = 1
    }
  }
}

/** The job summary; a summary that cannot be written is a warning, not a failure. */
export const summaryReporter: Reporter = {
  async publish(report) {
    await writeSummary(buildSummary(report)).catch(error =>
      core.warning(`Could not write the job summary: ${logSafe(String(error))}`)
    )
  }
}

/** The action's outputs, for later steps. */
export const outputsReporter: Reporter = {
  publish(report) {
    const { diagnosis } = report
    const counts = leakCounts(report)
    setOutputs({
      'key-status': diagnosis?.keyStatus ?? 'skipped',
      cause: diagnosis?.cause ?? 'none',
      'key-type': diagnosis?.keyType ?? '',
      leaks: counts.total,
      'live-leaks': counts.live,
      'sarif-file': report.sarifWritten ?? ''
    })
  }
}
