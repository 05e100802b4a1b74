import * as core from '@actions/core'
import { ALLOWLIST_FILE, INLINE_MARKER } from './engine/allowlist-file.js'
import { runDoctor, type DoctorPhase, type DoctorResult } from './engine/run-doctor.js'
import { planScanRange } from './scan/sources/event-range.js'
import { openScanSource, type SourceContext, type SourceRequest } from './scan/sources/registry.js'
import { logSafe } from './report/escape.js'
import { plural } from './report/format.js'
import { createRedactor, type RedactText } from './report/redact-report.js'
import { buildRunReport, publishReport } from './report/run-report.js'
import { buildSummary } from './report/summary.js'
import {
  annotationsReporter,
  maskSecret,
  outputsReporter,
  summaryReporter,
  writeSummary
} from './runner/report.js'
import { writeRoots } from './runner/safe-write.js'
import { sarifReporter } from './runner/sarif-file.js'
import { InputError } from './settings/action-inputs.js'
import { readActionSettings } from './settings/read-action-inputs.js'
import { buildRunContext, readGitHubEvent, type GitHubEvent } from './settings/run-context.js'
import type { Settings } from './settings/settings.js'
import { SCAN_LIMITS } from './settings/tool.js'

/** The action: read inputs, run the engine, report to the runner (outputs, annotations, summary, SARIF). */
export async function run(): Promise<void> {
  // Mask before anything else can print it, even before the inputs are validated.
  maskSecret(process.env['INPUT_API-KEY'] ?? '')
  maskSecret(process.env['INPUT_GATEWAY-TOKEN'] ?? '')
  try {
    const settings = readActionSettings()
    const event = readGitHubEvent(process.env)
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd()
    const secrets = [settings.apiKey, settings.gatewayToken]
    const context = sourceContext(settings, workspace, createRedactor(secrets))
    const request = scanRequest(settings, event)
    const result = await runDoctor({
      settings,
      run: buildRunContext(process.env, event),
      workspace,
      source: request ? await openScanSource(request, context) : undefined,
      history: () => openScanSource({ kind: 'history' }, { ...context, fetch: false }),
      protect: maskSecret,
      onPhase: phase => core.info(phaseMessage(phase))
    })
    const found = (result.leakScan?.findings ?? []).map(finding => finding.secret)
    await report(settings, event, result, createRedactor(secrets, found))
  } catch (error) {
    const message =
      error instanceof InputError
        ? error.message
        : `openai-key-doctor failed unexpectedly: ${logSafe((error as Error)?.message ?? String(error))}`
    const redactText = createRedactor([
      process.env['INPUT_API-KEY'] ?? '',
      process.env['INPUT_GATEWAY-TOKEN'] ?? ''
    ])
    core.setFailed(redactText(message))
    await writeSummary(
      buildSummary({
        findings: [],
        verifyLeaks: false,
        outcome: { failed: true, reasons: [{ trigger: 'error', text: redactText(message) }] }
      })
    ).catch(() => undefined)
  }
}

/** What `scan` asks for: `changed` plans the range from the event payload. */
function scanRequest(settings: Settings, event: GitHubEvent): SourceRequest | undefined {
  if (settings.scan === 'none') return undefined
  if (settings.scan !== 'changed') return { kind: settings.scan }
  const plan = planScanRange({ name: event.name, payload: event.payload, sha: event.sha })
  if (event.problem && plan.kind === 'unplannable') {
    return {
      kind: 'changed',
      plan: {
        ...plan,
        reason: `${event.problem}, so the commits to scan are unknown`,
        fix: 'the runner writes this file: run the job again; to scan anyway, use `scan: all`'
      }
    }
  }
  return { kind: 'changed', plan }
}

/** The action reads the workspace, may fetch missing history with the job's token, and may ask the REST API. */
function sourceContext(settings: Settings, workspace: string, redactText: RedactText): SourceContext {
  return {
    cwd: workspace,
    fetch: true,
    token: settings.githubToken || undefined,
    serverUrl: process.env.GITHUB_SERVER_URL || 'https://github.com',
    ...SCAN_LIMITS,
    github: { apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com' },
    log: message => core.info(logSafe(redactText(message)))
  }
}

async function report(
  settings: Settings,
  event: GitHubEvent,
  result: DoctorResult,
  redactText: RedactText
): Promise<void> {
  const repository = process.env.GITHUB_REPOSITORY
  const server = process.env.GITHUB_SERVER_URL || 'https://github.com'
  const runReport = buildRunReport(result, {
    verifyLeaks: settings.verifyLeaks && settings.liveness,
    // `liveness: false` turns off verify-leaks too: name the input the user actually set.
    verifyLeaksOffReason: settings.liveness ? '`verify-leaks: false`' : '`liveness: false`',
    links: {
      ...(repository ? { repositoryUrl: `${server}/${repository}` } : {}),
      ...(repository && process.env.GITHUB_RUN_ID
        ? { runUrl: `${server}/${repository}/actions/runs/${process.env.GITHUB_RUN_ID}` }
        : {}),
      ...(process.env.GITHUB_SHA ? { headCommit: process.env.GITHUB_SHA } : {})
    },
    allowlist: {
      marker: INLINE_MARKER,
      file: ALLOWLIST_FILE,
      pathGlob: `add a line \`path: <glob>\` to \`${ALLOWLIST_FILE}\``
    },
    allowlistFile: ALLOWLIST_FILE,
    sarifFile: settings.sarifFile || undefined,
    notes: event.problem ? [`${event.problem}: the commit range could not be read from the event.`] : []
  })
  await publishReport(
    runReport,
    [
      ...(settings.sarifFile
        ? [sarifReporter(settings.sarifFile, 'sarif-file', writeRoots('action', process.env, process.cwd()))]
        : []),
      annotationsReporter,
      summaryReporter,
      outputsReporter
    ],
    redactText
  )
}

/** The log line of each step, for the run's log. */
function phaseMessage(phase: DoctorPhase): string {
  switch (phase.step) {
    case 'checking-key':
      return 'Checking the key'
    case 'scan-only':
      return 'No key: scanning only'
    case 'scanning':
      return 'Scanning for committed keys'
    case 'verifying':
      return `Verifying ${plural(phase.keys, 'found key')} live`
    case 'searching-history':
      return 'The key is invalid: searching the history for it'
  }
}
