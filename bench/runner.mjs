// The environment a GitHub runner gives a JavaScript action step, and what the step leaves behind.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
/** OKD_DIST_DIR measures another build of the bundles (default: the committed dist/). */
export const distDir = path.resolve(process.env.OKD_DIST_DIR || path.join(repoRoot, 'dist'))
export const actionEntry = path.join(distDir, 'index.js')
export const cliEntry = path.join(distDir, 'cli', 'index.js')

/** Inputs with action.yml's defaults, as the runner merges them (`${{ github.token }}` becomes a fake token). */
function actionDefaults() {
  const manifest = parseYaml(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8'))
  const defaults = {}
  for (const [name, spec] of Object.entries(manifest.inputs)) {
    defaults[name] =
      spec.default === '${{ github.token }}'
        ? 'ghs_benchfaketoken000000000000000000000'
        : (spec.default ?? '')
  }
  return defaults
}

/**
 * A step's scratch directory and environment: INPUT_* (hyphens kept), GITHUB_* files, nothing inherited but
 * PATH and HOME. GITHUB_API_URL points at a closed local port, so no request leaves the machine.
 */
export function createStep({ inputs, eventName, event, workspace, sha, sarif = false }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'okd-step-'))
  const files = {
    output: path.join(dir, 'output'),
    summary: path.join(dir, 'summary'),
    state: path.join(dir, 'state'),
    env: path.join(dir, 'env'),
    path: path.join(dir, 'path'),
    event: path.join(dir, 'event.json'),
    sarif: path.join(dir, 'temp', 'results.sarif')
  }
  for (const file of [files.output, files.summary, files.state, files.env, files.path])
    writeFileSync(file, '')
  writeFileSync(files.event, JSON.stringify(event ?? {}))
  mkdirSync(path.join(dir, 'temp'))
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? dir,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: 'octo/app',
    GITHUB_REPOSITORY_OWNER: 'octo',
    GITHUB_SHA: sha ?? '0000000000000000000000000000000000000000',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_ACTOR: 'octocat',
    GITHUB_TRIGGERING_ACTOR: 'octocat',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKSPACE: workspace,
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_JOB: 'bench',
    GITHUB_WORKFLOW: 'bench',
    GITHUB_ACTION: 'openai-key-doctor',
    RUNNER_TEMP: path.join(dir, 'temp'),
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_STATE: files.state,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path
  }
  const merged = { ...actionDefaults(), ...inputs, ...(sarif ? { 'sarif-file': files.sarif } : {}) }
  for (const [name, value] of Object.entries(merged))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  return {
    env,
    files,
    outputs: () => parseFileCommands(readFileSync(files.output, 'utf8')),
    summary: () => readFileSync(files.summary, 'utf8'),
    sarif: () => (existsSync(files.sarif) ? JSON.parse(readFileSync(files.sarif, 'utf8')) : undefined),
    dispose: () => rmSync(dir, { recursive: true, force: true })
  }
}

/** `name<<delimiter … delimiter` blocks (and `name=value` lines) of $GITHUB_OUTPUT. */
function parseFileCommands(text) {
  const result = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (heredoc) {
      const value = []
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i])
      result[heredoc[1]] = value.join('\n')
      continue
    }
    const simple = /^([^=]+)=(.*)$/.exec(lines[i])
    if (simple) result[simple[1]] = simple[2]
  }
  return result
}

/** "What was scanned" of the job summary: commits, files, source, and whether it says the scan was incomplete. */
export function summaryCoverage(summary) {
  const counts = /^- ([\d,]+) commits? · ([\d,]+) files? · (.+)$/m.exec(summary)
  const source = /^- Source: (.+)$/m.exec(summary)
  const number = text => Number(text.replace(/,/g, ''))
  return {
    commits: counts ? number(counts[1]) : undefined,
    files: counts ? number(counts[2]) : undefined,
    bytes: counts ? counts[3] : undefined,
    source: source ? source[1] : undefined,
    incomplete: /What was scanned \(incomplete\)|NOT fully scanned/.test(summary)
  }
}
