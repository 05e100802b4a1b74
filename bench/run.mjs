// `npm run bench`: full-tree scan (action and CLI on Node 24 and Node 20, tree.mjs) against ripgrep on a 100 MB corpus, a pull-request range
// scan from a depth-1 clone, and the action's start-up cost; then the whole-history scan against
// `git log -p -U0 | rg` on Node 24 and Node 20 (history.mjs). Prints README-ready markdown tables.
//
// Environment: OKD_DIST_DIR (bundles to measure, default dist/), OKD_BENCH_DIR (where the corpora are cached,
// default $TMPDIR/okd-bench), BENCH_ONLY (`tree` or `history`: one part only), BENCH_CORPUS_MB (100),
// BENCH_RUNS (5), BENCH_STARTUP_RUNS (15), BENCH_HISTORY_COMMITS (2000), BENCH_HISTORY_SCALE (10: the
// repository measured once more for peak RSS; 1 skips it), BENCH_NODE20 / BENCH_NODE24 (node binaries).
// Exits non-zero only when something crashes; a missed target prints MISSED.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import { performance } from 'node:perf_hooks'
import path from 'node:path'
import { makeKey, prng } from './corpus.mjs'
import { count, duration, falseAlarmCell, fixed, mb, recallCell, status } from './format.mjs'
import { benchHistory, historyTable } from './history.mjs'
import { machineInfo, measure, rssMethod, run, summarize } from './measure.mjs'
import { benchNodes } from './nodes.mjs'
import { buildPullRequestOrigin, ensureTreeCorpus } from './repos.mjs'
import { actionEntry, cliEntry, createStep, distDir, repoRoot, summaryCoverage } from './runner.mjs'
import { benchTreeScans, treeScanTable } from './tree.mjs'
import { sarifFindings, score, scrubKeys } from './score.mjs'

const config = {
  corpusBytes: Number(process.env.BENCH_CORPUS_MB || 100) * 1024 * 1024,
  runs: Math.max(1, Number(process.env.BENCH_RUNS || 5)),
  startupRuns: Math.max(3, Number(process.env.BENCH_STARTUP_RUNS || 15)),
  baseDir: path.resolve(process.env.OKD_BENCH_DIR || path.join(os.tmpdir(), 'okd-bench')),
  only: process.env.BENCH_ONLY || undefined,
  historyCommits: Math.max(100, Number(process.env.BENCH_HISTORY_COMMITS || 2000)),
  historyScale: Math.max(1, Number(process.env.BENCH_HISTORY_SCALE || 10))
}
const TARGETS = { prScanMs: 5000, startupMs: 250 }
/** ripgrep's equivalent of the OpenAI detectors: every key format, flexible lengths around the marker. */
const RIPGREP_PATTERN = 'sk-(?:proj-|svcacct-|admin-|None-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,}'
/** The workflow's own key: set as `api-key` like in a real workflow, committed nowhere. */
const CONFIGURED_KEY = makeKey(prng(4242), 'project')
const OFFLINE_INPUTS = {
  'api-key': CONFIGURED_KEY,
  liveness: 'false',
  'verify-leaks': 'false',
  'fail-on': 'none'
}

const log = message => process.stderr.write(`bench: ${message}\n`)

/** The last lines of a child's output, with anything key-shaped redacted. */
const tail = text => scrubKeys(text.trim().split('\n').slice(-15).join('\n'))

function assertRan(name, result, okCodes = [0]) {
  if (!okCodes.includes(result.code)) {
    throw new Error(
      `${name} exited with ${result.code ?? result.signal}:\n${tail(`${result.stdout}\n${result.stderr}`)}`
    )
  }
}

