/**
 * `command: scan`: one scan job's repositories, one after another. Each is cloned with its whole history into
 * RUNNER_TEMP (the token goes to git in its environment, never on a command line or into the clone's config; no
 * checkout but the allow-list file: nothing of the repository runs) and scanned by this package's own CLI,
 * `openai-key-doctor --history --json --sarif`, the engine of `scan: history`. A repository that cannot be cloned or
 * scanned gets a result saying why, and the job goes on with the next.
 */
import { execFile } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { ALLOWLIST_FILE } from '../engine/allowlist-file.js'
import { openGitHubClient } from '../github/client.js'
import { clip, logSafe } from '../report/escape.js'
import { secondsSince } from '../report/format.js'
import type { JsonReport } from '../report/json.js'
import {
  emptyRepositoryResult,
  failedResult,
  resultFileName,
  resultFromReport,
  RESULT_SUFFIX,
  type SweepResult
} from './results.js'

const run = promisify(execFile)

/** `owner/name` as GitHub allows them; anything else is never put in a URL or a path. */
const REPOSITORY_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/

/** The CLI beside this bundle: dist/cli/index.js, from dist/sweep/ or dist/chunks/ alike. */
const CLI_ENTRY = fileURLToPath(new URL('../cli/index.js', import.meta.url))

export interface ScanOptions {
  repositories: readonly string[]
  /** 1-based, for the result file names. */
  job: number
  resultsDir: string
  /** Where the clones go (each removed once scanned). */
  workDir: string
  token: string
  /** GITHUB_SERVER_URL, where the repositories are cloned from. */
  serverUrl: string
  apiUrl: string
  /** The OpenAI API root that found keys are verified against; null: not verified. */
  verifyLeaksAt: string | null
  uploadSarif: boolean
  log: (line: string) => void
  warn: (line: string) => void
}

export async function scanRepositories(options: ScanOptions): Promise<SweepResult[]> {
  mkdirSync(options.resultsDir, { recursive: true })
  const results: SweepResult[] = []
  for (const [index, repository] of options.repositories.entries()) {
    const resultFile = resultFileName(options.job, index)
    const started = Date.now()
    const result = await scanOne(repository, resultFile.slice(0, -RESULT_SUFFIX.length), options)
    writeFileSync(path.join(options.resultsDir, resultFile), `${JSON.stringify(result)}\n`)
    options.log(`${describeResult(result)} (${secondsSince(started, 1)} s)`)
    results.push(result)
  }
  return results
}

/**
 * One line for the log: `acme/api: 2 keys found, 1 live` and what was not scanned. Made log-safe whole: what was
 * not scanned names the swept repository's own paths (a submodule's) and quotes git's messages about it.
 */
export function describeResult(result: SweepResult): string {
  if (result.error !== null) return logSafe(`${result.repository}: not scanned: ${result.error}`)
  const found = result.leakCount === 1 ? '1 key found' : `${result.leakCount} keys found`
  const live = result.liveLeakCount ? `, ${result.liveLeakCount} live` : ''
  const gaps = result.notScanned.length > 0 ? `; not fully scanned: ${result.notScanned.join('; ')}` : ''
  return logSafe(`${result.repository}: ${found}${live}${gaps}`)
}

async function scanOne(repository: string, base: string, options: ScanOptions): Promise<SweepResult> {
  if (!REPOSITORY_NAME.test(repository)) return failedResult(repository, 'not a repository name')
  const clone = path.join(options.workDir, base)
  rmSync(clone, { recursive: true, force: true })
  try {
    const cloned = await cloneRepository(repository, clone, options)
    if (cloned !== null) return failedResult(repository, cloned)
    if (!(await hasHead(clone))) return emptyRepositoryResult(repository)
    await checkOutAllowlist(clone)
    const sarifFile = path.join(options.resultsDir, `${base}.sarif`)
    const scanned = await scanClone(repository, clone, sarifFile, options)
    if ('error' in scanned) return failedResult(repository, scanned.error)
    writeFileSync(
      path.join(options.resultsDir, `${base}.report.json`),
      `${JSON.stringify(scanned.report, null, 2)}\n`
    )
    if (options.uploadSarif) await uploadSarif(repository, clone, sarifFile, options)
    return resultFromReport(repository, scanned.report, options.verifyLeaksAt !== null)
  } finally {
    rmSync(clone, { recursive: true, force: true })
  }
}

/**
 * A clone whose transfer stays below 1,000 bytes/s for 60 s is aborted by git itself (http.lowSpeedLimit and
 * http.lowSpeedTime), so a server or proxy that stops sending fails that repository instead of hanging the job
 * until `timeout-minutes`. GIT_HTTP_LOW_SPEED_LIMIT and GIT_HTTP_LOW_SPEED_TIME in the step's environment win.
 */
const STALLED_TRANSFER = { GIT_HTTP_LOW_SPEED_LIMIT: '1000', GIT_HTTP_LOW_SPEED_TIME: '60' }

