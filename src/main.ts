import * as core from '@actions/core'
import { CAUSE_INFO } from './core/causes.js'
import { scrub } from './core/redact.js'
import type { Diagnosis } from './core/diagnosis-types.js'
import { ALLOWLIST_FILE, INLINE_MARKER } from './engine/allowlist-file.js'
import { runDoctor, type DoctorResult } from './engine/run-doctor.js'
import { collectChangedLines } from './git/collect.js'
import type { LineSource } from './git/coverage.js'
import { planScanRange } from './git/range.js'
import { planAnnotations, type PlannedAnnotation } from './report/annotations.js'
import { logSafe } from './report/escape.js'
import { buildSarif } from './report/sarif.js'
import { buildSummary } from './report/summary.js'
import { annotate, emitAnnotations, maskSecret, setOutputs, writeSummary } from './runner/report.js'
import { writeSarifFile } from './runner/sarif-file.js'
import { InputError } from './settings/action-inputs.js'
import { readActionSettings } from './settings/read-action-inputs.js'
import { buildRunContext, readGitHubEvent, type GitHubEvent } from './settings/run-context.js'
import type { Settings } from './settings/settings.js'
import { SCAN_LIMITS, TOOL_INFO } from './settings/tool.js'

/** The action: read inputs, run the engine, report to the runner (outputs, annotations, summary, SARIF). */
export async function run(): Promise<void> {
  // Mask before anything else can print it, even before the inputs are validated.
  maskSecret(process.env['INPUT_API-KEY'] ?? '')
  try {
    const settings = readActionSettings()
    const event = readGitHubEvent(process.env)
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
    const result = await runDoctor({
      settings,
      run: buildRunContext(process.env, event),
      workspace,
      source: scanSource(settings, event, workspace),
      protect: maskSecret,
      log: message => core.info(message)
    })
    await report(settings, event, result)
  } catch (error) {
    const message =
      error instanceof InputError
        ? error.message
        : `openai-key-doctor failed unexpectedly: ${logSafe(scrub((error as Error)?.message ?? String(error), [process.env['INPUT_API-KEY'] ?? '']))}`
    core.setFailed(message)
    await writeSummary(
      buildSummary({ findings: [], verifyLeaks: false, outcome: { failed: true, reasons: [message] } })
    ).catch(() => undefined)
  }
}

