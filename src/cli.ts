#!/usr/bin/env node
import { buildRunContext } from './settings/run-context.js'
import { runDoctor, type DoctorResult } from './engine/run-doctor.js'
import {
  collectChangedLines,
  collectStagedLines,
  collectTreeLines,
  planRevisionRange,
  RevisionRangeError
} from './git/collect.js'
import type { LineSource } from './git/coverage.js'
import { formatBytes } from './report/format.js'
import { buildJsonReport } from './report/json.js'
import { buildSarif } from './report/sarif.js'
import { buildTextReport } from './report/text.js'
import { writeSarifFile } from './runner/report.js'
import { InputError } from './settings/action-inputs.js'
import { CLI_USAGE, parseCliArgs, type CliOptions } from './settings/cli-args.js'
import { SCAN_LIMITS, TOOL_INFO } from './settings/tool.js'

const EXIT_CLEAN = 0
const EXIT_FINDINGS = 1
const EXIT_ERROR = 2

/** The same engine as the action, on a developer's machine: text (or JSON) report and an exit code. */
async function main(argv: string[]): Promise<number> {
  let options: CliOptions
  try {
    options = parseCliArgs(argv, process.env, Boolean(process.stdout.isTTY))
  } catch (error) {
    if (!(error instanceof InputError)) throw error
    process.stderr.write(`openai-key-doctor: ${error.message}\n\n${CLI_USAGE}\n`)
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

  const cwd = process.cwd()
  const source = await scanSource(options, cwd)
  const progress = showProgress(source, Boolean(process.stderr.isTTY) && !options.json)
  let result: DoctorResult
  try {
    result = await runDoctor({
      settings: options.settings,
      run: { ...buildRunContext(process.env, { name: 'local', payload: {} }), inActions: false },
      workspace: cwd,
      source,
      scanOnly: options.scanOnly,
      protect: () => undefined
    })
  } finally {
    progress.stop()
  }

  const findings = result.leakScan?.findings ?? []
  const coverage = result.leakScan?.coverage
  if (options.sarifFile) {
    await writeSarifFile(
      options.sarifFile,
      buildSarif(findings, { toolVersion: TOOL_INFO.version, informationUri: TOOL_INFO.informationUri })
    )
  }
  if (options.json) {
    process.stdout.write(
      `${JSON.stringify(buildJsonReport({ diagnosis: result.diagnosis, findings, coverage }), null, 2)}\n`
    )
  } else {
    process.stdout.write(
      buildTextReport({
        diagnosis: result.diagnosis,
        findings,
        coverage,
        outcome: { failed: result.decision.fail, reasons: result.decision.reasons },
        notes: [...(result.allowlist?.problems ?? []), ...result.repoNotes],
        color: options.color
      })
    )
  }
  return result.decision.fail ? EXIT_FINDINGS : EXIT_CLEAN
}

async function scanSource(options: CliOptions, cwd: string): Promise<LineSource> {
  switch (options.scan.kind) {
    case 'staged':
      return collectStagedLines({ cwd, ...SCAN_LIMITS })
    case 'range':
      return collectChangedLines(await planRevisionRange(cwd, options.scan.range), {
        cwd,
        fetch: false,
        ...SCAN_LIMITS
      })
    case 'all':
      return collectTreeLines(cwd, SCAN_LIMITS)
    case 'working-tree':
      return collectTreeLines(cwd, { ...SCAN_LIMITS, includeUntracked: true })
  }
}

/** On a terminal, one self-updating line while a long scan runs. */
function showProgress(source: LineSource, enabled: boolean): { stop(): void } {
  if (!enabled) return { stop: () => undefined }
  const started = Date.now()
  const timer = setInterval(() => {
    const covered = source.coverage()
    const seconds = ((Date.now() - started) / 1000).toFixed(0)
    process.stderr.write(
      `\r\x1b[2Kscanning… ${covered.files} files, ${formatBytes(covered.bytes)} (${seconds}s)`
    )
  }, 500)
  timer.unref()
  return {
    stop() {
      clearInterval(timer)
      if (Date.now() - started >= 500) process.stderr.write('\r\x1b[2K')
    }
  }
}

main(process.argv.slice(2)).then(
  code => {
    process.exitCode = code
  },
  (error: unknown) => {
    const message =
      error instanceof RevisionRangeError || error instanceof Error ? error.message : String(error)
    process.stderr.write(`openai-key-doctor: ${message}\n`)
    process.exitCode = EXIT_ERROR
  }
)
