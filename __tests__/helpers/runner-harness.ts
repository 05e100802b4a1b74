/**
 * Runs the built action (dist/index.js) as a child process with exactly the environment a runner gives:
 * INPUT_* (hyphens kept, action.yml defaults applied), GITHUB_* files, a clean env (no leaking dev vars).
 * Recipe: reference/github-actions-platform.md section 7.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** OKD_DIST_DIR points the tests at another build of the bundle (e.g. a helper's private build). */
const distDir = process.env.OKD_DIST_DIR ?? path.join(repoRoot, 'dist')
export const ACTION_ENTRY = path.join(distDir, 'index.js')
export const CLI_ENTRY = path.join(distDir, 'cli/index.js')
/** The organization sweep's steps, run by sweep/action.yml. */
export const SWEEP_ENTRY = path.join(distDir, 'sweep/index.js')
export const SWEEP_MANIFEST = path.join(repoRoot, 'sweep/action.yml')
/**
 * The Node binary that runs the bundle: this test's own Node unless OKD_NODE names another one. `.ci/run` runs
 * the suites that spawn dist/ a second time with OKD_NODE set to Node 24, the runtime action.yml declares.
 */
export const DIST_NODE = process.env.OKD_NODE ?? process.execPath

interface ActionYaml {
  inputs: Record<string, { default?: string }>
}

/** action.yml defaults, as the runner merges them (the `${{ github.token }}` expression becomes a fake token). */
export function actionDefaults(manifestPath = path.join(repoRoot, 'action.yml')): Record<string, string> {
  const manifest = parseYaml(readFileSync(manifestPath, 'utf8')) as ActionYaml
  const defaults: Record<string, string> = {}
  for (const [name, spec] of Object.entries(manifest.inputs)) {
    defaults[name] =
      spec.default === '${{ github.token }}'
        ? 'ghs_faketoken0000000000000000000000000000'
        : (spec.default ?? '')
  }
  return defaults
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  properties: Record<string, string>
  message: string
}

export interface ActionRun {
  exitCode: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  annotations: Annotation[]
  /** Values registered with ::add-mask:: (decoded). */
  masks: string[]
  /** Every file the step wrote under the run directory (outputs, summary, SARIF...), path -> content. */
  workDir: string
  durationMs: number
}

export interface RunOptions {
  inputs?: Record<string, string>
  eventName?: string
  event?: unknown
  /** Raw event file content, for unreadable-payload tests. */
  rawEvent?: string
  workspace?: string
  env?: Record<string, string>
  timeoutMs?: number
  entry?: string
  /** The action.yml whose input defaults apply (default: the repository's own). */
  manifest?: string
  args?: string[]
}

export async function runAction(options: RunOptions = {}): Promise<ActionRun> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'okd-run-'))
  const workspace = options.workspace ?? path.join(workDir, 'workspace')
  mkdirSync(workspace, { recursive: true })
  mkdirSync(path.join(workDir, 'temp'), { recursive: true })
  const files = {
    output: path.join(workDir, 'output'),
    summary: path.join(workDir, 'summary'),
    state: path.join(workDir, 'state'),
    env: path.join(workDir, 'env'),
    path: path.join(workDir, 'path'),
    event: path.join(workDir, 'event.json')
  }
  for (const file of [files.output, files.summary, files.state, files.env, files.path])
    writeFileSync(file, '')
  writeFileSync(files.event, options.rawEvent ?? JSON.stringify(options.event ?? {}))

  const inputs = { ...actionDefaults(options.manifest), ...options.inputs }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? workDir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName ?? 'push',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: 'octo/app',
    GITHUB_REPOSITORY_OWNER: 'octo',
    GITHUB_SHA: '0000000000000000000000000000000000000000',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_ACTOR: 'octocat',
    GITHUB_TRIGGERING_ACTOR: 'octocat',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_GRAPHQL_URL: 'http://127.0.0.1:9/graphql',
    GITHUB_WORKSPACE: workspace,
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'check',
    GITHUB_WORKFLOW: 'ci',
    GITHUB_ACTION: 'openai-key-doctor',
    RUNNER_TEMP: path.join(workDir, 'temp'),
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    ...options.env
  }
  for (const [name, value] of Object.entries(inputs))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value

  const started = Date.now()
  const { exitCode, stdout, stderr } = await spawnBounded(
    DIST_NODE,
    [options.entry ?? ACTION_ENTRY, ...(options.args ?? [])],
    { cwd: workspace, env },
    options.timeoutMs ?? 60_000
  )
  const durationMs = Date.now() - started
  const combined = `${stdout}\n${stderr}`
  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
    annotations: parseAnnotations(combined),
    masks: parseMasks(combined),
    workDir,
    durationMs
  }
}

export function cleanup(run: ActionRun): void {
  rmSync(run.workDir, { recursive: true, force: true })
}

export function spawnBounded(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
  timeoutMs: number
): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', chunk => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', chunk => (stderr += chunk))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(
        new Error(`process did not finish within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`)
      )
    }, timeoutMs)
    child.on('error', error => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', code => {
      clearTimeout(timer)
      resolve({ exitCode: code, stdout, stderr })
    })
  })
}

/** Parses `name<<delimiter\nvalue\ndelimiter` blocks (and legacy `name=value` lines) of $GITHUB_OUTPUT. */
export function parseFileCommands(text: string): Record<string, string> {
  const result: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const [, name, delimiter] = heredoc
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i])
      result[name] = value.join('\n')
      continue
    }
    const simple = /^([^=]+)=(.*)$/.exec(lines[i])
    if (simple) result[simple[1]] = simple[2]
  }
  return result
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replace(/%3A/g, ':').replace(/%2C/g, ',')
}

export function parseAnnotations(output: string): Annotation[] {
  const annotations: Annotation[] = []
  for (const line of output.split('\n')) {
    const match = /^::(error|warning|notice)( [^:]*)?::(.*)$/.exec(line)
    if (!match) continue
    const properties: Record<string, string> = {}
    for (const pair of (match[2] ?? '').trim().split(',').filter(Boolean)) {
      const eq = pair.indexOf('=')
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1))
    }
    annotations.push({ level: match[1] as Annotation['level'], properties, message: unescapeData(match[3]) })
  }
  return annotations
}

function parseMasks(output: string): string[] {
  return output
    .split('\n')
    .map(line => /^::add-mask::(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(match => unescapeData(match[1]))
}

/** Every channel a user can see, for secret-hygiene assertions. */
export function everyChannel(run: ActionRun, extraFiles: string[] = []): string {
  const masksRemoved = [run.stdout, run.stderr]
    .join('\n')
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')
  return [
    masksRemoved,
    JSON.stringify(run.outputs),
    run.summary,
    ...extraFiles.map(f => readFileSync(f, 'utf8'))
  ].join('\n')
}
