/** One report value per run, built once from the engine's result; every reporter renders this and nothing else. */
import type { Diagnosis, RepoFindings } from '../core/diagnosis-types.js'
import type { FailReason } from '../core/policy.js'
import type { DoctorResult } from '../engine/run-doctor.js'
import { MAX_FINDINGS } from '../engine/find-leaks.js'
import type { AllowReason } from '../scan/allowlist.js'
import type { Finding, ScanCoverage } from '../scan/types.js'
import { formatCount, sortFindings } from './format.js'
import { redactStrings, type RedactText } from './redact-report.js'

/** How findings are allow-listed (src/scan/allowlist.ts); passed in so the help never drifts from the scanner. */
export interface AllowlistHelp {
  /** The inline marker comment, e.g. `openai-key-doctor:allow`. */
  marker: string
  /** The fingerprint file, repository-relative, e.g. `.openai-key-doctor-ignore`: one fingerprint per line. */
  file: string
  /** Our prose on adding a path glob, e.g. "add `test/fixtures/**` to the `allow-paths` input"; omitted when there is none. */
  pathGlob?: string
}

/** Where the run and the repository live, for links; each is omitted when unknown (a local run). */
export interface RunLinks {
  /** `https://github.com/owner/repo`: files and commits of findings become links. */
  repositoryUrl?: string
  /** This workflow run, for the summary's footer. */
  runUrl?: string
  /** The commit this run checked out (GITHUB_SHA): repository evidence without its own commit links there. */
  headCommit?: string
}

/** Whether the run fails, and every reason, typed by what triggered it. */
export interface RunOutcome {
  failed: boolean
  reasons: FailReason[]
}

export interface RunReport {
  /** Undefined when no key was checked (a scan-only run without a key). */
  diagnosis?: Diagnosis
  /** Why there is no diagnosis, shown in its place. */
  keyNotChecked?: string
  /** Every finding kept, most severe first (sortFindings). */
  findings: readonly Finding[]
  /** Undefined when no scan ran (`scan: none`). */
  coverage?: ScanCoverage
  /** Findings the allow-list accepted, by how. */
  suppressed?: Partial<Record<AllowReason, number>>
  /** What the repository says about the causes of a key failure (checklist evidence). */
  repoFindings?: RepoFindings
  /** Run-level facts the reader must see (an unreadable event, an edited allowlist, limits hit, repository notes). */
  notes: readonly string[]
  outcome: RunOutcome
  /** Whether found keys were checked live; when not, `verifyLeaksOffReason` names the input that turned it off. */
  verifyLeaks: boolean
  verifyLeaksOffReason?: string
  links: RunLinks
  allowlist?: AllowlistHelp
  /** The SARIF report's path as the user gave it, when one was asked for. */
  sarifFile?: string
  /** The SARIF report's absolute path once written (the `sarif-file` output). */
  sarifWritten?: string
}

/** What one run adds to the engine's result: the channel's own facts and wording. */
export interface RunReportContext {
  verifyLeaks: boolean
  verifyLeaksOffReason?: string
  keyNotChecked?: string
  links?: RunLinks
  allowlist?: AllowlistHelp
  sarifFile?: string
  /** Notes only the caller knows (an unreadable event payload), shown before the engine's. */
  notes?: readonly string[]
  /** The allowlist file's name, for the note when a change edits it. */
  allowlistFile: string
}

/** The report of one run: findings sorted once, every note gathered, the policy's outcome. */
export function buildRunReport(result: DoctorResult, context: RunReportContext): RunReport {
  const { leakScan, diagnosis } = result
  const notes = [...(context.notes ?? [])]
  if (leakScan?.allowlistChanged) {
    notes.push(`This change edits ${context.allowlistFile}: review which findings it now accepts.`)
  }
  if (leakScan?.truncated) {
    notes.push(`Too many findings: the report lists the first ${formatCount(MAX_FINDINGS)}.`)
  }
  notes.push(...(result.allowlist?.problems ?? []), ...result.repoNotes)
  return {
    ...(diagnosis ? { diagnosis } : { keyNotChecked: context.keyNotChecked }),
    findings: sortFindings(leakScan?.findings ?? []),
    ...(leakScan ? { coverage: leakScan.coverage, suppressed: leakScan.suppressed } : {}),
    ...(diagnosis ? { repoFindings: result.repo } : {}),
    notes,
    outcome: { failed: result.decision.fail, reasons: [...result.decision.reasons] },
    verifyLeaks: context.verifyLeaks,
    ...(context.verifyLeaksOffReason ? { verifyLeaksOffReason: context.verifyLeaksOffReason } : {}),
    links: context.links ?? {},
    ...(context.allowlist ? { allowlist: context.allowlist } : {}),
    ...(context.sarifFile ? { sarifFile: context.sarifFile } : {})
  }
}

/** The report with one more failing reason. */
export function withFailure(report: RunReport, reason: FailReason): RunReport {
  return { ...report, outcome: { failed: true, reasons: [...report.outcome.reasons, reason] } }
}

/** The number of findings, and of those verified live. */
export function leakCounts(report: Pick<RunReport, 'findings'>): { total: number; live: number } {
  return {
    total: report.findings.length,
    live: report.findings.filter(finding => finding.liveness === 'live').length
  }
}

/** What a reporter tells the reporters after it: a failing reason, or the path of a file it wrote. */
export interface Published {
  /** An output the user asked for could not be written: the run fails, and every later reporter says why. */
  failure?: FailReason
  sarifWritten?: string
}

/** One output channel (summary, annotations, SARIF, text, JSON, the action's outputs). */
export interface Reporter {
  publish(report: RunReport): Promise<Published | void> | Published | void
}

/**
 * Runs the reporters in order (files first, then what shows the verdict) on the report redacted by `redactText`
 * (redact-report.ts: no reporter sees a secret, or a name that carries one); returns the final report.
 */
export async function publishReport(
  report: RunReport,
  reporters: readonly Reporter[],
  redactText: RedactText
): Promise<RunReport> {
  let current = redactStrings(report, redactText)
  for (const reporter of reporters) {
    const published = await reporter.publish(current)
    if (published?.failure) current = withFailure(current, redactStrings(published.failure, redactText))
    if (published?.sarifWritten) current = { ...current, sarifWritten: published.sarifWritten }
  }
  return current
}
