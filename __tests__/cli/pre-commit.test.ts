/**
 * The CLI as a real git pre-commit hook: `git commit` runs it, a staged key blocks the commit, anything else
 * goes through. And the pre-commit framework's manifest names the CLI the way the framework runs it.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'
import { redact } from '../../src/core/redact.js'
import { makeKey } from '../helpers/keys.js'
import { CLI_ENTRY, DIST_NODE } from '../helpers/runner-harness.js'
import { cliEnv } from './run-cli.js'
import { TempRepo } from './temp-repo.js'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const KEY = makeKey('project', 81)
const repos: TempRepo[] = []

afterAll(() => {
  for (const repo of repos.splice(0)) repo.remove()
})

/** `git commit` as a developer runs it: hooks enabled, output captured, never throwing on failure. */
function gitCommit(repo: TempRepo, message: string): Promise<{ exitCode: number; output: string }> {
  return new Promise(resolve => {
    execFile(
      'git',
      ['commit', '-m', message],
      { cwd: repo.dir, env: cliEnv(), timeout: 30_000 },
      (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        resolve({ exitCode, output: `${stdout}\n${stderr}` })
      }
    )
  })
}

function installHook(repo: TempRepo): void {
  const hook = path.join(repo.dir, '.git', 'hooks', 'pre-commit')
  writeFileSync(hook, `#!/bin/sh\nexec "${DIST_NODE}" "${CLI_ENTRY}" --staged --no-liveness\n`)
  chmodSync(hook, 0o755)
}

describe('as a git pre-commit hook', () => {
  it('blocks a commit that adds a key, and lets the fixed commit through', async () => {
    const repo = new TempRepo()
    repos.push(repo)
    repo.commit({ 'README.md': '# app\n' }, 'initial')
    installHook(repo)
    const before = repo.git('rev-parse', 'HEAD')

    repo.stage({ 'config.js': `export const openai = { apiKey: '${KEY}' }\n` })
    const blocked = await gitCommit(repo, 'add config')
    expect(blocked.exitCode).not.toBe(0)
    expect(blocked.output).toContain(
      `config.js:1:34 openai-project-key ${redact(KEY)} [not verified: offline, --no-liveness]`
    )
    expect(blocked.output).toMatch(/FAIL: .*leak/)
    expect(blocked.output).not.toContain(KEY)
    expect(repo.git('rev-parse', 'HEAD')).toBe(before)

    repo.stage({ 'config.js': 'export const openai = { apiKey: process.env.OPENAI_API_KEY }\n' })
    const allowed = await gitCommit(repo, 'add config')
    expect(allowed.exitCode).toBe(0)
    expect(allowed.output).toContain('OK: nothing fails the policy')
    expect(repo.git('rev-parse', 'HEAD')).not.toBe(before)
    expect(repo.git('log', '-1', '--format=%s')).toBe('add config')
  })

  it('does not block on a key that is only in the working tree or already committed', async () => {
    const repo = new TempRepo()
    repos.push(repo)
    repo.commit({ 'old.txt': `${KEY}\n` }, 'before the hook existed')
    installHook(repo)
    repo.write({ 'scratch.txt': `${KEY}\n` })
    repo.stage({ 'docs.md': 'Put your key in OPENAI_API_KEY.\n' })
    const commit = await gitCommit(repo, 'docs')
    expect(commit.exitCode).toBe(0)
  })
})

describe('.pre-commit-hooks.yaml', () => {
  it('runs the package bin on the staged changes, once, with no file names', () => {
    const hooks = parseYaml(readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8'))
    const packageJson = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'))
    expect(hooks).toEqual([
      expect.objectContaining({
        id: 'openai-key-doctor',
        language: 'node',
        entry: 'openai-key-doctor --staged',
        pass_filenames: false,
        always_run: true,
        // --staged means nothing to a pre-push or commit-msg hook.
        stages: ['pre-commit']
      })
    ])
    // The framework installs the package and puts its bin on PATH: the entry's command is that bin.
    expect(Object.keys(packageJson.bin)).toEqual(['openai-key-doctor'])
    expect(packageJson.bin['openai-key-doctor']).toBe('dist/cli/index.js')
    expect(readFileSync(CLI_ENTRY, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
  })
})
