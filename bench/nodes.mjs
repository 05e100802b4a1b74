// The Node versions the bundles are measured on: the action runs on Node 24 (action.yml), the package supports
// Node 20, and the benchmark prints both. The one running the bench is used as it is; the other major comes
// from BENCH_NODE20 / BENCH_NODE24 (a path to a `node` binary) or from npm's cache (`npx node@N`, no download
// once cached).
import { spawnSync } from 'node:child_process'

const WANTED = [24, 20]

function versionOf(binary) {
  const result = spawnSync(binary, ['-p', 'process.version'], { encoding: 'utf8', timeout: 30_000 })
  return result.status === 0 ? result.stdout.trim() : undefined
}

function fromNpx(major) {
  const result = spawnSync('npx', ['-y', `node@${major}`, '-p', 'process.execPath'], {
    encoding: 'utf8',
    timeout: 120_000
  })
  return result.status === 0 ? result.stdout.trim().split('\n').pop() : undefined
}

/**
 * `{ major, version, binary }` for Node 24 and Node 20 (the running one first when it is one of them); a
 * version that could not be found is left out and named in `missing`.
 */
export function benchNodes(log) {
  const current = Number(process.versions.node.split('.')[0])
  const nodes = []
  const missing = []
  for (const major of WANTED) {
    const binary = major === current ? process.execPath : process.env[`BENCH_NODE${major}`] || fromNpx(major)
    const version = binary && versionOf(binary)
    if (version?.startsWith(`v${major}.`)) nodes.push({ major, version, binary })
    else {
      missing.push(major)
      log?.(`Node ${major} not found (set BENCH_NODE${major} to a node binary): not measured on it`)
    }
  }
  return { nodes, missing }
}