async function benchPullRequest() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'okd-bench-pr-'))
  try {
    const built = performance.now()
    const pr = buildPullRequestOrigin(dir)
    log(
      `pull request origin: ${pr.commits} commits touching ${pr.touchedFiles} files, ${pr.planted.length} keys ` +
        `(${duration(performance.now() - built)})`
    )
    const runs = []
    let last
    for (let i = 0; i < config.runs; i++) {
      const workspace = path.join(dir, `checkout-${i}`)
      run('git', ['clone', '-q', '--depth', '1', '--branch', pr.branch, `file://${pr.origin}`, workspace])
      const step = createStep({
        inputs: { ...OFFLINE_INPUTS, scan: 'changed' },
        sarif: true,
        eventName: 'pull_request',
        event: pr.event,
        workspace,
        sha: pr.headSha
      })
      try {
        const result = await measure(process.execPath, [actionEntry], { cwd: workspace, env: step.env })
        assertRan('the action (pull_request, scan: changed)', result)
        const sarif = step.sarif()
        if (!sarif) throw new Error('the action wrote no SARIF file for the pull request')
        runs.push(result)
        last = {
          findings: sarifFindings(sarif),
          coverage: summaryCoverage(step.summary()),
          outputs: step.outputs()
        }
        log(`pull_request scan, run ${i + 1}/${config.runs}: ${duration(result.wallMs)}`)
      } finally {
        step.dispose()
        rmSync(workspace, { recursive: true, force: true })
      }
    }
    const scored = score(last.findings, pr.planted, [], { matchCommit: true })
    return { ...summarize(runs), ...scored, ...last, commits: pr.commits, touchedFiles: pr.touchedFiles }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function benchStartup() {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'okd-bench-empty-'))
  const step = createStep({
    inputs: { 'api-key': CONFIGURED_KEY, liveness: 'false', scan: 'none' },
    eventName: 'workflow_dispatch',
    event: {},
    workspace
  })
  try {
    const bare = []
    const action = []
    // Two warm-up rounds (file cache), then alternate so that load on the machine hits both alike.
    for (let i = -2; i < config.startupRuns; i++) {
      const node = await measure(process.execPath, ['-e', '0'], { cwd: workspace })
      const measured = await measure(process.execPath, [actionEntry], { cwd: workspace, env: step.env })
      assertRan('the action (scan: none)', measured)
      if (i < 0) continue
      bare.push(node)
      action.push(measured)
    }
    const result = {
      bare: summarize(bare),
      action: summarize(action),
      keyStatus: step.outputs()['key-status']
    }
    log(
      `start-up: node -e 0 ${duration(result.bare.wallMs)}, action ${duration(result.action.wallMs)} ` +
        `(median of ${config.startupRuns}); key-status ${result.keyStatus}`
    )
    return result
  } finally {
    step.dispose()
    rmSync(workspace, { recursive: true, force: true })
  }
}

function printTable({ machine, pullRequest, startup }) {
  const lines = []
  lines.push(
    '| Pull-request range scan (depth-1 clone, action) | Wall time | Commits scanned | Files touched | Recall | False alarms |'
  )
  lines.push('|---|---:|---:|---:|---:|---|')
  lines.push(
    `| \`pull_request\`, \`scan: changed\`, fetches the range itself | ${duration(pullRequest.wallMs)} | ` +
      `${pullRequest.coverage.commits ?? 'n/a'} of ${pullRequest.commits}${pullRequest.coverage.incomplete ? ' (incomplete)' : ''} | ` +
      `${pullRequest.touchedFiles} | ${recallCell(pullRequest)} | ${falseAlarmCell(pullRequest)} |`,
    ''
  )
  const cpu = summary => (summary.cpuMs === undefined ? 'n/a' : duration(summary.cpuMs))
  lines.push(
    `| Start-up (\`scan: none\`, \`liveness: false\`), median of ${startup.action.runs} | Wall time | Fastest run | CPU time |`
  )
  lines.push('|---|---:|---:|---:|')
  for (const [name, summary] of [
    ['`node -e 0`', startup.bare],
    ['`node dist/index.js`', startup.action]
  ]) {
    lines.push(`| ${name} | ${duration(summary.wallMs)} | ${duration(summary.minWallMs)} | ${cpu(summary)} |`)
  }
  lines.push(
    `| difference (the action's own cost) | ${duration(startup.action.wallMs - startup.bare.wallMs)} | ` +
      `${duration(startup.action.minWallMs - startup.bare.minWallMs)} | ` +
      `${startup.action.cpuMs === undefined ? 'n/a' : duration(startup.action.cpuMs - startup.bare.cpuMs)} |`,
    ''
  )

  lines.push('| Target | Measured | Status |')
  lines.push('|---|---:|---|')
  lines.push(
    `| pull-request scan in a few seconds (≤ ${TARGETS.prScanMs / 1000} s) | ${duration(pullRequest.wallMs)} | ` +
      `${status(pullRequest.wallMs <= TARGETS.prScanMs && !pullRequest.coverage.incomplete)} |`
  )
  const startupCost = startup.action.wallMs - startup.bare.wallMs
  lines.push(
    `| start-up under ${TARGETS.startupMs} ms over bare node | ${duration(startupCost)} | ${status(startupCost < TARGETS.startupMs)} |`
  )
  lines.push('')
  lines.push(
    `Machine: Node ${machine.node}, ${machine.cpuCount} × ${machine.cpuModel}, ${fixed(machine.memoryGiB)} GiB, ` +
      `${machine.platform}, ${machine.git ?? 'git ?'}, ${machine.ripgrep ?? 'no ripgrep'}; load average ` +
      `${fixed(machine.loadAverage, 2)} at start. Peak RSS by ${rssMethod}.`
  )
  process.stdout.write(`${lines.join('\n')}\n`)
}

