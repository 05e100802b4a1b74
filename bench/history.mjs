// The history benchmark: the CLI's `--history` (and the action's `scan: history` once) on a generated repository
// of real third-party code (history-repo.mjs), against `git log -p -U0 | rg` over the same commits, on every
// Node version found (nodes.mjs); plus the same at ten times the size for peak RSS, and where the time goes.
import os from 'node:os'
import { ensureHistoryRepo } from './history-repo.mjs'
import { interleavedRounds, measure, run, summarize } from './measure.mjs'
import { profiledRun } from './profile.mjs'
import { actionEntry, cliEntry, createStep, repoRoot } from './runner.mjs'
import {
  count,
  cpuCell,
  duration,
  falseAlarmCell,
  fixed,
  mb,
  recallCell,
  rssCell,
  runsOf,
  status
} from './format.mjs'
import { cliFindings, sarifFindings, score, secretHash } from './score.mjs'

export const HISTORY_TARGETS = { gitRatio: 1.3, peakRssBytes: 150e6 }
const GIT_LOG = 'git log -p -U0 HEAD'
/** What git writes for the CLI (src/git/history-log.ts), in one process: git's share of the scan. */
const TOOL_GIT_LOG =
  "git -c core.quotepath=false log --no-ext-diff --no-textconv --text -p -U0 -M -l100 --full-index --no-color --submodule=short --no-relative --src-prefix=a/ --dst-prefix=b/ --root --diff-merges=dense-combined --no-notes '--format=%x00okd-commit %H' HEAD"

/** The repository's parameters: `scale` multiplies the commits (the same tree size, ten times the churn). */
const repoParams = (commits, scale) => ({
  name: `x${scale}`,
  commits: commits * scale,
  seed: 11,
  liveCapBytes: 40e6,
  plantEvery: 30
})

/**
 * `config`: { baseDir, commits, runs, scale, nodes, configuredKey, assertRan, log }. Returns everything the
 * table prints.
 */
export async function benchHistory(config) {
  const { log, assertRan } = config
  const built = await ensureHistoryRepo(config.baseDir, repoParams(config.commits, 1))
  describeRepo('history', built, log)
  const pattern = config.ripgrepPattern
  const cliEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? os.tmpdir(),
    OPENAI_API_KEY: config.configuredKey
  }
  const runCli = async (repo, node, withRss, extraNodeArgs = []) => {
    const result = await measure(
      node.binary,
      [...extraNodeArgs, cliEntry, '--history', '--no-liveness', '--json'],
      { cwd: repo, env: cliEnv, withRss }
    )
    assertRan(`the CLI on Node ${node.major} (--history)`, result, [0, 1])
    return { result, ...cliFindings(result.stdout) }
  }
  const runGitRg = async (repo, withRss) => {
    const result = await measure('sh', ['-c', `${GIT_LOG} | rg -o -e "$1"`, 'sh', pattern], {
      cwd: repo,
      withRss
    })
    assertRan('git log | rg', result, [0, 1])
    return { result, matches: result.stdout.split('\n').filter(Boolean).length }
  }

  const contenders = [
    ...config.nodes.map(node => ({
      name: `cli${node.major}`,
      label: `CLI \`--history\`, Node ${node.major}`,
      node,
      run: withRss => runCli(built.repo, node, withRss)
    })),
    { name: 'git', label: `\`${GIT_LOG} | rg -o <regex>\``, run: withRss => runGitRg(built.repo, withRss) }
  ]
  const measured = await interleavedRounds(contenders, config.runs, (entry, round, timed) =>
    log(`history: ${entry.label}, run ${round}/${config.runs}: ${(timed.result.wallMs / 1000).toFixed(2)} s`)
  )
  const results = contenders.map((entry, index) => {
    const { runs, last } = measured[index]
    return {
      name: entry.name,
      label: entry.label,
      node: entry.node,
      ...summarize(runs),
      ...(last.findings ? scoreHistory(last.findings, built) : { matches: last.matches }),
      coverage: last.coverage
    }
  })

  const gitAlone = await measure('sh', ['-c', `${TOOL_GIT_LOG} > /dev/null`], { cwd: built.repo })
  assertRan('git log (the CLI options)', gitAlone)
  const stages = []
  for (const node of config.nodes) {
    const profiled = await profiledRun(nodeArgs => runCli(built.repo, node, false, nodeArgs), repoRoot)
    stages.push({ node, stages: profiled.stages })
  }
  const action = await runAction(built, config)

  let scaled
  if (config.scale > 1) {
    const big = await ensureHistoryRepo(config.baseDir, repoParams(config.commits, config.scale))
    describeRepo(`history x${config.scale}`, big, log)
    const rows = []
    for (const node of config.nodes) {
      const outcome = await runCli(big.repo, node, true)
      log(`history x${config.scale}: Node ${node.major}: ${(outcome.result.wallMs / 1000).toFixed(2)} s`)
      rows.push({
        label: `CLI \`--history\`, Node ${node.major}`,
        node,
        ...summarize([outcome.result]),
        ...scoreHistory(outcome.findings, big),
        coverage: outcome.coverage
      })
    }
    const baseline = await runGitRg(big.repo, true)
    rows.push({
      label: `\`${GIT_LOG} | rg -o <regex>\``,
      ...summarize([baseline.result]),
      matches: baseline.matches
    })
    scaled = { manifest: big.manifest, rows }
  }
  return { manifest: built.manifest, results, gitAlone, stages, action, scaled }
}

