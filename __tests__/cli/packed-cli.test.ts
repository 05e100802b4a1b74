/**
 * The CLI as users get it: `npm pack` of this repository, installed offline into a fresh git repository that is
 * not this one (the tarball bundles everything, so it needs no registry), run through npm's bin link.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { redact } from '../../src/core/redact.js'
import { makeKey } from '../helpers/keys.js'
import { DIST_NODE, spawnBounded } from '../helpers/runner-harness.js'
import { cliEnv, expectNoKeys } from './run-cli.js'
import { TempRepo } from './temp-repo.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const KEY = makeKey('project', 23)
const packDir = mkdtempSync(path.join(tmpdir(), 'okd-pack-'))
const user = new TempRepo()

interface PackResult {
  filename: string
  files: { path: string }[]
}

let packed: PackResult

beforeAll(() => {
  const json = execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe']
  })
  packed = (JSON.parse(json) as PackResult[])[0]
  user.commit({ '.gitignore': 'node_modules/\n', 'index.js': 'console.log(process.env.OPENAI_API_KEY)\n' })
  execFileSync(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--save-dev', path.join(packDir, packed.filename)],
    { cwd: user.dir, stdio: ['ignore', 'pipe', 'pipe'] }
  )
  user.commit({ 'package.json': readFileSync(path.join(user.dir, 'package.json'), 'utf8') })
}, 120_000)

afterAll(() => {
  user.remove()
  rmSync(packDir, { recursive: true, force: true })
})

/** The installed command, as `npx --no openai-key-doctor` finds it, on the Node the dist/ suites run on. */
function runInstalled(args: string[]) {
  const bin = path.join(user.dir, 'node_modules', '.bin', 'openai-key-doctor')
  const env = cliEnv({ PATH: `${path.dirname(DIST_NODE)}${path.delimiter}${process.env.PATH ?? ''}` })
  return spawnBounded(bin, args, { cwd: user.dir, env }, 30_000)
}

describe('npm pack', () => {
  it('holds the bundle, action.yml, LICENSE, README and package.json, and nothing else', () => {
    const files = packed.files.map(file => file.path)
    const outsideDist = files.filter(file => !file.startsWith('dist/')).sort()
    expect(outsideDist).toEqual(['LICENSE', 'README.md', 'action.yml', 'package.json'])
    expect(files).toEqual(expect.arrayContaining(['dist/index.js', 'dist/cli/index.js', 'dist/licenses.txt']))
  })

  it('declares no runtime dependency: dist/ bundles them', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'))
    expect(manifest.dependencies).toBeUndefined()
    expect(manifest.private).toBeUndefined()
  })
})

describe('the installed openai-key-doctor in another repository', () => {
  it('passes a clean tree', async () => {
    const run = await runInstalled(['--no-liveness'])
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toContain('OK: nothing fails the policy')
  })

  it('fails on a committed key, redacted', async () => {
    user.commit({ 'config.js': `export const apiKey = '${KEY}'\n` })
    const run = await runInstalled(['--all', '--no-liveness'])
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain(`config.js:1:24 openai-project-key ${redact(KEY)}`)
    expectNoKeys(run, [KEY])
  })
})
