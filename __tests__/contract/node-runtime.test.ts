/**
 * The dist/ suites run twice: on this Node, and (OKD_NODE, set by `npm run test:node24`) on the runtime that
 * action.yml declares, which is what GitHub runs the action on.
 */
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'
import { DIST_NODE, spawnBounded } from '../helpers/runner-harness.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const manifest = parseYaml(readFileSync(path.join(root, 'action.yml'), 'utf8')) as { runs: { using: string } }

async function versionOf(node: string): Promise<string> {
  const run = await spawnBounded(node, ['-p', 'process.versions.node'], { cwd: root, env: {} }, 10_000)
  return run.stdout.trim()
}

describe('the Node that runs dist/', () => {
  if (process.env.OKD_NODE) {
    it("is the major version of action.yml's runs.using", async () => {
      const declaredMajor = /^node(\d+)$/.exec(manifest.runs.using)?.[1]
      expect((await versionOf(DIST_NODE)).split('.')[0]).toBe(declaredMajor)
    })
  } else {
    it("is this test's own Node when OKD_NODE is not set", async () => {
      expect(await versionOf(DIST_NODE)).toBe(process.versions.node)
    })
  }
})