/**
 * Recall and false alarms of a history scan. The generator's edits can move a planted key's line: git then shows
 * it removed and added again by a later commit, which a scan rightly reports with that commit. Such a finding
 * is checked against git (the named commit's file holds that planted key on that line) and counted as `moved`,
 * never as a false alarm, and never as recall.
 */
function scoreHistory(findings, built) {
  const scored = score(findings, built.manifest.planted, built.manifest.lookAlikes, { matchCommit: true })
  const plantedHashes = new Set(built.manifest.planted.map(entry => entry.hash))
  const moved = []
  const falseAlarms = []
  for (const alarm of scored.falseAlarms) {
    const isPlanted = plantedHashes.has(alarm.hash) && keyOnLine(built.repo, alarm)
    ;(isPlanted ? moved : falseAlarms).push(alarm)
  }
  return { ...scored, falseAlarms, moved }
}

/** Whether the file at the finding's commit holds a key with the finding's hash on the finding's line. */
function keyOnLine(repo, { commit, file, line, hash }) {
  if (!commit || !line) return false
  let text
  try {
    text = run('git', ['show', `${commit}:${file}`], { cwd: repo })
  } catch {
    return false
  }
  const tokens = text.split('\n')[line - 1]?.match(/sk-[A-Za-z0-9_-]+/g) ?? []
  return tokens.some(token => secretHash(token) === hash)
}

function describeRepo(name, built, log) {
  const { manifest } = built
  log(
    `${built.reused ? 'reusing' : 'generated'} ${name} repository ${built.repo}: ${manifest.commits} commits, ` +
      `${manifest.planted.length} keys` +
      (built.reused
        ? ''
        : ` (${(manifest.generatedMs / 1000).toFixed(1)} s + packing ${(manifest.packedMs / 1000).toFixed(1)} s)`)
  )
}

/** The action's `scan: history` once (on the first Node found: 24, the action's runtime), scored from SARIF. */
async function runAction(built, config) {
  const node = config.nodes[0]
  const head = run('git', ['rev-parse', 'HEAD'], { cwd: built.repo }).trim()
  const step = createStep({
    inputs: { ...config.offlineInputs, scan: 'history' },
    sarif: true,
    eventName: 'workflow_dispatch',
    event: { inputs: {}, ref: 'refs/heads/main', repository: { full_name: 'octo/app' } },
    workspace: built.repo,
    sha: head
  })
  try {
    const result = await measure(node.binary, [actionEntry], { cwd: built.repo, env: step.env })
    config.assertRan('the action (scan: history)', result)
    const sarif = step.sarif()
    if (!sarif) throw new Error('the action wrote no SARIF file (scan: history)')
    // A key no longer in HEAD has no line in SARIF (its file is the location): matched by file, commit and the
    // key's hash.
    const lineless = entry => ({ ...entry, line: 0, redacted: '' })
    return {
      node,
      ...summarize([result]),
      ...score(sarifFindings(sarif).map(lineless), built.manifest.planted.map(lineless), [], {
        matchCommit: true
      })
    }
  } finally {
    step.dispose()
  }
}

