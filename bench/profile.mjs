// Where a run's JavaScript time goes: a V8 CPU profile (`node --cpu-prof`) of the bundled CLI, its self time
// put into the stages of a scan by the source file that defines each function (the bundle keeps names).
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** Stages by source file, first match wins (a name defined in two stages counts for the first). */
const STAGES = [
  ['parsing patches', /^src\/git\/(patch-|lines\.ts|history-log\.ts)|^src\/scan\/(decode|coverage)\.ts/],
  ['matching', /^src\/(scan\/(?!sources\/)|detectors\/)/],
  ['reporting', /^src\/(report|core)\//]
]
const OTHER = 'other JavaScript (settings, git calls, engine)'

/**
 * Function and method names defined in each stage's source files. A stage is `[label, file pattern]`, or
 * `[label, file pattern, name pattern]` for the names of a file that belong to it (the rest go on to later stages).
 */
function stageOfNames(repoRoot, stages) {
  const names = new Map()
  const walk = dir => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith('.ts')) {
        const relative = path.relative(repoRoot, full).split(path.sep).join('/')
        const inFile = stages.filter(([, pattern]) => pattern.test(relative))
        if (inFile.length === 0) continue
        const text = readFileSync(full, 'utf8')
        const definitions =
          /(?:function\*?\s+([A-Za-z_$][\w$]*))|(?:^\s*(?:(?:private|public|protected|static|async|readonly|get|set)\s+)*\*?([A-Za-z_$][\w$]*)\s*(?:<[^>\n]*>)?\([^)\n]*\)?[^=\n;]*\{\s*$)|(?:(?:const|let)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*=>)/gm
        for (const match of text.matchAll(definitions)) {
          const name = match[1] ?? match[2] ?? match[3]
          const stage = inFile.find(([, , namePattern]) => !namePattern || namePattern.test(name))?.[0]
          if (
            stage &&
            !names.has(name) &&
            !['if', 'for', 'while', 'switch', 'catch', 'constructor'].includes(name)
          )
            names.set(name, stage)
        }
      }
    }
  }
  walk(path.join(repoRoot, 'src'))
  return names
}

/**
 * Self time (ms) by stage. A function of the bundle counts for the stage of the file defining its name; anything
 * it calls (Buffer searches, string decoding in Node's internals) counts for the same stage; what Node runs on
 * its own (pipes, child processes, the event loop) and module loading have their own rows, as do garbage
 * collection and waiting (idle: the process waits for git's output).
 */
export function profileStages(profileFile, repoRoot, stages = STAGES) {
  const profile = JSON.parse(readFileSync(profileFile, 'utf8'))
  const names = stageOfNames(repoRoot, stages)
  const byId = new Map(profile.nodes.map(node => [node.id, node]))
  const stageOf = new Map()
  const assign = (node, inherited) => {
    const { functionName, url } = node.callFrame
    const bare = functionName.replace(/\$\d+$/, '')
    let stage = inherited
    if (functionName === '(idle)') stage = 'idle (waiting for git)'
    else if (functionName === '(garbage collector)') stage = 'garbage collection'
    else if (functionName === '(program)') stage = 'V8 and Node native code'
    else if (url.includes('/dist/') && names.has(bare)) stage = names.get(bare)
    else if (url.includes('/dist/') && functionName !== '' && inherited === undefined) stage = OTHER
    else if (url.startsWith('node:internal/modules') && inherited === undefined) stage = 'module loading'
    stageOf.set(node.id, stage)
    for (const child of node.children ?? []) assign(byId.get(child), stage)
  }
  assign(profile.nodes[0], undefined)
  const totals = {}
  for (let i = 0; i < profile.samples.length; i++) {
    const stage = stageOf.get(profile.samples[i]) ?? 'Node internals (pipes, child processes, event loop)'
    totals[stage] = (totals[stage] ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000
  }
  return totals
}

/** One run under `node --cpu-prof` (`runWith(nodeArgs)` starts it): its outcome, and self time (ms) by stage. */
export async function profiledRun(runWith, repoRoot, stages = STAGES) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'okd-bench-prof-'))
  try {
    const outcome = await runWith(['--cpu-prof', `--cpu-prof-dir=${dir}`])
    const [file] = readdirSync(dir)
    return { outcome, stages: profileStages(path.join(dir, file), repoRoot, stages) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