function printMisses(name, result) {
  for (const entry of result.missed.slice(0, 10)) {
    log(
      `${name} missed ${entry.redacted} (${entry.kind ?? 'key'}, ${entry.context}) at ${entry.file}:${entry.line}`
    )
  }
  for (const alarm of result.falseAlarms.slice(0, 5)) {
    log(
      `${name} false alarm ${alarm.redacted} at ${alarm.file}:${alarm.line}${alarm.lookAlike ? ` (${alarm.lookAlike})` : ''}`
    )
  }
}

async function main() {
  for (const entry of [actionEntry, cliEntry]) {
    if (!existsSync(entry))
      throw new Error(`${entry} is missing: build the bundles (npm run build) or set OKD_DIST_DIR`)
  }
  const machine = machineInfo()
  const shown = distDir.startsWith(`${repoRoot}${path.sep}`) ? path.relative(repoRoot, distDir) : distDir
  log(`measuring ${shown}; ${machine.cpuCount} CPUs, load average ${fixed(machine.loadAverage, 2)}`)
  mkdirSync(config.baseDir, { recursive: true })
  const started = performance.now()
  if (config.only !== 'history') await benchTree(machine)
  if (config.only !== 'tree') await benchHistoryPart(machine)
  log(`done in ${duration(performance.now() - started)}`)
}

async function benchTree(machine) {
  const corpus = await ensureTreeCorpus(config.baseDir, {
    targetBytes: config.corpusBytes,
    seed: 1,
    keyEvery: 500_000
  })
  log(
    `${corpus.reused ? 'reusing' : 'generated'} corpus ${corpus.repo}: ${fixed(mb(corpus.manifest.bytes))} MB, ` +
      `${count(corpus.manifest.files)} files, ${corpus.manifest.planted.length} keys` +
      (corpus.reused
        ? ''
        : ` (${duration(corpus.manifest.generatedMs)} + git ${duration(corpus.manifest.committedMs)})`)
  )
  const headSha = run('git', ['rev-parse', 'HEAD'], { cwd: corpus.repo }).trim()

  const hasRipgrep = machine.ripgrep !== undefined
  if (!hasRipgrep) log('ripgrep (rg) is not on PATH: no comparison')
  const { nodes, missing } = benchNodes(log)
  const tree = await benchTreeScans({
    corpus,
    headSha,
    nodes,
    runs: config.runs,
    hasRipgrep,
    offlineInputs: OFFLINE_INPUTS,
    ripgrepPattern: RIPGREP_PATTERN,
    assertRan,
    log
  })
  for (const result of tree.results) printMisses(result.label, result)
  const pullRequest = await benchPullRequest()
  printMisses('pull request', pullRequest)
  const startup = await benchStartup()
  const lines = treeScanTable({ corpus, ...tree, ripgrepPattern: RIPGREP_PATTERN })
  lines.push(
    `Node ${nodes.map(node => node.version).join(' and ')}` +
      `${missing.length > 0 ? ` (Node ${missing.join(', ')} not found)` : ''}.`,
    ''
  )
  process.stdout.write(`${lines.join('\n')}\n`)
  printTable({ machine, pullRequest, startup })
}

/** The whole-history scan on Node 24 and Node 20 (history.mjs); needs ripgrep for its baseline. */
async function benchHistoryPart(machine) {
  if (machine.ripgrep === undefined) {
    log('ripgrep (rg) is not on PATH: no history benchmark (its baseline is `git log -p | rg`)')
    return
  }
  const { nodes, missing } = benchNodes(log)
  const history = await benchHistory({
    baseDir: config.baseDir,
    commits: config.historyCommits,
    runs: config.runs,
    scale: config.historyScale,
    nodes,
    configuredKey: CONFIGURED_KEY,
    offlineInputs: OFFLINE_INPUTS,
    ripgrepPattern: RIPGREP_PATTERN,
    assertRan,
    log
  })
  for (const result of history.results.filter(entry => entry.node)) printMisses(result.label, result)
  printMisses('action scan: history', history.action)
  for (const row of history.scaled?.rows.filter(entry => entry.node) ?? []) printMisses(row.label, row)
  const lines = historyTable(history, { ripgrepPattern: RIPGREP_PATTERN })
  lines.push(
    `Machine: ${machine.cpuCount} × ${machine.cpuModel}, ${fixed(machine.memoryGiB)} GiB, ${machine.platform}, ` +
      `${machine.git ?? 'git ?'}, ${machine.ripgrep}; Node ${nodes.map(node => node.version).join(' and ')}` +
      `${missing.length > 0 ? ` (Node ${missing.join(', ')} not found)` : ''}; load average ` +
      `${fixed(machine.loadAverage, 2)} at start. Peak RSS by ${rssMethod}.`
  )
  process.stdout.write(`\n${lines.join('\n')}\n`)
}

main().catch(error => {
  process.stderr.write(`bench: crashed: ${scrubKeys(String(error?.stack ?? error))}\n`)
  process.exitCode = 1
})
