#!/usr/bin/env node
import { ALLOWLIST_FILE, INLINE_MARKER } from './engine/allowlist-file.js'
import { runDoctor, type DoctorPhase, type DoctorResult } from './engine/run-doctor.js'
import { RevisionRangeError } from './git/collect.js'
import { HistoryRefError } from './git/history-log.js'
import { checkoutRoot } from './git/checkout-reader.js'
import { GitError } from './git/git.js'
import { formatBytes, secondsSince } from './report/format.js'
import { buildJsonReport } from './report/json.js'
import { createRedactor } from './report/redact-report.js'
import { buildRunReport, publishReport, type Reporter, type RunReport } from './report/run-report.js'
import { buildTextReport } from './report/text.js'
import type { LineSource } from './scan/coverage.js'
import { openScanSource, type SourceContext } from './scan/sources/registry.js'
import { writeRoots } from './runner/safe-write.js'
import { sarifReporter } from './runner/sarif-file.js'
import { InputError } from './settings/action-inputs.js'
import { CLI_USAGE, parseCliArgs, type CliOptions, type CliScan } from './settings/cli-args.js'
import { buildRunContext } from './settings/run-context.js'
import { SCAN_LIMITS, TOOL_INFO } from './settings/tool.js'

const EXIT_CLEAN = 0
const EXIT_FINDINGS = 1
const EXIT_ERROR = 2

/** A runtime problem the user can fix (exit 2 with this message, no stack trace). */
class CliError extends Error {}

/** The same engine as the action, on a developer's machine: text (or JSON) report and an exit code. */
async function main(argv: string[]): Promise<number> {
  let options: CliOptions
  try {
    options = parseCliArgs(argv, process.env, Boolean(process.stdout.isTTY))
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    process.stderr.write(`openai-key-doctor: ${error.message}\nRun \`openai-key-doctor --help\` for usage.\n`)
    return EXIT_ERROR
  }
  if (options.help) {
    process.stdout.write(`${CLI_USAGE}\n`)
    return EXIT_CLEAN
  }
  if (options.version) {
    process.stdout.write(`${TOOL_INFO.version}\n`)
    return EXIT_CLEAN
  }

  const repository = await repositoryRoot(process.cwd(), options.scan)
  // On a developer's machine history is never fetched, and the fixes are for a shell.
  const context: SourceContext = {
    cwd: repository,
    cwdIsCheckoutRoot: true,
    fetch: false,
    tool: 'cli',
    ...SCAN_LIMITS
  }
  const source = await openScanSource(options.scan, context)
  const progress = startProgress(source, Boolean(process.stderr.isTTY) && !options.json)
  let result: DoctorResult
  try {
    result = await runDoctor({
      settings: options.settings,
      run: { ...buildRunContext(process.env, { name: 'local', payload: {} }), inActions: false },
      workspace: repository,
      source,
      history: () => openScanSource({ kind: 'history' }, context),
      scanOnly: options.scanOnly,
      missingKeyNeverFails: true,
      protect: () => undefined,
      onPhase: progress.phase
    })
  } finally {
    progress.stop()
  }

  const report = await publishReport(
    buildRunReport(result, {
      verifyLeaks: options.settings.verifyLeaks && options.settings.liveness,
      verifyLeaksOffReason: options.settings.liveness ? '`--no-verify-leaks`' : 'offline, `--no-liveness`',
      keyNotChecked: 'OPENAI_API_KEY is not set; this scan-only run checks the key only when it is',
      allowlist: { marker: INLINE_MARKER, file: ALLOWLIST_FILE },
      allowlistFile: ALLOWLIST_FILE,
      ...(options.sarifFile ? { sarifFile: options.sarifFile } : {})
    }),
    [
      ...(options.sarifFile
        ? [sarifReporter(options.sarifFile, '--sarif', writeRoots('cli', process.env, process.cwd()))]
        : []),
      options.json ? jsonReporter : textReporter(options.color)
    ],
    createRedactor(
      [options.settings.apiKey, options.settings.gatewayToken],
      (result.leakScan?.findings ?? []).map(finding => finding.secret)
    )
  )
  return exitCode(report)
}

