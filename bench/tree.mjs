// The full-tree part of `npm run bench`: the action's `scan: all` and the CLI's `--all` against `rg -j1` on the
// same tree, on Node 24 (the action's runtime) and Node 20, with and without a configured key (without one the
// repository checks run too, reading what the scan read), and where the time goes (a CPU profile by stage).
import os from 'node:os'
import { fileURLToPath } from 'node:url'
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
import { interleavedRounds, measure, summarize } from './measure.mjs'
import { profiledRun } from './profile.mjs'
import { actionEntry, cliEntry, createStep, repoRoot, summaryCoverage } from './runner.mjs'
import { cliFindings, ripgrepFindings, sarifFindings, score } from './score.mjs'

export const TREE_TARGETS = { ripgrepRatio: 2, peakRssBytes: 150e6 }
/** `--hidden` and `-g !.git` make ripgrep read exactly the tracked files (dotfiles such as `.env.local` too). */
export const RIPGREP_TREE_ARGS = [
  '-j1',
  '--no-ignore',
  '--hidden',
  '-g',
  '!.git',
  '-o',
  '-n',
  '--with-filename',
  '--no-heading'
]

/**
 * Stages of a tree scan by the source file (and, for the tree reader, the name) of each function: the
 * repository checks, reading files (the checkout reader and the tree's reading of each listed file), listing
 * them (git ls-files and its records), scanning and reporting. The first match wins.
 */