/**
 * Git's environment: no prompt, no LFS download, a stalled transfer aborted, and the token as an extra header for
 * the server only.
 */
function gitEnv(options: Pick<ScanOptions, 'serverUrl' | 'token'>): NodeJS.ProcessEnv {
  const basic = Buffer.from(`x-access-token:${options.token}`).toString('base64')
  return {
    ...STALLED_TRANSFER,
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GIT_LFS_SKIP_SMUDGE: '1',
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: `http.${options.serverUrl.replace(/\/+$/, '')}/.extraheader`,
    GIT_CONFIG_VALUE_0: `AUTHORIZATION: basic ${basic}`
  }
}

/** Null when cloned, else why not. */
async function cloneRepository(
  repository: string,
  clone: string,
  options: ScanOptions
): Promise<string | null> {
  const url = `${options.serverUrl.replace(/\/+$/, '')}/${repository}.git`
  try {
    await run('git', ['clone', '--quiet', '--no-checkout', '--', url, clone], {
      env: gitEnv(options),
      maxBuffer: 16 * 1024 * 1024
    })
    return null
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim()
    const lines = stderr.split('\n').filter(Boolean)
    // The first error is the cause (`error: RPC failed; curl 28 Operation too slow...`), a fatal after it the outcome.
    const said = lines.find(line => /^(?:error|fatal):/.test(line)) ?? lines.pop() ?? String(error)
    return `git clone failed: ${clip(logSafe(said.split(options.token).join('***')), 300)}`
  }
}

async function hasHead(clone: string): Promise<boolean> {
  try {
    await run('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: clone })
    return true
  } catch {
    return false
  }
}

/**
 * The repository's allow-list is the one file the scan reads from the working tree: only it is checked out, as a
 * plain file even when the repository has a link there (`core.symlinks=false`). No allow-list: nothing to do.
 */
async function checkOutAllowlist(clone: string): Promise<void> {
  await run('git', ['-c', 'core.symlinks=false', 'checkout', 'HEAD', '--', ALLOWLIST_FILE], {
    cwd: clone,
    env: { ...process.env, GIT_LFS_SKIP_SMUDGE: '1' }
  }).catch(() => undefined)
}

/** The CLI in the clone, with a clean environment: no token, no OpenAI key of the runner's. */
async function scanClone(
  repository: string,
  clone: string,
  sarifFile: string,
  options: ScanOptions
): Promise<{ report: JsonReport } | { error: string }> {
  const args = [CLI_ENTRY, '--history', '--json', '--sarif', sarifFile, '--fail-on', 'none']
  if (options.verifyLeaksAt === null) args.push('--no-verify-leaks')
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // The CLI writes --sarif only under its working directory or RUNNER_TEMP.
    RUNNER_TEMP: options.resultsDir,
    NO_COLOR: '1',
    ...(options.verifyLeaksAt !== null ? { OPENAI_BASE_URL: options.verifyLeaksAt } : {})
  }
  let stdout: string
  let stderr: string
  try {
    ;({ stdout, stderr } = await run(process.execPath, args, {
      cwd: clone,
      env,
      maxBuffer: 512 * 1024 * 1024
    }))
  } catch (error) {
    // Exit 2 still prints the report when part of the history could not be read.
    ;({ stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string })
  }
  try {
    const report = JSON.parse(stdout) as JsonReport
    if (report.schemaVersion === 1) return { report }
  } catch {
    // Reported below.
  }
  const last = stderr.trim().split('\n').filter(Boolean).pop() ?? 'no report'
  return { error: `the scan of ${logSafe(repository)} failed: ${clip(logSafe(last), 300)}` }
}

/**
 * POST /repos/{owner}/{repo}/code-scanning/sarifs for the default branch's head (the token needs
 * `security_events: write` on the repository). A refusal is a warning: the SARIF file stays in the artifact.
 */
async function uploadSarif(
  repository: string,
  clone: string,
  sarifFile: string,
  options: ScanOptions
): Promise<void> {
  try {
    const [{ stdout: sha }, { stdout: ref }] = await Promise.all([
      run('git', ['rev-parse', 'HEAD'], { cwd: clone }),
      run('git', ['symbolic-ref', 'HEAD'], { cwd: clone })
    ])
    const octokit = await openGitHubClient({ token: options.token, apiUrl: options.apiUrl })
    const [owner, repo] = repository.split('/')
    await octokit.request('POST /repos/{owner}/{repo}/code-scanning/sarifs', {
      owner,
      repo,
      commit_sha: sha.trim(),
      ref: ref.trim(),
      sarif: gzipSync(readFileSync(sarifFile)).toString('base64'),
      tool_name: 'openai-key-doctor'
    })
  } catch (error) {
    const status = (error as { status?: number }).status
    options.warn(
      `${logSafe(repository)}: the SARIF report was not uploaded to code scanning (${status ? `GitHub answered ${status}` : clip(logSafe(String(error)), 200)}); ` +
        'the token needs `security_events: write`, and code scanning must be available for the repository. The report is in the artifact.'
    )
  }
}