function scanSource(settings: Settings, event: GitHubEvent, workspace: string): LineSource | undefined {
  if (settings.scan === 'none') return undefined
  let plan = planScanRange({ name: event.name, payload: event.payload, sha: event.sha }, settings.scan)
  if (event.problem && plan.kind === 'unplannable') {
    plan = {
      ...plan,
      reason: `${event.problem}, so the commits to scan are unknown`,
      fix: 'the runner writes this file: run the job again; to scan anyway, use `scan: all`'
    }
  }
  return collectChangedLines(plan, {
    cwd: workspace,
    fetch: true,
    token: settings.githubToken || undefined,
    serverUrl: process.env.GITHUB_SERVER_URL || 'https://github.com',
    ...SCAN_LIMITS,
    github: { apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com' },
    log: message => core.info(logSafe(message))
  })
}

async function report(settings: Settings, event: GitHubEvent, result: DoctorResult): Promise<void> {
  const { diagnosis, leakScan, decision } = result
  const findings = leakScan?.findings ?? []
  const coverage = leakScan?.coverage
  const notes = runNotes(event, result)

  let sarifPath = ''
  let sarifProblem = ''
  if (settings.sarifFile) {
    const sarif = buildSarif(findings, {
      toolVersion: TOOL_INFO.version,
      informationUri: TOOL_INFO.informationUri
    })
    sarifPath = await writeSarifFile(settings.sarifFile, sarif).catch((error: NodeJS.ErrnoException) => {
      sarifProblem = `Could not write the SARIF report to sarif-file ${JSON.stringify(settings.sarifFile)} (${error.code ?? error.message})`
      return ''
    })
  }

  const reasons = sarifProblem ? [...decision.reasons, sarifProblem] : decision.reasons
  const failing = reasons.length > 0
  const keyAnnotation = diagnosis ? keyVerdictAnnotation(diagnosis, failing) : undefined
  const extra: PlannedAnnotation[] = []
  if (coverage?.incomplete) {
    const what = coverage.skipped.map(
      item => `${item.what}: ${item.reason}${item.fix ? ` Fix: ${item.fix}` : ''}`
    )
    extra.push({
      level: 'warning',
      title: 'Part of the change was not scanned for keys',
      message: logSafe(
        `Not scanned: ${what.slice(0, 3).join(' | ')}${what.length > 3 ? ` (and ${what.length - 3} more in the job summary)` : ''}`
      )
    })
  }
  for (const note of notes)
    extra.push({ level: 'warning', title: 'openai-key-doctor', message: logSafe(note) })
  const plan = planAnnotations(findings, {
    ...(keyAnnotation ? { keyAnnotation } : {}),
    reserve: { error: failing ? 1 : 0, warning: extra.length }
  })
  emitAnnotations(plan)
  for (const annotation of extra) annotate(annotation)

  const repository = process.env.GITHUB_REPOSITORY
  const server = process.env.GITHUB_SERVER_URL || 'https://github.com'
  await writeSummary(
    buildSummary({
      diagnosis,
      findings,
      coverage,
      verifyLeaks: settings.verifyLeaks && settings.liveness,
      // `liveness: false` turns off verify-leaks too: name the input the user actually set.
      verifyLeaksOffReason: settings.liveness ? '`verify-leaks: false`' : '`liveness: false`',
      suppressed: leakScan?.suppressed,
      repoFindings: diagnosis ? result.repo : undefined,
      headCommit: process.env.GITHUB_SHA || undefined,
      runUrl:
        repository && process.env.GITHUB_RUN_ID
          ? `${server}/${repository}/actions/runs/${process.env.GITHUB_RUN_ID}`
          : undefined,
      repositoryUrl: repository ? `${server}/${repository}` : undefined,
      sarifFile: settings.sarifFile || undefined,
      outcome: { failed: failing, reasons },
      allowlist: {
        marker: INLINE_MARKER,
        file: ALLOWLIST_FILE,
        pathGlob: `add a line \`path: <glob>\` to \`${ALLOWLIST_FILE}\``
      },
      notes
    })
  ).catch(error => core.warning(`Could not write the job summary: ${logSafe(String(error))}`))

  setOutputs({
    'key-status': diagnosis?.keyStatus ?? 'skipped',
    cause: diagnosis?.cause ?? 'none',
    'key-type': diagnosis?.keyType ?? '',
    leaks: result.leaks,
    'live-leaks': result.liveLeaks,
    'sarif-file': sarifPath
  })
  if (failing) {
    core.setFailed(failureMessage(diagnosis, reasons))
  }
}

function runNotes(event: GitHubEvent, result: DoctorResult): string[] {
  const notes: string[] = []
  if (event.problem) notes.push(`${event.problem}: the commit range could not be read from the event.`)
  if (result.leakScan?.allowlistChanged) {
    notes.push(`This change edits ${ALLOWLIST_FILE}: review which findings it now accepts.`)
  }
  if (result.leakScan?.truncated) notes.push('Too many findings: the report lists the first 100,000.')
  notes.push(...(result.allowlist?.problems ?? []), ...result.repoNotes)
  return notes
}

/**
 * A key problem that does not fail the step still deserves a warning; a failing step carries the verdict in
 * its `core.setFailed` error annotation instead.
 */
function keyVerdictAnnotation(diagnosis: Diagnosis, failing: boolean): PlannedAnnotation | undefined {
  if (failing || ['valid', 'unchecked', 'skipped'].includes(diagnosis.keyStatus)) return undefined
  return {
    level: 'warning',
    title: `OpenAI key: ${diagnosis.keyStatus} (${diagnosis.cause}): ${CAUSE_INFO[diagnosis.cause].title}`,
    message: `${diagnosis.headline}. Fix: ${diagnosis.fix}`
  }
}

function failureMessage(diagnosis: Diagnosis | undefined, reasons: string[]): string {
  const verdict = diagnosis
    ? `OpenAI key ${diagnosis.keyStatus} (${diagnosis.cause}): ${diagnosis.headline}. `
    : ''
  return `${verdict}${reasons.join('; ')}. See the job summary for the cause and the fix.`
}