const TREE_STAGES = [
  ['repository checks', /^src\/repo-checks\//],
  ['reading files', /^src\/git\/checkout-reader\.ts$/],
  ['reading files', /^src\/git\/tree\.ts$/, /^(readListed|largeFile|reopenLarge|linesOfOpenFile)$/],
  ['listing files', /^src\/git\/(tree|git)\.ts$/],
  ['scanning', /^src\/(scan|detectors)\/|^src\/engine\/find-leaks\.ts$/],
  ['reporting', /^src\/(report|core|runner)\//]
]
const STAGE_ORDER = [
  'module loading',
  'listing files',
  'reading files',
  'scanning',
  'repository checks',
  'reporting',
  'other JavaScript (settings, git calls, engine)',
  'Node internals (pipes, child processes, event loop)',
  'V8 and Node native code',
  'garbage collection',
  'idle (waiting for git)'
]

/**
 * The contenders on each Node: the action with the workflow's key (offline: nothing to explain, no repository
 * checks), the action without a key and the CLI without OPENAI_API_KEY (the key needs explaining: the repository
 * checks run). ripgrep once per round.
 */
function contendersFor(config) {
  const { corpus, nodes, offlineInputs } = config
  const perNode = nodes.flatMap(node => [
    {
      name: `action-key-${node.major}`,
      label: `action \`scan: all\`, key set (Node ${node.major})`,
      node,
      run: (withRss, extra) => runAction(config, node, { ...offlineInputs, scan: 'all' }, withRss, extra)
    },
    {
      name: `action-nokey-${node.major}`,
      label: `action \`scan: all\`, no key: repository checks run (Node ${node.major})`,
      node,
      checks: true,
      run: (withRss, extra) =>
        runAction(config, node, { ...offlineInputs, 'api-key': '', scan: 'all' }, withRss, extra)
    },
    {
      name: `floor-${node.major}`,
      label: `the floor: a Node program that only lists, reads and searches the files (Node ${node.major})`,
      node,
      floor: true,
      run: withRss => runFloor(config, node, withRss)
    },
    {
      name: `cli-nokey-${node.major}`,
      label: `CLI \`--all --json\`, no OPENAI_API_KEY: repository checks run (Node ${node.major})`,
      node,
      checks: true,
      run: withRss => runCli(config, node, withRss)
    }
  ])
  const ripgrep = config.hasRipgrep
    ? [
        {
          name: 'ripgrep',
          label: 'ripgrep `-j1` (OpenAI key regex)',
          run: withRss => runRipgrep(corpus, config.ripgrepPattern, withRss)
        }
      ]
    : []
  return [...perNode, ...ripgrep]
}

async function runAction(config, node, inputs, withRss, extraArgs = []) {
  const { corpus, headSha } = config
  const step = createStep({
    inputs,
    sarif: true,
    eventName: 'workflow_dispatch',
    event: { inputs: {}, ref: 'refs/heads/main', repository: { full_name: 'octo/app' } },
    workspace: corpus.repo,
    sha: headSha
  })
  try {
    const result = await measure(node.binary, [...extraArgs, actionEntry], {
      cwd: corpus.repo,
      env: step.env,
      withRss
    })
    config.assertRan('the action (scan: all)', result)
    const sarif = step.sarif()
    if (!sarif) throw new Error('the action wrote no SARIF file')
    return {
      result,
      findings: sarifFindings(sarif),
      outputs: step.outputs(),
      coverage: summaryCoverage(step.summary())
    }
  } finally {
    step.dispose()
  }
}

async function runCli(config, node, withRss) {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? os.tmpdir() }
  const result = await measure(node.binary, [cliEntry, '--all', '--no-liveness', '--json'], {
    cwd: config.corpus.repo,
    env,
    withRss
  })
  // 1: findings that fail the default policy, which a corpus full of keys has.
  config.assertRan('the CLI (--all)', result, [0, 1])
  return { result, findings: cliFindings(result.stdout).findings }
}

const floorProgram = fileURLToPath(new URL('./node-floor.mjs', import.meta.url))

/** bench/node-floor.mjs: reads what the scan reads, as the checkout reader does, and does nothing else. */
async function runFloor(config, node, withRss) {
  const result = await measure(node.binary, [floorProgram], { cwd: config.corpus.repo, withRss })
  config.assertRan('the floor program (bench/node-floor.mjs)', result)
  return { result, findings: [], files: JSON.parse(result.stdout).files }
}

async function runRipgrep(corpus, pattern, withRss) {
  const result = await measure('rg', [...RIPGREP_TREE_ARGS, pattern, '.'], { cwd: corpus.repo, withRss })
  if (result.code !== 0 && result.code !== 1) throw new Error(`ripgrep exited with ${result.code}`)
  return { result, findings: ripgrepFindings(result.stdout) }
}

/** `node -e 0` on each Node: what no JavaScript program can start under. */
async function bareStartup(node, runs) {
  const measured = []
  for (let i = 0; i < runs; i++) measured.push(await measure(node.binary, ['-e', '0'], { withRss: false }))
  return summarize(measured)
}

/**
 * The full-tree scans, in interleaved rounds (measure.mjs): their ratios hold even when the absolute times move.
 * Then one profiled run of the action without a key (every stage runs) on each Node.
 */
export async function benchTreeScans(config) {
  const contenders = contendersFor(config)
  const measured = await interleavedRounds(contenders, config.runs, (contender, round, timed, outcome) =>
    config.log(
      `${contender.label}, run ${round}/${config.runs}: ${duration(timed.result.wallMs)}, ` +
        `${outcome.findings.length} findings`
    )
  )
  const floors = []
  const results = []
  for (const [index, contender] of contenders.entries()) {
    const { runs, last } = measured[index]
    if (contender.floor) {
      floors.push({ node: contender.node, files: last.files, ...summarize(runs) })
      continue
    }
    results.push({
      name: contender.name,
      label: contender.label,
      node: contender.node,
      checks: contender.checks === true,
      ...summarize(runs),
      ...score(last.findings, config.corpus.manifest.planted, config.corpus.manifest.lookAlikes),
      coverage: last.coverage
    })
  }
  const profiles = []
  for (const node of config.nodes) {
    const contender = contenders.find(entry => entry.name === `action-nokey-${node.major}`)
    const startup = await bareStartup(node, 5)
    const { outcome, stages } = await profiledRun(
      nodeArgs => contender.run(false, nodeArgs),
      repoRoot,
      TREE_STAGES
    )
    profiles.push({ node, startup, wallMs: outcome.result.wallMs, stages })
  }
  return { results, floors, profiles }
}

function row(result, bytes) {
  return (
    `| ${result.label} | ${duration(result.wallMs)} | ${duration(result.minWallMs)} | ` +
    `${fixed(mb(bytes) / (result.wallMs / 1000))} MB/s | ${rssCell(result)} | ${cpuCell(result)} | ` +
    `${recallCell(result)} | ${falseAlarmCell(result)} |`
  )
}

/**
 * The floor (bench/node-floor.mjs) beside ripgrep: no scan in Node can be faster, so a ratio of ours near the
 * floor's is Node's own cost (start-up, a JavaScript call per open, stat, read and close), not the scan's.
 */
function floorTable(floors, ripgrep) {
  const ratio = (floor, key) => (ripgrep ? `${fixed(floor[key] / ripgrep[key])}x` : 'rg not installed')
  return [
    '| The floor: list the files, open (no-follow) + fstat + read each into one buffer, `indexOf` the marker; ' +
      'nothing else | Wall time | Fastest run | CPU time | Ratio to `rg -j1` (wall) | Ratio (fastest runs) |',
    '|---|---:|---:|---:|---:|---:|',
    ...floors.map(
      floor =>
        `| Node ${floor.node.major} (${count(floor.files)} files) | ${duration(floor.wallMs)} | ` +
        `${duration(floor.minWallMs)} | ${floor.cpuMs === undefined ? 'n/a' : duration(floor.cpuMs)} | ` +
        `${ratio(floor, 'wallMs')} | ${ratio(floor, 'minWallMs')} |`
    ),
    ''
  ]
}

/** The markdown of the full-tree part: the runs, where the time goes, and the targets. */
export function treeScanTable({ corpus, results, floors, profiles, ripgrepPattern }) {
  const { manifest } = corpus
  const bytes = manifest.bytes
  const languages = Object.keys(manifest.extensions).length
  const contexts = new Set(manifest.planted.map(entry => entry.context)).size
  const kinds = new Set(manifest.planted.map(entry => entry.kind)).size
  const ripgrep = results.find(result => result.name === 'ripgrep')
  const ours = results.filter(result => result.node)
  const lines = []
  lines.push('### Full-tree scan (`npm run bench`)', '')
  lines.push(
    `Corpus: ${fixed(mb(bytes))} MB in ${count(manifest.files)} tracked files (${languages} file types: code, ` +
      `lockfiles, minified bundles, CRLF, latin1 and binary files), ${manifest.planted.length} planted OpenAI keys ` +
      `(${kinds} formats, ${contexts} contexts) and ${count(manifest.lookAlikes.length)} look-alike lines that must ` +
      `stay silent. Wall and CPU time are medians of ${runsOf(ours[0]?.runs ?? 0)} of the whole process, taken in ` +
      'rounds (every row once per round) after a warm-up round so that the load of the machine hits all alike; wall ' +
      'time from plain runs, CPU time and peak RSS (the highest) from runs under GNU time. Without a key the ' +
      'repository checks run (they explain a key that fails, and run when there is none), on the files the scan read.',
    ''
  )
  lines.push(
    '| Full-tree scan | Wall time | Fastest run | Throughput | Peak RSS | CPU time | Recall | False alarms |'
  )
  lines.push('|---|---:|---:|---:|---:|---:|---:|---|')
  for (const result of results) lines.push(row(result, bytes))
  lines.push('')
  if (floors.length > 0) lines.push(...floorTable(floors, ripgrep))

  if (profiles.length > 0) {
    const stages = STAGE_ORDER.filter(stage => profiles.some(profile => (profile.stages[stage] ?? 0) >= 0.5))
    lines.push(
      `| Where the time goes: action \`scan: all\` without a key, one run under \`--cpu-prof\` (self time, ms) | ` +
        `${profiles.map(profile => `Node ${profile.node.major}`).join(' | ')} |`
    )
    lines.push(`|---|${profiles.map(() => '---:').join('|')}|`)
    lines.push(
      `| start-up of Node itself (\`node -e 0\`, median of 5 wall times) | ` +
        `${profiles.map(profile => fixed(profile.startup.wallMs, 0)).join(' | ')} |`
    )
    for (const stage of stages) {
      lines.push(
        `| ${stage} | ${profiles.map(profile => fixed(profile.stages[stage] ?? 0, 0)).join(' | ')} |`
      )
    }
    lines.push(
      `| wall time of the profiled run (profiling slows it) | ` +
        `${profiles.map(profile => fixed(profile.wallMs, 0)).join(' | ')} |`,
      ''
    )
  }

  lines.push('| Target | Measured | Status |')
  lines.push('|---|---:|---|')
  for (const result of ours) {
    const name = result.label
    if (!ripgrep) {
      lines.push(`| ${name}: within ${TREE_TARGETS.ripgrepRatio}x of \`rg -j1\` | rg not installed | n/a |`)
    } else {
      const ratio = result.wallMs / ripgrep.wallMs
      const cpu =
        result.cpuMs !== undefined && ripgrep.cpuMs !== undefined
          ? `; CPU time ${fixed(result.cpuMs / ripgrep.cpuMs)}x`
          : ''
      lines.push(
        `| ${name}: within ${TREE_TARGETS.ripgrepRatio}x of \`rg -j1\` (wall time; fastest runs ` +
          `${fixed(result.minWallMs / ripgrep.minWallMs)}x${cpu}) | ${fixed(ratio)}x | ` +
          `${status(ratio <= TREE_TARGETS.ripgrepRatio)} |`
      )
    }
    const peak = result.rssKb === undefined ? undefined : result.rssKb * 1024
    lines.push(
      `| ${name}: peak RSS at most ${mb(TREE_TARGETS.peakRssBytes)} MB | ${rssCell(result)} | ` +
        `${peak === undefined ? 'n/a' : status(peak <= TREE_TARGETS.peakRssBytes)} |`
    )
    lines.push(
      `| ${name}: every planted key found, no false alarm | ${recallCell(result)}, ${result.falseAlarms.length} | ` +
        `${status(result.found === result.planted && result.falseAlarms.length === 0)} |`
    )
  }
  lines.push('')
  lines.push(`ripgrep command: \`rg ${RIPGREP_TREE_ARGS.join(' ')} '${ripgrepPattern}' .\``)
  return lines
}