const STAGE_ORDER = [
  'parsing patches',
  'matching',
  'reporting',
  'other JavaScript (settings, git calls, engine)',
  'module loading',
  'Node internals (pipes, child processes, event loop)',
  'V8 and Node native code',
  'garbage collection',
  'idle (waiting for git)'
]

/** The markdown of the history benchmark: results, where the time goes, targets. */
export function historyTable(history, { ripgrepPattern }) {
  const { manifest, results, gitAlone, stages, action, scaled } = history
  const cli = results.filter(result => result.node)
  const git = results.find(result => result.name === 'git')
  const addedBytes = cli[0]?.coverage?.bytes ?? 0
  const lines = ['### History scan (`npm run bench`)', '']
  lines.push(
    `Repository: ${count(manifest.commits)} commits of real third-party source (${count(manifest.sources)} files of ` +
      `this checkout's node_modules, committed as a project grows: files added, edited, renamed and deleted, ` +
      `packages vendored and removed, topic branches merged), ${fixed(mb(addedBytes))} MB of added lines, ` +
      `${manifest.planted.length} planted OpenAI keys (${manifest.planted.filter(entry => entry.removedLater).length} ` +
      `removed again by a later commit, some on merged branches) and ${manifest.lookAlikes.length} look-alike lines. ` +
      `Wall and CPU time are medians of ${runsOf(cli[0]?.runs ?? 0)}, taken in interleaved rounds after a warm-up round; ` +
      `CPU time and peak RSS (the highest) come from runs under GNU time and include the git processes. ` +
      `Recall counts a key found only with the commit that added it.`,
    ''
  )
  lines.push(
    '| History scan | Wall time | Fastest run | CPU time | Peak RSS | Recall (with commit) | False alarms |'
  )
  lines.push('|---|---:|---:|---:|---:|---:|---|')
  for (const result of cli) {
    lines.push(
      `| ${result.label} (${result.node.version}) | ${duration(result.wallMs)} | ${duration(result.minWallMs)} | ` +
        `${cpuCell(result)} | ${rssCell(result)} | ${recallCell(result)} | ${falseAlarmCell(result)} |`
    )
  }
  lines.push(
    `| action \`scan: history\`, one run (${action.node.version}) | ${duration(action.wallMs)} | | | | ` +
      `${recallCell(action)} | ${falseAlarmCell(action)} |`
  )
  lines.push(
    `| ${git.label} | ${duration(git.wallMs)} | ${duration(git.minWallMs)} | ${cpuCell(git)} | ${rssCell(git)} | ` +
      `${count(git.matches)} matches (added and removed lines) | |`,
    ''
  )

  lines.push(
    `| Where the time goes (one run each) | ${stages.map(entry => `Node ${entry.node.major}`).join(' | ')} |`
  )
  lines.push(`|---|${stages.map(() => '---:').join('|')}|`)
  lines.push(
    `| git writing every patch (one process, the CLI's options): wall / CPU | ${stages
      .map(() => `${duration(gitAlone.wallMs)} / ${cpuCell(gitAlone)}`)
      .join(' | ')} |`
  )
  lines.push(
    `| CLI in all (node and its git processes): wall / CPU | ${stages
      .map(entry => {
        const result = cli.find(candidate => candidate.node === entry.node)
        return `${duration(result.wallMs)} / ${cpuCell(result)}`
      })
      .join(' | ')} |`
  )
  const names = [...new Set([...STAGE_ORDER, ...stages.flatMap(entry => Object.keys(entry.stages))])]
  for (const name of names) {
    if (!stages.some(entry => entry.stages[name] !== undefined)) continue
    lines.push(`| node: ${name} | ${stages.map(entry => duration(entry.stages[name] ?? 0)).join(' | ')} |`)
  }
  lines.push('')

  if (scaled) {
    lines.push(
      `| ${count(scaled.manifest.commits)} commits (ten times the churn, one run each) | Wall time | CPU time | Peak RSS | Recall (with commit) | False alarms |`
    )
    lines.push('|---|---:|---:|---:|---:|---|')
    for (const row of scaled.rows) {
      lines.push(
        `| ${row.label}${row.node ? ` (${row.node.version})` : ''} | ${duration(row.wallMs)} | ${cpuCell(row)} | ${rssCell(row)} | ` +
          `${row.found === undefined ? `${count(row.matches)} matches` : recallCell(row)} | ${row.falseAlarms ? falseAlarmCell(row) : ''} |`
      )
    }
    lines.push('')
  }

  const moved = [
    ...cli.map(result => [`${count(manifest.commits)} commits, Node ${result.node.major}`, result]),
    ...(scaled?.rows ?? [])
      .filter(row => row.node)
      .map(row => [`${count(scaled.manifest.commits)} commits, Node ${row.node.major}`, row])
  ].filter(([, result]) => result.moved?.length > 0)
  if (moved.length > 0)
    lines.push(
      `Not false alarms: ${moved.map(([name, result]) => `${result.moved.length} (${name})`).join(', ')} ` +
        "finding(s) of a planted key that a later commit's edit moved: git shows the line removed and added " +
        'again by that commit, and the file at that commit holds the key on that line (checked with git).',
      ''
    )

  lines.push('| History target | Measured | Status |')
  lines.push('|---|---:|---|')
  for (const result of cli) {
    const ratio = result.wallMs / git.wallMs
    lines.push(
      `| within ${HISTORY_TARGETS.gitRatio}x of \`git log -p -U0 | rg\`, Node ${result.node.major} (wall time) | ${fixed(ratio, 2)}x | ${status(ratio <= HISTORY_TARGETS.gitRatio)} |`
    )
    if (result.cpuMs !== undefined && git.cpuMs !== undefined)
      lines.push(
        `| (the same in CPU time, less sensitive to load) | ${fixed(result.cpuMs / git.cpuMs, 2)}x | |`
      )
  }
  const rssRows = [
    ...cli.map(result => [`${count(manifest.commits)} commits, Node ${result.node.major}`, result]),
    ...(scaled?.rows ?? [])
      .filter(row => row.node)
      .map(row => [`${count(scaled.manifest.commits)} commits, Node ${row.node.major}`, row])
  ]
  for (const [name, result] of rssRows) {
    const peak = result.rssKb === undefined ? undefined : result.rssKb * 1024
    lines.push(
      `| peak RSS ≤ ${mb(HISTORY_TARGETS.peakRssBytes)} MB, ${name} | ${rssCell(result)} | ${peak === undefined ? 'n/a' : status(peak <= HISTORY_TARGETS.peakRssBytes)} |`
    )
  }
  const scored = [...cli, action, ...(scaled?.rows ?? []).filter(row => row.node)]
  const perfect = scored.every(result => result.found === result.planted && result.falseAlarms.length === 0)
  lines.push(
    `| every planted key found with its commit, no false alarm (every row above) | ${scored.map(result => `${recallCell(result)}, ${result.falseAlarms.length}`).join('; ')} | ${status(perfect)} |`,
    ''
  )
  lines.push(
    `git commands: \`${GIT_LOG} | rg -o -e '${ripgrepPattern}'\`; git alone: \`${TOOL_GIT_LOG} > /dev/null\`. ` +
      "Stages from `node --cpu-prof` (self time of the bundle's functions by the source file defining them; what they call counts with them)."
  )
  return lines
}