/** 1 when the policy fails the run, 2 when an output could not be written or part of the scan could not be done. */
function exitCode(report: RunReport): number {
  const { reasons } = report.outcome
  if (reasons.some(reason => !['unscanned', 'sarif-file', 'error'].includes(reason.trigger)))
    return EXIT_FINDINGS
  // Not everything asked for was scanned or written (a git failure, an unwritable file): not a clean result.
  return reasons.length > 0 || report.coverage?.incomplete ? EXIT_ERROR : EXIT_CLEAN
}

const jsonReporter: Reporter = {
  publish(report) {
    process.stdout.write(`${JSON.stringify(buildJsonReport(report), null, 2)}\n`)
  }
}

function textReporter(color: boolean): Reporter {
  return {
    publish(report) {
      process.stdout.write(buildTextReport({ ...report, color }))
    }
  }
}

/** The repository's top level: every scan needs git, and the allow-list and repository checks live at the root. */
async function repositoryRoot(cwd: string, scan: CliScan): Promise<string> {
  const flag = {
    staged: '--staged',
    range: '--range',
    history: '--history',
    all: '--all',
    'working-tree': 'the scan'
  }[scan.kind]
  try {
    const root = await checkoutRoot(cwd, 30_000)
    if (root === '') throw new CliError(`${flag} needs a git working tree, and ${cwd} is not in one.`)
    return root
  } catch (error) {
    if (!(error instanceof GitError)) throw error
    if (error.kind === 'not-installed') throw new CliError('git is not installed or not on PATH.')
    if (error.kind === 'not-a-repository') {
      throw new CliError(
        `${cwd} is not inside a git repository: ${flag} needs one. Run it from your project's checkout.`
      )
    }
    throw new CliError(error.message)
  }
}

/** What the progress line says during each step. */
const PHASE_LABELS: Record<DoctorPhase['step'], string> = {
  'checking-key': 'checking the key',
  'scan-only': 'scanning',
  scanning: 'scanning',
  verifying: 'checking found keys live',
  'searching-history': 'searching the history for the invalid key'
}

/** On a terminal, one self-updating line on stderr while a long run goes on (after half a second). */
function startProgress(
  source: LineSource,
  enabled: boolean
): { phase: (phase: DoctorPhase) => void; stop: () => void } {
  let step: DoctorPhase['step'] | undefined
  if (!enabled) return { phase: () => undefined, stop: () => undefined }
  const started = Date.now()
  let shown = false
  const timer = setInterval(() => {
    const covered = source.coverage()
    const label = step ? PHASE_LABELS[step] : 'starting'
    const commits = covered.commits > 0 ? ` ${covered.commits} commits,` : ''
    const counts =
      step === 'scanning' || step === 'scan-only'
        ? `${commits} ${covered.files} files, ${formatBytes(covered.bytes)}`
        : ''
    const seconds = secondsSince(started, 0)
    shown = true
    process.stderr.write(`\r\x1b[2K${label}…${counts} (${seconds}s)`)
  }, 500)
  timer.unref()
  return {
    phase: phase => {
      step = phase.step
    },
    stop() {
      clearInterval(timer)
      if (shown) process.stderr.write('\r\x1b[2K')
    }
  }
}

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code
  },
  (error: unknown) => {
    const key = process.env.OPENAI_API_KEY ?? ''
    const message =
      error instanceof RevisionRangeError
        ? `--range: ${error.message}`
        : error instanceof HistoryRefError
          ? `--history: ${error.message}`
          : error instanceof Error
            ? error.message
            : String(error)
    const known =
      error instanceof CliError ||
      error instanceof RevisionRangeError ||
      error instanceof HistoryRefError ||
      error instanceof GitError
    process.stderr.write(
      `openai-key-doctor: ${known ? '' : 'unexpected error: '}${createRedactor([key, process.env.OPENAI_KEY_DOCTOR_GATEWAY_TOKEN ?? ''])(message)}\n`
    )
    process.exitCode = EXIT_ERROR
  }
)
